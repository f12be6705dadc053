using Microsoft.Playwright;

namespace PersonalBudgets.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, one fresh profile per test. Playwright never downloads a browser here:
/// the executable is always given.
/// </summary>
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

    private readonly IPlaywright playwright;
    private readonly List<(IBrowserContext Context, string Profile)> launched = [];

    private Browser(IPlaywright playwright) => this.playwright = playwright;

    public IPage Page { get; private set; } = null!;

    public static async Task<Browser> LaunchAsync(Uri baseAddress, bool javaScriptEnabled = true)
    {
        var chromium = ChromiumPath();
        if (!File.Exists(chromium))
        {
            Assert.Fail(
                $"Chromium was not found at {chromium}. The end-to-end tests need Debian's Chromium: install the Debian package chromium " +
                "(apt-get install chromium), or set CHROMIUM_PATH to a Chromium executable.");
        }

        var browser = new Browser(await Microsoft.Playwright.Playwright.CreateAsync());
        try
        {
            browser.Page = await browser.OpenPageAsync(chromium, baseAddress, javaScriptEnabled);
            var checker = javaScriptEnabled ? null : await browser.OpenPageAsync(chromium, baseAddress, javaScriptEnabled: true);
            Accessibility.Track(browser.Page, checker);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task<IPage> OpenPageAsync(string chromium, Uri baseAddress, bool javaScriptEnabled)
    {
        var profile = Path.Combine(Path.GetTempPath(), "pb-e2e-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        IBrowserContext context;
        try
        {
            context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArgs,
                BaseURL = baseAddress.ToString(),
                JavaScriptEnabled = javaScriptEnabled,
                Locale = "en-GB",
                TimezoneId = "Europe/London",
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
        }
        catch
        {
            TryDelete(profile);
            throw;
        }

        launched.Add((context, profile));
        // Generous: the integration tests run on the same two cores at the same time, so a page can be slow to load.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var (context, _) in launched)
            {
                await context.CloseAsync();
            }
        }
        finally
        {
            playwright.Dispose();
            foreach (var (_, profile) in launched)
            {
                TryDelete(profile);
            }
        }
    }

    private static string ChromiumPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultChromiumPath : fromEnvironment;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary profile.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
