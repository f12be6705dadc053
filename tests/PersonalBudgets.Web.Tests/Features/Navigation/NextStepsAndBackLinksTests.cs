using System.Net;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Navigation;

/// <summary>
/// Next steps and the way back (issue 11, item 14): a review that is due is "Review" on My work, the record's two budget
/// tabs cannot be confused, back links return to where the user came from (a local address only), and after an
/// indicative budget the page links to what comes next.
/// </summary>
public sealed class NextStepsAndBackLinksTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task MyWork_ShowsABudgetInPlaceStep_AsTheReviewThatIsDue(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        var person = await app.NewNorthPersonAsync(provider);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.BudgetInPlace, PathwayArrange.Today.AddDays(3), staff.Email);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);

        var work = await browser.GetAsync("/Work");

        var row = work.TableRows().ShouldHaveSingleItem();
        row[1].ShouldBe("Review");
        row[0].ShouldNotContain("Budget in place");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheRecordsTabs_NameTheIndicativeBudgetAndThePersonalBudgetApart(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var record = await nurse.GetAsync($"/People/{person.Id}");

        var tabs = record.Document.QuerySelectorAll("nav[aria-label='Record sections'] a").Select(HtmlPage.Text).ToList();
        tabs.ShouldContain("Indicative budget");
        tabs.ShouldContain("Personal budget");
        tabs.ShouldNotContain("Budget");
        var budget = await nurse.GetAsync($"/People/{person.Id}/Budget");
        budget.Document.Title.ShouldNotBeNull().ShouldStartWith("Indicative budget - ");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BackLinks_ReturnToWhereTheUserCameFrom_OnlyWhenItIsALocalAddress(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.Referral, PathwayArrange.Today.AddDays(1), DemoAccounts.NorthNurse);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var work = await nurse.GetAsync("/Work?stage=Referral");
        var href = work.Document.QuerySelectorAll("main table a").Select(a => a.GetAttribute("href")!)
            .First(h => h.StartsWith($"/People/{person.Id}/Pathway", StringComparison.Ordinal));
        href.ShouldContain("returnUrl=%2FWork%3Fstage%3DReferral");
        var pathway = await nurse.GetAsync(href);
        pathway.Status.ShouldBe(HttpStatusCode.OK);
        var back = pathway.Document.QuerySelector("a.govuk-back-link").ShouldNotBeNull();
        back.GetAttribute("href").ShouldBe("/Work?stage=Referral");
        HtmlPage.Text(back).ShouldBe("Back");
        var details = pathway.Document.QuerySelectorAll("nav[aria-label='Record sections'] a").First(a => HtmlPage.Text(a) == "Details").GetAttribute("href")!;
        var viaTab = await nurse.GetAsync(details);
        viaTab.Document.QuerySelector("a.govuk-back-link")!.GetAttribute("href").ShouldBe("/Work?stage=Referral", "the record's tabs keep the way back");

        foreach (var unsafeUrl in new[] { "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)" })
        {
            var page = await nurse.GetAsync($"/People/{person.Id}?returnUrl={Uri.EscapeDataString(unsafeUrl)}");
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Document.QuerySelector("a.govuk-back-link")!.GetAttribute("href").ShouldBe("/People", $"{unsafeUrl} is not followed");
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Pages_AboutAPerson_ShowTheirDateOfBirthAndIdentifiers(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        foreach (var url in new[] { $"/People/{person.Id}/Edit", $"/People/{person.Id}/Pathway/Refer", $"/People/{person.Id}/Assessments/Start" })
        {
            var page = await nurse.GetAsync(url);
            page.Status.ShouldBe(HttpStatusCode.OK, url);
            var caption = HtmlPage.Text(page.Document.GetElementById("person-caption"));
            caption.ShouldContain(person.DisplayName);
            caption.ShouldContain("Born ");
            caption.ShouldContain(person.PersonIdentifier);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AnIndicativeBudget_LinksToStartingTheSupportPlan(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, person.Id, eligible: true);
        var published = await app.PublishedRasAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/People/{person.Id}/Budget/New");

        var result = await nurse.FollowAsync(await nurse.SubmitAsync(form, BudgetArrange.AnswerAll(published.Definition, 1)));

        result.Status.ShouldBe(HttpStatusCode.OK);
        var next = result.Document.GetElementById("next-steps").ShouldNotBeNull();
        next.QuerySelectorAll("a").Select(a => (HtmlPage.Text(a), a.GetAttribute("href"))).ShouldContain(("Start a support plan", $"/People/{person.Id}/Plans/Start"));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AnApproval_LinksToThePersonalBudgetStatement(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        plan.Route.ShouldBe(ApprovalRoute.TeamManager);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var page = await manager.GetAsync($"/Approvals/{plan.RequestId}");

        var after = await manager.FollowAsync(await manager.SubmitAsync(page, ("Outcome", nameof(ApprovalOutcome.Approved)), ("Reasons", "Meets the eligible needs")));

        after.BodyText.ShouldContain("Decision recorded");
        var link = after.Document.GetElementById("next-steps").ShouldNotBeNull().QuerySelector("a").ShouldNotBeNull();
        HtmlPage.Text(link).ShouldBe("See the personal budget statement");
        link.GetAttribute("href").ShouldBe($"/People/{person.Id}/PersonalBudget");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AnEligibilityDecision_LinksToWhatComesNext(DatabaseProvider provider)
    {
        var eligible = await app.NewNorthPersonAsync(provider);
        var eligibleAssessment = await app.AdultAsync(provider, eligible.Id, outcomesNotAchieved: 2);
        (await app.DecideAsync(provider, eligibleAssessment)).ShouldBeTrue();
        var notEligible = await app.NewNorthPersonAsync(provider);
        var notEligibleAssessment = await app.AdultAsync(provider, notEligible.Id, outcomesNotAchieved: 1);
        await app.DecideAsync(provider, notEligibleAssessment, advice: "Contact the local wellbeing service");
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var yes = await nurse.GetAsync($"/Assessments/{eligibleAssessment}/Eligibility");
        var no = await nurse.GetAsync($"/Assessments/{notEligibleAssessment}/Eligibility");

        yes.Status.ShouldBe(HttpStatusCode.OK);
        yes.Document.GetElementById("next-steps").ShouldNotBeNull().QuerySelectorAll("a").Select(a => (HtmlPage.Text(a), a.GetAttribute("href")))
            .ShouldContain(("Work out an indicative budget", $"/People/{eligible.Id}/Budget/New"));
        no.Status.ShouldBe(HttpStatusCode.OK);
        var noLinks = no.Document.GetElementById("next-steps").ShouldNotBeNull().QuerySelectorAll("a").Select(HtmlPage.Text).ToList();
        noLinks.ShouldContain("View and print the written record");
        noLinks.ShouldNotContain("Work out an indicative budget");
    }
}
