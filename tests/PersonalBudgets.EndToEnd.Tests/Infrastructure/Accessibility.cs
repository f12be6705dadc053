using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Runtime.CompilerServices;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PersonalBudgets.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Checks every page a test visits with axe-core against WCAG 2.2 A and AA, and keeps count of navigations so that
/// a page reached without a check fails the test.
/// </summary>
public static partial class Accessibility
{
    private static readonly ConditionalWeakTable<IPage, NavigationTracker> Trackers = [];

    public static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>
    /// Starts counting the page's navigations. A page in a context with JavaScript off cannot run axe-core (its
    /// timers never fire), so give it a checker: a page with JavaScript on, where each page's DOM is checked as served.
    /// </summary>
    public static void Track(IPage page, IPage? checker = null)
    {
        var tracker = new NavigationTracker(checker);
        Trackers.Add(page, tracker);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && !frame.Url.StartsWith("about:", StringComparison.Ordinal))
            {
                tracker.Navigated(frame.Url);
            }
        };
    }

    /// <summary>
    /// Call after every navigation: waits for the new page to be shown (its main heading visible, as a person would
    /// wait for it, not for the load event, which also waits for every font and image), then fails the test if
    /// axe-core finds any WCAG 2.2 A or AA violation on it.
    /// </summary>
    public static async Task VisitAndCheckAsync(IPage page)
    {
        var watch = Stopwatch.StartNew();
        Trackers.TryGetValue(page, out var tracker);
        if (tracker is not null)
        {
            await tracker.WaitForUncheckedAsync(Waits.Page);
        }

        var navigated = watch.Elapsed;
        await ShownAsync(page);
        var shown = watch.Elapsed;
        var url = page.Url;
        var checkedPage = tracker?.Checker is { } checker ? await ShowInCheckerAsync(page, checker) : page;
        var seen = await SeenAsync(checkedPage, scripts: tracker?.Checker is null);
        var result = CheckedPages.ContainsKey(seen) ? null : await checkedPage.RunAxe(Options);
        tracker?.Checked();

        // Where the time goes on a busy machine: reaching the page, showing it, checking it.
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{DateTime.UtcNow:HH:mm:ss} {new Uri(url).PathAndQuery}: navigated {navigated.TotalSeconds:0.0} s, shown +{(shown - navigated).TotalSeconds:0.0} s, " +
            (result is null ? "axe-core: the same page as one checked before" : $"axe-core +{(watch.Elapsed - shown).TotalSeconds:0.0} s"));
        if (result is null)
        {
            return;
        }

        if (result.Violations.Length > 0)
        {
            Assert.Fail(Describe(url, result.Violations));
        }

        CheckedPages.TryAdd(seen, 0);
    }

    /// <summary>
    /// The pages that passed a check in this run, by what axe-core sees (<see cref="SeenAsync"/>). axe-core's answer depends
    /// on nothing else, so a page the same as one that passed is not checked again: the sign-in page, the home page and a
    /// record looked at twice unchanged were a third of a run's checks, at one to three seconds each.
    /// </summary>
    private static readonly ConcurrentDictionary<string, byte> CheckedPages = new(StringComparer.Ordinal);

    /// <summary>
    /// What axe-core sees of a page: its document as shown (with the values that change on every request taken out: the
    /// antiforgery token and the script nonce), the viewport, and whether its scripts ran.
    /// </summary>
    private static async Task<string> SeenAsync(IPage page, bool scripts)
    {
        var html = PerRequest().Replace(await page.ContentAsync(), "$1");
        var viewport = page.ViewportSize is { } v ? $"{v.Width}x{v.Height}" : "default";
        return $"{viewport} {(scripts ? "scripts" : "no scripts")} {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(html)))}";
    }

    [GeneratedRegex("""((?:name="__RequestVerificationToken"[^>]*?value|\bnonce)=")[^"]*""")]
    private static partial Regex PerRequest();

    /// <summary>
    /// Serves the page's DOM (built with JavaScript off) to the checker at the same address, so styles and fonts load
    /// as they did, with every script of the page blocked: axe-core sees what a person without JavaScript sees.
    /// </summary>
    private static async Task<IPage> ShowInCheckerAsync(IPage page, IPage checker)
    {
        var url = page.Url;
        var html = await page.ContentAsync();
        await checker.RouteAsync(u => u == url, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = html,
            Headers = new Dictionary<string, string>
            {
                ["Content-Security-Policy"] = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'",
            },
        }));
        try
        {
            await checker.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
            await ShownAsync(checker);
        }
        finally
        {
            await checker.UnrouteAllAsync();
        }

        return checker;
    }

    /// <summary>Every page of the service has one main heading: the page is shown when it is visible.</summary>
    private static Task ShownAsync(IPage page) =>
        Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync(new() { Timeout = (float)Waits.Page.TotalMilliseconds });

    /// <summary>Fails if the page moved on since its last check.</summary>
    public static void EnsureAllChecked(IPage page)
    {
        if (Trackers.TryGetValue(page, out var tracker))
        {
            tracker.EnsureAllChecked();
        }
    }

    private static string Describe(string url, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"axe-core found {violations.Length} accessibility violation(s) (WCAG 2.2 A/AA) on {url}:");
        foreach (var v in violations)
        {
            text.AppendLine().Append($"- {v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]");
            foreach (var node in v.Nodes)
            {
                text.AppendLine().Append($"    at {node.Target}: {node.Html}");
            }
        }

        return text.ToString();
    }

    private sealed class NavigationTracker(IPage? checker)
    {
        public IPage? Checker => checker;

        private readonly Lock gate = new();
        private readonly List<string> missed = [];
        private string? pending;
        private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Navigated(string url)
        {
            lock (gate)
            {
                if (pending is not null)
                {
                    missed.Add(pending);
                }

                pending = url;
                arrived.TrySetResult();
            }
        }

        public async Task WaitForUncheckedAsync(TimeSpan timeout)
        {
            Task wait;
            lock (gate)
            {
                ThrowIfMissed();
                wait = arrived.Task;
            }

            try
            {
                await wait.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"VisitAndCheckAsync was called but no new page came within {timeout.TotalSeconds:0} s of the last check.");
            }
        }

        public void Checked()
        {
            lock (gate)
            {
                ThrowIfMissed();
                pending = null;
                arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void EnsureAllChecked()
        {
            lock (gate)
            {
                ThrowIfMissed();
                if (pending is not null)
                {
                    Assert.Fail($"The test reached {pending} without an accessibility check: call VisitAndCheckAsync after every navigation.");
                }
            }
        }

        private void ThrowIfMissed()
        {
            if (missed.Count > 0)
            {
                Assert.Fail($"The test moved on from {string.Join(", ", missed)} without an accessibility check: call VisitAndCheckAsync after every navigation.");
            }
        }
    }
}
