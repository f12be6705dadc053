using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Charging;

/// <summary>
/// Issue 14: a finance officer opens the demo person's waiting financial assessment (NM100030, whose plan is being
/// written), completes a full assessment with an income item, a disability-related cost and capital in the tariff band,
/// sees the working and prints the letter; the plan's funding then names the assessment. axe-core checks every page.
/// </summary>
public sealed class FinancialAssessmentJourneyTests(AppServerFixture app) : EndToEndTest(app)
{
    private const string Person = "NM100030";

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task FinanceOfficer_CompletesAFullAssessment_PrintsTheLetter_AndTheFundingNamesIt()
    {
        // The current financial year needs a published policy: the finance team manager publishes the seeded draft if none is in force.
        await SignInAsync("financemanager@northmoor.example");
        await GoToAsync("/Admin/Charging");
        var thisYear = Page.Locator("#versions tbody tr").Filter(new() { HasText = "2026 to 2027" });
        if (await thisYear.Filter(new() { HasText = "In force" }).CountAsync() == 0)
        {
            await FollowAsync(thisYear.Filter(new() { HasText = "Draft" }).First.Locator("a").First);
            await FollowAsync(Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Publish version \\d+ for 2026 to 2027$") }));
        }

        await SignInAsync("finance@northmoor.example");
        await GoToAsync("/Finance/Work");
        var row = Page.Locator("#mine tbody tr").Filter(new() { HasText = Person });
        await Expect(row).ToHaveCountAsync(1);
        await FollowAsync(row.Locator("a").First);
        await FollowAsync(Link("Record or change the assessment"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Record the financial assessment");

        await Page.GetByRole(AriaRole.Group, new() { Name = "Type of assessment" }).GetByLabel("Full financial assessment", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Income 1: what it is", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Universal Credit" });
        await Page.GetByLabel("Income 1: weekly amount", new() { Exact = true }).FillAsync("250.00");
        await Page.GetByLabel("Income 1: what evidence", new() { Exact = true }).FillAsync("Universal Credit statement, November");
        await Page.GetByLabel("Capital 1: what it is", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Savings or bank account" });
        await Page.GetByLabel("Capital 1: value", new() { Exact = true }).FillAsync("15000");
        await Page.GetByLabel("Cost 1: what it is", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Community alarm" });
        await Page.GetByLabel("Cost 1: weekly amount", new() { Exact = true }).FillAsync("4.50");
        await FollowAsync(Button("Save and check the working"));

        // The working, line by line: capital of £15,000 is £750 over the lower limit, three steps of £250 or part.
        await Expect(Page.Locator("main")).ToContainTextAsync("Universal Credit");
        await Expect(Page.Locator("main")).ToContainTextAsync("Community alarm");
        await Expect(Page.Locator("main")).ToContainTextAsync("£3.00");
        await FollowAsync(Button("Complete the financial assessment"));
        await Expect(SummaryRow("Status")).ToContainTextAsync("Completed");
        await Expect(SummaryRow("Weekly contribution")).ToContainTextAsync(" a week from ");
        var personPath = new Uri(Page.Url).AbsolutePath.Split("/Finance/")[0];

        await FollowAsync(Link("Letter to the person"));
        await Expect(Page.Locator("#headline")).ToHaveTextAsync(new Regex("^You will pay £\\d+\\.\\d\\d a week towards your support$"));
        await Expect(Page.Locator("#review")).ToContainTextAsync("You can ask for a review");

        // A practitioner of the person's team (South) sees it on the Pathway tab, and the plan's funding names the assessment.
        await SignInAsync("ot@northmoor.example");
        await GoToAsync(personPath + "/Pathway");
        await Expect(Page.Locator("#financial-assessment")).ToContainTextAsync("Completed");
        await GoToAsync(personPath + "/Plans");
        await FollowAsync(Page.Locator("main a[href^='/Plans/']").First);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Funding" }));
        await Expect(Page.Locator("#contribution-source")).ToContainTextAsync("From financial assessment version 1");
    }
}
