using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Account;

/// <summary>The GOV.UK timeout warning (issue 11, item 7): it opens before the session ends and "Stay signed in" keeps the page as typed.</summary>
public sealed class TimeoutWarningTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task TheWarning_OpensTwoMinutesBeforeTheEnd_AndStaySignedInKeepsWhatWasTyped()
    {
        // The page's clock is the test's: 28 minutes pass in the browser in a moment, the server's session stays live.
        await Page.Clock.InstallAsync();
        await SignInAsync(DemoData.Nurse);
        await GoToAsync(DemoData.PersonPath(DemoData.ReadyForPlan, "Edit"));
        var town = Page.GetByLabel("Town or city");
        await town.FillAsync("Typed before the warning");
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeHiddenAsync();

        await Page.Clock.FastForwardAsync("28:30");

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "You’re about to be signed out" })).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("we will sign you out in 1 minute");
        var axe = await Page.RunAxe(Accessibility.Options);
        axe.Violations.ShouldBeEmpty(string.Join("; ", axe.Violations.Select(v => v.Id)));

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(town).ToHaveValueAsync("Typed before the warning");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Edit$"));
    }
}
