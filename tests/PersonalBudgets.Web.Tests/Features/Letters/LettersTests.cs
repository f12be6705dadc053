using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Letters;

/// <summary>
/// The letters the person keeps (written record, plan, budget statement, indicative budget): who they are from and
/// for, a reference, the key worker and how to contact the team, real dates and plain, grammatical words.
/// </summary>
public sealed partial class LettersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Checks the heading every letter starts with, from the demo configuration and the person's record.</summary>
    private static void ShouldHaveTheHeading(HtmlPage letter, TestPerson person, string reference)
    {
        letter.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(letter.Document.GetElementById("council-name")).ShouldBe("Northmoor City Council, Adult Social Care");
        HtmlPage.Text(letter.Document.GetElementById("council-address")).ShouldBe("Town Hall 1 Market Street Northmoor NM1 1AA");
        letter.SummaryValue("For").ShouldBe(person.DisplayName);
        letter.SummaryValue("Date of birth").ShouldBe("27 March 1980");
        letter.SummaryValue("Our reference").ShouldBe($"{person.PersonIdentifier}/{reference}");
        letter.SummaryValue("Your key worker").ShouldBe(DemoAccounts.NorthNurseName);
        letter.SummaryValue("How to contact us").ShouldBe("North Community Mental Health Team: phone 01632 960100, or email north.cmht@northmoor.example");
    }

    private async Task ApproveAsync(DatabaseProvider provider, Guid requestId)
    {
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        using var body = new StringContent("""{"outcome":"Approved","reasons":"Meets the eligible needs","revision":1}""", Encoding.UTF8, "application/json");
        using var response = await manager.Http.PostAsync(new Uri($"/api/v1/approvals/{requestId}/decision", UriKind.Relative), body, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Statement_NamesTheCouncilKeyWorkerAndTeam_AndGivesTheNextReviewsDate(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        await ApproveAsync(provider, plan.RequestId);
        var budgetId = await app.QueryAsync(provider, db => db.PersonalBudgets.Where(b => b.PlanId == plan.PlanId).Select(b => b.Id).SingleAsync());
        var reviewDue = await app.QueryAsync(provider, db => db.PathwaySteps
            .Where(s => s.PersonId == person.Id && s.CompletedAt == null && s.Stage == PathwayStage.BudgetInPlace).Select(s => s.DueDate).SingleAsync());
        var planNumber = await app.QueryAsync(provider, db => db.SupportPlans.Where(p => p.Id == plan.PlanId).Select(p => p.Number).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var statement = await nurse.GetAsync($"/PersonalBudgets/{budgetId}/Statement");

        ShouldHaveTheHeading(statement, person, $"BUDGET-{planNumber}");
        statement.SummaryValue("Date").ShouldBe(UkFormat.Date(ApprovalArrange.Today));
        statement.SummaryValue("Your next review").ShouldBe($"By {UkFormat.Date(reviewDue)}");
        HtmlPage.Text(statement.Document.GetElementById("next-review")).ShouldBe(
            $"Talk to your key worker, {DemoAccounts.NorthNurseName}, or your team. Your next review is due by {UkFormat.Date(reviewDue)}, then at least once a year. You can ask for a review at any time.");
        statement.BodyText.ShouldNotContain("within a few weeks");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PlanPrint_HasTheHeading_PlainWordsForTheCost_AndPricesAndFrequenciesInGoodEnglish(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, elements:
        [
            new("Personal assistant", 16.50m, 1m, Core.SupportPlans.Deployment.DirectPayment, 7),
            new("Cooking support", 15m, 2.5m, Core.SupportPlans.Deployment.CouncilCommissioned, 7),
        ]);
        var planNumber = await app.QueryAsync(provider, db => db.SupportPlans.Where(p => p.Id == plan.PlanId).Select(p => p.Number).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var print = await nurse.GetAsync($"/Plans/{plan.PlanId}/Print");

        ShouldHaveTheHeading(print, person, $"PLAN-{planNumber}");
        print.SummaryValue("Your next review").ShouldBeNull();
        print.BodyText.ShouldContain("1 hour a week, at £16.50 an hour");
        print.BodyText.ShouldContain("2.5 hours a week, at £15.00 an hour");
        print.BodyText.ShouldNotContain("highest total of the parts in force");
        BadGrammar().IsMatch(print.BodyText).ShouldBeFalse(BadGrammar().Match(print.BodyText).Value);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WrittenRecord_HasTheHeading(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, person.Id, eligible: true);
        var decision = await app.QueryAsync(provider, db => db.Assessments.Where(a => a.PersonId == person.Id).Select(a => a.Id).SingleAsync());
        var decidedOn = await app.QueryAsync(provider, db => db.EligibilityDeterminations.Where(d => d.AssessmentId == decision).Select(d => d.ConfirmedAt).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var record = await nurse.GetAsync($"/Assessments/{decision}/WrittenRecord");

        ShouldHaveTheHeading(record, person, $"ELIG-{UkTime.DateOf(decidedOn):yyyyMMdd}");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task IndicativeBudget_HasAPrintableExplanation_ForThePerson(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var calculatedAt = await app.QueryAsync(provider, db => db.IndicativeBudgets.Where(b => b.Id == ready.BudgetId).Select(b => b.CalculatedAt).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var details = await nurse.GetAsync($"/People/{person.Id}/Budget/{ready.BudgetId}");
        var link = details.Document.GetElementById("print-explanation").ShouldNotBeNull().GetAttribute("href");
        var print = await nurse.GetAsync(link!);

        ShouldHaveTheHeading(print, person, $"IB-{UkTime.DateOf(calculatedAt):yyyyMMdd}");
        print.Heading.ShouldBe($"We expect to spend about {UkFormat.Money(ready.IndicativeWeekly)} a week on your support");
        HtmlPage.Text(print.Document.GetElementById("meaning")).ShouldContain("It is a starting point, not a promise of a fixed amount.");
        print.Document.QuerySelectorAll("#working li").Length.ShouldBeGreaterThan(2);
        print.Document.GetElementById("challenge").ShouldNotBeNull();
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.RecordId == ready.BudgetId.ToString() && a.Action == Core.Audit.AuditAction.Viewed)))
            .ShouldBeGreaterThanOrEqualTo(2);
    }

    /// <summary>"a hour", "1 sessions", "1 hours": a price or a count that does not agree with its unit.</summary>
    [GeneratedRegex(@"\ba hour\b|\b1 (hours|sessions|days|nights|items|weeks)\b")]
    private static partial Regex BadGrammar();
}
