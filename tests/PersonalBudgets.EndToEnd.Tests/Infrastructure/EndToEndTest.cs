using Microsoft.Playwright;

namespace PersonalBudgets.EndToEnd.Tests.Infrastructure;

/// <summary>A test with its own Chromium profile against the shared running app; helpers for common steps.</summary>
public abstract class EndToEndTest(AppServerFixture app) : IAsyncLifetime
{
    public const string DemoPassword = "Demo-password-2026";

    /// <summary>
    /// Stops a test that hangs as a whole. Each step already has its own wait (<see cref="Waits"/>), so a stall fails
    /// at its step in seconds; this only has to allow the longest journey. Measured with the integration tests running
    /// beside it on two shared cores: the plan-and-approval journey checks 49 pages, each shown within about a second
    /// of the click but taking 6 to 14 s in axe-core, 10 minutes in all.
    /// </summary>
    public const int TestTimeout = 1_200_000;

    private Browser? browser;

    protected AppServerFixture App => app;

    protected IPage Page => browser?.Page ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Whether the browser runs the pages' JavaScript; false tests the pages as they work without it.</summary>
    protected virtual bool JavaScriptEnabled => true;

    public virtual async ValueTask InitializeAsync() => browser = await Browser.LaunchAsync(app.BaseAddress, JavaScriptEnabled);

    public virtual async ValueTask DisposeAsync()
    {
        if (browser is null)
        {
            return;
        }

        try
        {
            if (TestContext.Current.TestState?.Result is null or TestResult.Passed)
            {
                Accessibility.EnsureAllChecked(browser.Page);
            }
        }
        finally
        {
            await browser.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected static Task VisitAndCheckAsync(IPage page) => Accessibility.VisitAndCheckAsync(page);

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>Goes to a path in the app and checks the page once it is shown (not waiting for the load event).</summary>
    protected async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await VisitAndCheckAsync(Page);
    }

    /// <summary>Signs in from the sign-in page as a demo account and lands on the home page.</summary>
    protected async Task SignInAsync(string email)
    {
        await GoToAsync("/Account/SignIn");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("Email address").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(DemoPassword);
        await FollowAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Clicks a link or button that leads to another page, then checks that page once it is shown.</summary>
    /// <remarks>
    /// The click itself waits for the navigation it starts to begin, and that wait is the server's answer: on a busy
    /// machine the first visit to a page (its code and queries compiled on first use) takes as long as a page may.
    /// </remarks>
    protected async Task FollowAsync(ILocator target)
    {
        await target.ClickAsync(new() { Timeout = (float)Waits.Page.TotalMilliseconds });
        await VisitAndCheckAsync(Page);
    }

    protected ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    protected ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    protected ILocator Heading(string name, int level) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = level });

    /// <summary>The row of a GOV.UK summary list with the given key.</summary>
    protected ILocator SummaryRow(string key) =>
        Page.Locator(".govuk-summary-list__row").Filter(new() { Has = Page.Locator(".govuk-summary-list__key", new() { HasText = key }) });
}
