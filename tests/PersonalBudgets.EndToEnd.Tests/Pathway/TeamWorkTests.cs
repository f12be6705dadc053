using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Pathway;

/// <summary>The team manager sees overdue and unowned work and reallocates an overdue stage with a reason.</summary>
public sealed class TeamWorkTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task TeamManager_ReallocatesAnOverdueStage_AndThePersonsTimelineShowsTheOwnersNowAndBefore()
    {
        var personId = DemoData.PersonId(DemoData.PlanningOverdue).ToString();
        await SignInAsync(DemoData.NorthManager);

        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Team work" }));
        await Expect(Heading("Team work", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator("#unowned")).ToContainTextAsync("No owner");

        var row = Page.Locator("#overdue").GetByRole(AriaRole.Row).Filter(new() { Has = Page.Locator($"a[href='/People/{personId}/Pathway']") });
        await Expect(row).ToContainTextAsync("Support planning");
        await Expect(row).ToContainTextAsync(DemoData.SocialWorkerName);
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        // Each member is offered with how much open work they own now.
        var nurse = Page.Locator("#OwnerId option", new() { HasTextString = $"{DemoData.NurseName} (Nurse): " });
        await Expect(nurse).ToContainTextAsync("open now");
        await Page.GetByLabel("Who should own the selected work?").SelectOptionAsync(new SelectOptionValue { Value = await nurse.GetAttributeAsync("value") });
        await Page.GetByLabel("Why is the work being reallocated?").FillAsync("Tom is on leave for three weeks; Priya knows the person well.");
        await FollowAsync(Button("Reallocate selected work"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("1 piece of work reallocated");

        // The nurse's count of open work opens her list, where all of it could be moved at once.
        await FollowAsync(Page.Locator("#by-member").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^\\d+ open: {DemoData.NurseName}$") }));
        await Expect(Heading($"Open work owned by {DemoData.NurseName}", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator("#steps")).ToContainTextAsync("Support planning");
        await Expect(Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Reallocate all \\d+ pieces? of work in this list$") })).ToBeVisibleAsync();

        await GoToAsync($"/People/{personId}/Pathway");
        var main = Page.Locator("main");
        await Expect(main).ToContainTextAsync(DemoData.NurseName);
        await Expect(main).ToContainTextAsync(DemoData.SocialWorkerName);
        await Expect(main).ToContainTextAsync("Tom is on leave for three weeks");
    }
}
