using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Pathway;

/// <summary>
/// A practitioner writes a support plan with the person (a direct payment and a commissioned service), submits it,
/// and the team manager approves it within the delegated limit; the budget statement shows the split.
/// </summary>
public sealed class PlanAndApprovalTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_WritesAPlanWithThePerson_AndTheTeamManagerApprovesItWithinTheLimit()
    {
        var personId = DemoData.PersonId(DemoData.ReadyForPlan).ToString();
        await SignInAsync(DemoData.Nurse);

        // The plan is Priya's job: it is in her work, with its due date.
        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "My work" }));
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.Locator($"a[href*='{personId}']") })).ToContainTextAsync("Support planning");

        await GoToAsync($"/People/{personId}/Plans");
        await FollowAsync(Button("Start a support plan"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Care and support plan, version 1");
        var overview = Page.Url;

        await WriteSectionAsync("About me", "I am Sam. I love growing vegetables and I used to work in a garden centre.", "The person");
        await WriteSectionAsync("What matters to me", "Getting out of the flat, seeing my sister, and going back to work one day.", "The person");

        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "The outcomes I want" }));
        await Page.GetByLabel("Outcome 1", new() { Exact = true }).FillAsync("To go to the allotment twice a week");
        await FollowAsync(Button("Add another outcome"));
        await Page.GetByLabel("Outcome 2", new() { Exact = true }).FillAsync("To meet other people who understand");
        await WrittenByAndSaveAsync("The person");

        await GoToAsync(overview);
        var needs = Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^How this need will be met") });
        var count = await needs.CountAsync();
        count.ShouldBeGreaterThan(0);
        for (var i = 0; i < count; i++)
        {
            await GoToAsync(overview);
            await FollowAsync(needs.Nth(i));
            await Page.GetByLabel("How will this need be met?").FillAsync("A personal assistant, paid by direct payment, goes with me; my sister helps at weekends.");
            await WrittenByAndSaveAsync("The practitioner");
        }

        await AddElementAsync("Personal assistant for the allotment and shopping", "Personal assistant", "A personal assistant the person employs", "15.00", "Hour", "12", "Direct payment");
        await AddElementAsync("Peer support group", "Peer support", "Northmoor peer support network", "45.00", "Session", "1", "Council-commissioned service");
        await GoToAsync(overview);
        await Expect(Page.Locator("main")).ToContainTextAsync("£225.00");

        await GoToAsync(overview);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Funding" }));
        await Page.GetByLabel("The person's weekly contribution, in pounds").FillAsync("0");
        await Page.GetByLabel("The NHS's weekly share, in pounds (for an integrated budget)").FillAsync("0");
        await Page.GetByLabel("Why the weekly cost differs from the indicative amount").FillAsync("The person chose fewer hours of a personal assistant and a peer group instead of a day service.");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Does the plan have significant risks?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));

        await WriteSectionAsync("Contingency and crisis plan", "If I become unwell I will call the crisis line; my sister will tell my personal assistant.", "The person");

        await GoToAsync(overview);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "The person's agreement" }));
        await Page.GetByLabel("Agreed", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("What the person said, in their own words").FillAsync("This is my plan and I am happy with it.");
        await Page.GetByRole(AriaRole.Group, new() { Name = "How did the person take part in planning?" }).GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));

        await GoToAsync(overview);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Check and submit" }));
        await Expect(Heading("Check the plan before submitting it for approval", 1)).ToBeVisibleAsync();
        await FollowAsync(Button("Submit for approval"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Team manager ({DemoData.NorthManagerName})");

        // A printable copy for the person.
        await GoToAsync(overview.TrimEnd('/') + "/Print");
        await Expect(Page.Locator("main")).ToContainTextAsync("To go to the allotment twice a week");

        // The team manager approves it within the delegated limit.
        await FollowAsync(Button("Sign out"));
        await SignInAsync(DemoData.NorthManager);
        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Approvals" }));
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "£225.00" });
        await FollowAsync(row.GetByRole(AriaRole.Link).First);
        await Page.GetByLabel("Approved", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Reasons for the decision").FillAsync("The plan meets the eligible needs within the indicative budget range and the person wrote most of it.");
        await FollowAsync(Button("Record the decision"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The personal budget starts on");

        await GoToAsync($"/People/{personId}/PersonalBudget");
        await Expect(SummaryRow("Total weekly cost")).ToContainTextAsync("£225.00");
        await Expect(SummaryRow("Total annual cost")).ToContainTextAsync("£11,700.00");
        var split = Page.Locator("table.app-budget-split");
        await Expect(split.GetByRole(AriaRole.Row).Filter(new() { HasText = "Direct payment" })).ToContainTextAsync("£180.00");
        await Expect(split.GetByRole(AriaRole.Row).Filter(new() { HasText = "Council-commissioned service" })).ToContainTextAsync("£45.00");

        // Every step shows who owns it: the budget is in place, owned by the plan's author, with its first review due.
        await GoToAsync($"/People/{personId}/Pathway");
        await Expect(Page.Locator("main")).ToContainTextAsync("Budget in place");
        await Expect(Page.Locator("main")).ToContainTextAsync(DemoData.NurseName);
    }

    private async Task WriteSectionAsync(string task, string text, string writtenBy)
    {
        await GoToOverviewAsync();
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = task, Exact = true }));
        await Page.GetByLabel(task, new() { Exact = true }).FillAsync(text);
        await WrittenByAndSaveAsync(writtenBy);
    }

    private async Task WrittenByAndSaveAsync(string writtenBy)
    {
        await Page.GetByRole(AriaRole.Group, new() { Name = "Who wrote this part?" }).GetByLabel(writtenBy, new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await Expect(Page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);
    }

    private async Task AddElementAsync(string description, string category, string provider, string unitCost, string unitType, string units, string deployment)
    {
        await GoToOverviewAsync();
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Costed support" }));
        if (await Heading("Add costed support", 1).CountAsync() == 0)
        {
            await FollowAsync(Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Add") }).First);
        }

        var today = DateTime.Today;
        await Page.GetByLabel("What is the support?").FillAsync(description);
        await Page.GetByLabel("Kind of support").SelectOptionAsync(new SelectOptionValue { Label = category });
        await Page.GetByLabel("Who provides it?").FillAsync(provider);
        await Page.GetByLabel("Cost of one unit, in pounds").FillAsync(unitCost);
        await Page.GetByRole(AriaRole.Group, new() { Name = "What is a unit?" }).GetByLabel(unitType, new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Units a week").FillAsync(units);
        var start = Page.GetByRole(AriaRole.Group, new() { Name = "Start date" });
        await start.GetByLabel("Day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await start.GetByLabel("Month").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await start.GetByLabel("Year").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Group, new() { Name = "How is it paid for?" }).GetByLabel(deployment, new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Which eligible need does it meet?" }).GetByRole(AriaRole.Radio).First.CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await Expect(Page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);
    }

    private string? overviewUrl;

    private async Task GoToOverviewAsync()
    {
        overviewUrl ??= Page.Url;
        await GoToAsync(overviewUrl);
    }
}
