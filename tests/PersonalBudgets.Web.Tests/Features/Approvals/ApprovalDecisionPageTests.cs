using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>
/// What the decider sees (the plan itself and the records behind it), and what the decision gives the person: the
/// conditions of an approval with changes on the budget statement, and a letter when the plan is declined.
/// </summary>
public sealed class ApprovalDecisionPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static async Task<HtmlPage> DecideAsync(Browser browser, Guid requestId, ApprovalOutcome outcome, string reasons, string? changes = null)
    {
        var form = await browser.GetAsync($"/Approvals/{requestId}");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var done = await browser.SubmitAsync(form, ("Outcome", outcome.ToString()), ("Reasons", reasons), ("Changes", changes));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        return done;
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task DecisionPage_ShowsTheOutcomesNeedsContingencyAndCosts_AndLinksToTheAssessmentWrittenRecordAndIndicativeBudget(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, pathway: false);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, indicativeBudgetId: ready.BudgetId, indicativeWeekly: ready.IndicativeWeekly, varianceReason: "Night support");
        var assessmentId = await app.QueryAsync(provider, db => db.EligibilityDeterminations.Where(e => e.PersonId == person.Id).Select(e => e.AssessmentId).SingleAsync());
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var page = await manager.GetAsync($"/Approvals/{plan.RequestId}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelectorAll("#outcomes li").Select(HtmlPage.Text).ShouldBe(["To get out of the house twice a week", "To start painting again"]);
        page.SummaryValue(SpecifiedOutcome.WorkTrainingEducationVolunteering.Label()).ShouldBe("Support to go to the art group");
        HtmlPage.Text(page.Document.GetElementById("contingency")).ShouldBe("Contingency and crisis plan, in my words");
        HtmlPage.Text(page.Document.GetElementById("section-AboutMe")).ShouldBe("About me, in my words");
        page.SummaryValue("Weekly cost").ShouldBe("£211.25");
        page.Document.QuerySelectorAll("#elements tbody tr").Length.ShouldBe(4);
        var links = page.Document.QuerySelectorAll("#plan-basis a").ToDictionary(a => HtmlPage.Text(a), a => a.GetAttribute("href"));
        links["The needs assessment"].ShouldBe($"/Assessments/{assessmentId}");
        links["The written record of the eligibility determination"].ShouldBe($"/Assessments/{assessmentId}/WrittenRecord");
        links["The indicative budget and how it was worked out"].ShouldBe($"/People/{person.Id}/Budget/{ready.BudgetId}");
        links[$"The whole plan, version 1"].ShouldBe($"/Plans/{plan.PlanId}");
        foreach (var href in links.Values)
        {
            (await manager.GetAsync(href!)).Status.ShouldBe(HttpStatusCode.OK, href);
        }

        // Without an eligibility decision or an indicative budget, the page says so rather than linking nowhere.
        var bare = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        var barePage = await manager.GetAsync($"/Approvals/{bare.RequestId}");
        barePage.Document.QuerySelectorAll("#plan-basis a").Select(HtmlPage.Text).ShouldBe(["The whole plan, version 1"]);
        HtmlPage.Text(barePage.Document.GetElementById("plan-basis")).ShouldContain("The plan was not costed against an indicative budget.");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ApprovedWithChanges_TheChangesAreOnTheBudgetStatement_ThePrintableStatement_AndTheApi(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        const string changes = "The personal assistant's hours are checked at the first review";

        await DecideAsync(manager, plan.RequestId, ApprovalOutcome.ApprovedWithChanges, "Meets the needs", changes);

        var budgetId = await app.QueryAsync(provider, db => db.PersonalBudgets.Where(b => b.PlanId == plan.PlanId).Select(b => b.Id).SingleAsync());
        var tab = await manager.GetAsync($"/People/{person.Id}/PersonalBudget");
        tab.SummaryValue("Approved with these changes").ShouldBe(changes);
        var statement = await manager.GetAsync($"/PersonalBudgets/{budgetId}/Statement");
        statement.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(statement.Document.GetElementById("approval-conditions")).ShouldBe(changes);
        statement.BodyText.ShouldContain("Your plan was approved with these changes.");
        var api = await manager.Http.GetStringAsync($"/api/v1/people/{person.Id}/personal-budgets", TestContext.Current.CancellationToken);
        api.ShouldContain($"\"approvalChanges\":\"{changes}\"");

        // A plain approval has no changes to show.
        var other = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        await DecideAsync(manager, other.RequestId, ApprovalOutcome.Approved, "Meets the needs");
        var otherBudget = await app.QueryAsync(provider, db => db.PersonalBudgets.Where(b => b.PlanId == other.PlanId).Select(b => b.Id).SingleAsync());
        (await manager.GetAsync($"/PersonalBudgets/{otherBudget}/Statement")).Document.GetElementById("approval-conditions").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Declined_TheDecisionLinksToALetterForThePerson_WithTheReasonsWhatHappensNextAndHowToChallenge_AndViewingItIsAudited(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        const string reasons = "The plan does not say how the person's relationships need will be met";

        await DecideAsync(manager, plan.RequestId, ApprovalOutcome.Declined, reasons);

        var details = await manager.GetAsync($"/Approvals/{plan.RequestId}");
        var link = details.Document.QuerySelectorAll("a").Single(a => HtmlPage.Text(a) == "The decision letter for the person, to print");
        link.GetAttribute("href").ShouldBe($"/Approvals/{plan.RequestId}/Letter");
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var letter = await nurse.GetAsync(link.GetAttribute("href")!);
        letter.Status.ShouldBe(HttpStatusCode.OK);
        letter.Heading.ShouldBe("Your support plan has not been approved");
        letter.SummaryValue("For").ShouldBe(person.DisplayName);
        // The heading of every letter the person keeps (issue 11, items 8 and 15).
        letter.SummaryValue("Date of birth").ShouldBe("27 March 1980");
        letter.SummaryValue("Our reference").ShouldBe($"{person.PersonIdentifier}/PLAN-1-DECISION");
        letter.Document.GetElementById("council-name").ShouldNotBeNull();
        letter.SummaryValue("Decided by").ShouldBe("Helen Marsh, team manager");
        HtmlPage.Text(letter.Document.GetElementById("reasons")).ShouldBe(reasons);
        HtmlPage.Text(letter.Document.GetElementById("what-happens-next")).ShouldContain("Your key worker will work with you on a new version of your plan");
        var challenge = HtmlPage.Text(letter.Document.GetElementById("how-to-challenge"));
        challenge.ShouldContain("You can ask for the decision to be looked at again");
        challenge.ShouldContain("Local Government and Social Care Ombudsman");
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(e => e.PersonId == person.Id && e.Action == AuditAction.Viewed && e.RecordId == plan.RequestId.ToString())))
            .ShouldBeGreaterThanOrEqualTo(2);

        // An approved plan has its budget statement instead: no decision letter.
        var approved = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        await DecideAsync(manager, approved.RequestId, ApprovalOutcome.Approved, "Meets the needs");
        (await manager.GetAsync($"/Approvals/{approved.RequestId}/Letter")).Status.ShouldBe(HttpStatusCode.NotFound);

        // Staff of another team cannot read it.
        using var south = await app.SignedInAsync(provider, "manager.south@northmoor.example");
        (await south.GetAsync($"/Approvals/{plan.RequestId}/Letter")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
