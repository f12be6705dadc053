namespace PersonalBudgets.EndToEnd.Tests.Infrastructure;

/// <summary>
/// How long a browser test waits for what a person would see. Tests wait for the page's content (Playwright's
/// web-first assertions), never for load events.
/// </summary>
public static class Waits
{
    /// <summary>For a new page to be shown after a link, a button or an address.</summary>
    public static readonly TimeSpan Page = TimeSpan.FromSeconds(30);

    /// <summary>For what a test expects to see on the page (web-first assertions).</summary>
    public static readonly TimeSpan Expect = TimeSpan.FromSeconds(15);

    /// <summary>For the run's one Chromium to start.</summary>
    public static readonly TimeSpan Launch = TimeSpan.FromSeconds(90);

    /// <summary>For an element to be ready for an action (click, fill, check).</summary>
    public static readonly TimeSpan Action = TimeSpan.FromSeconds(15);
}
