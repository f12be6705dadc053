using Microsoft.Playwright;

namespace PersonalBudgets.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright: one Chromium for the whole run, and a fresh browser context (its own
/// cookies and storage, like a new incognito window) per test. Playwright never downloads a browser here: the
/// executable is always given.
/// </summary>
/// <remarks>
/// Each test used to start its own Playwright driver (a Node.js process) and its own Chromium (a browser process with
/// its GPU, network and renderer processes). On two shared cores that start-up alone took half a minute or more of a
/// test's time while the integration tests ran beside it; a context costs a fraction of that.
/// </remarks>
public sealed class Browser : IAsyncDisposable
{
    private const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? chromium;

    private readonly List<IBrowserContext> contexts = [];

    private Browser()
    {
    }

    public IPage Page { get; private set; } = null!;

    public static async Task<Browser> LaunchAsync(Uri baseAddress, bool javaScriptEnabled = true)
    {
        var shared = await SharedChromiumAsync();
        var browser = new Browser();
        try
        {
            browser.Page = await browser.OpenPageAsync(shared, baseAddress, javaScriptEnabled);
            var checker = javaScriptEnabled ? null : await browser.OpenPageAsync(shared, baseAddress, javaScriptEnabled: true);
            Accessibility.Track(browser.Page, checker);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>The run's one Chromium, launched on first use.</summary>
    private static async Task<IBrowser> SharedChromiumAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (chromium is { IsConnected: true })
            {
                return chromium;
            }

            var executable = ChromiumPath();
            if (!File.Exists(executable))
            {
                Assert.Fail(
                    $"Chromium was not found at {executable}. The end-to-end tests need Debian's Chromium: install the Debian package chromium " +
                    "(apt-get install chromium), or set CHROMIUM_PATH to a Chromium executable.");
            }

            Assertions.SetDefaultExpectTimeout((float)Waits.Expect.TotalMilliseconds);
            playwright ??= await Microsoft.Playwright.Playwright.CreateAsync();
            chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = (float)Waits.Launch.TotalMilliseconds,
            });
            return chromium;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Closes the run's Chromium and the Playwright driver (see <see cref="ChromiumLifetime"/>).</summary>
    public static async ValueTask CloseSharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (chromium is not null)
            {
                await chromium.CloseAsync();
                chromium = null;
            }

            playwright?.Dispose();
            playwright = null;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<IPage> OpenPageAsync(IBrowser shared, Uri baseAddress, bool javaScriptEnabled)
    {
        var context = await shared.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        contexts.Add(context);
        context.SetDefaultTimeout((float)Waits.Action.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Waits.Page.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    private static string ChromiumPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultChromiumPath : fromEnvironment;
    }
}

/// <summary>Closes the run's Chromium when the test run ends.</summary>
public sealed class ChromiumLifetime : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Browser.CloseSharedAsync();
}
