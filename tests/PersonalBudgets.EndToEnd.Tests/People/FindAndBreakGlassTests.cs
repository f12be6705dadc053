using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.People;

public sealed class FindAndBreakGlassTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_FindsPersonInTheirTeam_AndOpensEachSectionOfTheRecord()
    {
        await SignInAsync(DemoData.Nurse);

        await FollowAsync(Link("People"));
        await Expect(Heading("People", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Search by name, NHS number, council identifier or postcode").FillAsync("Testw");
        await FollowAsync(Button("Search"));
        await Expect(Heading("1 person", 2)).ToBeVisibleAsync();

        await FollowAsync(Link("Robin Testwell"));
        await Expect(Heading("Robin Testwell", 1)).ToBeVisibleAsync();
        await Expect(Heading("Personal details", 2)).ToBeVisibleAsync();
        await Expect(SummaryRow("Council person identifier")).ToContainTextAsync("NM100008");

        var sections = Page.GetByRole(AriaRole.Navigation, new() { Name = "Record sections" });
        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "Allocation" }));
        await Expect(Heading("Teams and key worker", 2)).ToBeVisibleAsync();
        await Expect(SummaryRow("Teams")).ToContainTextAsync("North Community Mental Health Team");

        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "History" }));
        await Expect(Heading("History", 2)).ToBeVisibleAsync();
        // Changes only by default; views of the record when asked for.
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Viewed record");
        await Page.GetByLabel("Times the record was viewed").CheckAsync();
        await FollowAsync(Button("Update history"));
        await Expect(Page.GetByRole(AriaRole.Table)).ToContainTextAsync("Viewed record");

        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "Details" }));
        await Expect(Heading("Personal details", 2)).ToBeVisibleAsync();
    }

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_OpeningPersonOutsideTheirTeams_IsRefused_AndCanUseBreakGlassWithAReason()
    {
        const string reason = "Arrived in crisis at the North team base; own team closed";
        await SignInAsync(DemoData.Nurse);

        // Demo person 6 is in the South team only.
        await GoToAsync(DemoData.PersonPath(6));
        await Expect(Heading("You do not have access to this record", 1)).ToBeVisibleAsync();

        await FollowAsync(Button("Use break-glass access"));
        await Expect(Heading("Use break-glass access", 1)).ToBeVisibleAsync();

        await FollowAsync(Button("Open the record"));
        var errorSummary = Page.Locator(".govuk-error-summary");
        await Expect(errorSummary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));

        await Page.GetByLabel("Why do you need to see this record?").FillAsync(reason);
        await FollowAsync(Button("Open the record"));
        await Expect(Heading("Taylor Mockford", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator(".govuk-warning-text")).ToContainTextAsync("You are using break-glass access to this record");

        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Record sections" }).GetByRole(AriaRole.Link, new() { Name = "History" }));
        var breakGlassRow = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Break-glass access" }).Filter(new() { HasText = reason });
        await Expect(breakGlassRow).ToHaveCountAsync(1);
        await Expect(breakGlassRow).ToContainTextAsync(DemoData.NurseName);
    }
}
