using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.BudgetStatements;

/// <summary>The personal budget tab (the s26 statement), the printable statement for the person, and its API.</summary>
public sealed class PersonalBudgetStatementTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Finance = "finance@northmoor.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The North team manager approves the request through the API.</summary>
    private async Task ApproveAsync(DatabaseProvider provider, Guid requestId)
    {
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        using var body = new StringContent("""{"outcome":"Approved","reasons":"Meets the eligible needs","revision":1}""", Encoding.UTF8, "application/json");
        using var response = await manager.Http.PostAsync(new Uri($"/api/v1/approvals/{requestId}/decision", UriKind.Relative), body, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private static IReadOnlyList<string> Row(HtmlPage page, string selector, string first) => page.TableRows(selector).Single(r => r[0] == first);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Statement_ForMixedDeployments_ShowsTheSharesAndASplitThatAddsUp(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, contribution: 20m, nhsShare: 30m);
        await ApproveAsync(provider, plan.RequestId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{person.Id}/PersonalBudget");

        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.Document.QuerySelector("a[aria-current=page]").ShouldNotBeNull().TextContent.ShouldBe("Personal budget");
        tab.SummaryValue("Total weekly cost").ShouldBe("£211.25");
        tab.SummaryValue("Total annual cost").ShouldBe("£10,985.00");
        tab.SummaryValue("Assessed contribution").ShouldBe("£20.00 a week (£1,040.00 a year)");
        tab.SummaryValue("NHS share").ShouldBe("£30.00 a week (£1,560.00 a year)");
        tab.SummaryValue("Council's share").ShouldBe("£161.25 a week (£8,385.00 a year)");
        tab.SummaryValue("Start date").ShouldBe(UkFormat.Date(ApprovalArrange.Today.AddDays(7)));
        tab.SummaryValue("From the plan").ShouldBe("Version 1 of the support plan");
        tab.SummaryValue("Approval decision").ShouldNotBeNull().ShouldStartWith("Approved by Helen Marsh on ");
        tab.TableRows("#current table").ShouldBe([
            ["Direct payment", "£93.00", "£4,836.00"],
            ["Council-managed personal budget", "£12.25", "£637.00"],
            ["Individual service fund", "£66.00", "£3,432.00"],
            ["Council-commissioned service", "£40.00", "£2,080.00"],
            ["Total", "£211.25", "£10,985.00"],
        ]);
        tab.Document.QuerySelector("#earlier").ShouldBeNull();

        var budgetId = await app.QueryAsync(provider, db => db.PersonalBudgets.Where(b => b.PlanId == plan.PlanId).Select(b => b.Id).SingleAsync());
        var statement = await nurse.GetAsync($"/PersonalBudgets/{budgetId}/Statement");
        statement.Status.ShouldBe(HttpStatusCode.OK);
        statement.Heading.ShouldBe("Your personal budget is £211.25 a week");
        statement.SummaryValue("For").ShouldBe(person.DisplayName);
        statement.SummaryValue("You pay").ShouldBe("£20.00 a week (£1,040.00 a year)");
        statement.SummaryValue("The NHS pays").ShouldBe("£30.00 a week (£1,560.00 a year)");
        statement.SummaryValue("The council pays").ShouldBe("£161.25 a week (£8,385.00 a year)");
        statement.TableRows()[^1].ShouldBe(["Total", "£211.25", "£10,985.00"]);
        statement.BodyText.ShouldContain("A direct payment is money paid to you");
        statement.BodyText.ShouldContain("use your browser's print option");
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Viewed && a.RecordType == "PersonalBudget" && a.PersonId == person.Id))).ShouldBe(2);

        using var api = await nurse.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/personal-budgets", UriKind.Relative), Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        var current = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("current");
        current.GetProperty("weeklyCost").GetDecimal().ShouldBe(211.25m);
        current.GetProperty("councilShareAnnual").GetDecimal().ShouldBe(8385m);
        current.GetProperty("byDeployment").EnumerateArray().Sum(d => d.GetProperty("annual").GetDecimal()).ShouldBe(10985m);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Statement_ForSection117Aftercare_ChargesNothing_EvenIfAContributionWasEntered(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        // The contribution was entered before the entitlement was recorded.
        var plan = await app.SubmittedPlanAsync(provider, person.Id, contribution: 25m, nhsShare: 50m);
        await app.Section117Async(provider, person.Id);
        await ApproveAsync(provider, plan.RequestId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{person.Id}/PersonalBudget");

        tab.SummaryValue("Assessed contribution").ShouldBe("No charge: section 117 aftercare is free");
        tab.SummaryValue("NHS share").ShouldBe("£50.00 a week (£2,600.00 a year)");
        tab.SummaryValue("Council's share").ShouldBe("£161.25 a week (£8,385.00 a year)");
        var budget = await app.QueryAsync(provider, db => db.PersonalBudgets.AsNoTracking().SingleAsync(b => b.PlanId == plan.PlanId));
        budget.ContributionWeekly.ShouldBe(0m);
        budget.Section117.ShouldBeTrue();
        var statement = await nurse.GetAsync($"/PersonalBudgets/{budget.Id}/Statement");
        statement.SummaryValue("You pay").ShouldBe("Nothing");
        statement.Document.QuerySelector("#section-117").ShouldNotBeNull().TextContent.ShouldStartWith("No charge: section 117 aftercare is free");
        using var api = await nurse.Http.GetAsync(new Uri($"/api/v1/personal-budgets/{budget.Id}", UriKind.Relative), Ct);
        var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct)).RootElement;
        json.GetProperty("contributionWeekly").GetDecimal().ShouldBe(0m);
        json.GetProperty("section117").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RevisedPlanApproved_EndsTheEarlierBudget_WhichIsListedBelow(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var first = await app.SubmittedPlanAsync(provider, person.Id, [new("Weekly art group", 40m, 1m, Deployment.DirectPayment, 0)]);
        await ApproveAsync(provider, first.RequestId);
        var second = await app.RevisedPlanAsync(provider, first, [new("Weekly art group", 40m, 2m, Deployment.DirectPayment, 3)]);
        await ApproveAsync(provider, second.RequestId);

        (await app.PlanAsync(provider, first.PlanId)).Status.ShouldBe(PlanStatus.Superseded);
        (await app.PlanAsync(provider, second.PlanId)).Status.ShouldBe(PlanStatus.Approved);
        using var finance = await app.SignedInAsync(provider, Finance);
        var tab = await finance.GetAsync($"/People/{person.Id}/PersonalBudget");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.SummaryValue("Total weekly cost").ShouldBe("£80.00");
        tab.SummaryValue("From the plan").ShouldBe("Version 2 of the support plan");
        Row(tab, "#earlier", UkFormat.Date(ApprovalArrange.Today)).ShouldBe([UkFormat.Date(ApprovalArrange.Today), UkFormat.Date(ApprovalArrange.Today.AddDays(2)), "Version 1", "£40.00", "£40.00"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Permissions_FinanceOfficerSeesTheBudget_AnalystAndOtherTeamsDoNot(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        await ApproveAsync(provider, plan.RequestId);
        var budgetId = await app.QueryAsync(provider, db => db.PersonalBudgets.Where(b => b.PlanId == plan.PlanId).Select(b => b.Id).SingleAsync());

        using var finance = await app.SignedInAsync(provider, Finance);
        (await finance.GetAsync($"/People/{person.Id}/PersonalBudget")).Status.ShouldBe(HttpStatusCode.OK);
        (await finance.GetAsync($"/PersonalBudgets/{budgetId}/Statement")).Status.ShouldBe(HttpStatusCode.OK);
        using var financeApi = await finance.Http.GetAsync(new Uri($"/api/v1/personal-budgets/{budgetId}", UriKind.Relative), Ct);
        financeApi.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var analyst = await app.SignedInAsync(provider, "analyst@northmoor.example");
        (await analyst.GetAsync($"/People/{person.Id}/PersonalBudget")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        using var analystApi = await analyst.Http.GetAsync(new Uri($"/api/v1/personal-budgets/{budgetId}", UriKind.Relative), Ct);
        analystApi.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var south = await app.SignedInAsync(provider, "ot@northmoor.example");
        (await south.GetAsync($"/People/{person.Id}/PersonalBudget")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await south.GetAsync($"/PersonalBudgets/{budgetId}/Statement")).Status.ShouldBe(HttpStatusCode.Forbidden);

        var none = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/People/{none.Id}/PersonalBudget")).Document.QuerySelector("#no-budget").ShouldNotBeNull();
        (await nurse.GetAsync($"/PersonalBudgets/{Guid.NewGuid()}/Statement")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Contribution_IsProvisionalUntilTheFinancialAssessmentIsCompleted_ThenNamesIt(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, contribution: 20m, nhsShare: 0m);
        await ApproveAsync(provider, plan.RequestId);
        var budgetId = await app.QueryAsync(provider, db => db.PersonalBudgets.Where(b => b.PlanId == plan.PlanId).Select(b => b.Id).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        // Typed in the plan, with no financial assessment: provisional, on the tab and on the person's own statement.
        var tab = await nurse.GetAsync($"/People/{person.Id}/PersonalBudget");
        tab.SummaryValue("Assessed contribution").ShouldBe("£20.00 a week (£1,040.00 a year)");
        tab.SummaryValue("Contribution worked out by").ShouldNotBeNull().ShouldStartWith("Provisional");
        var statement = await nurse.GetAsync($"/PersonalBudgets/{budgetId}/Statement");
        statement.SummaryValue("You pay").ShouldBe("£20.00 a week (£1,040.00 a year)");
        statement.Document.GetElementById("contribution-source").ShouldNotBeNull().TextContent.ShouldStartWith("Provisional");
        statement.BodyText.ShouldNotContain("comes from your financial assessment");

        // The finance officer completes a full assessment: Universal Credit of £250 a week less the minimum income guarantee.
        var year = await PublishThisYearsPolicyAsync(provider);
        using var finance = await app.SignedInAsync(provider, Finance);
        var started = await finance.SubmitAsync(await finance.GetAsync($"/People/{person.Id}/Finance"));
        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        var saved = await finance.SubmitAsync(await finance.FollowAsync(started), ("Type", "Full"), ("AgeBand", "Aged25ToPensionCreditAge"), ("Household", "SinglePerson"), ("Children", "0"),
            ("Income[0].Kind", "UniversalCredit"), ("Income[0].Amount", "250.00"), ("Income[0].EvidenceSeen", "true"), ("Income[0].Evidence", "UC statement"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var completed = await finance.SubmitAsync(await finance.FollowAsync(saved), [], "form[action*='handler=Complete']");
        completed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", completed.ErrorSummary));
        var mig = await app.QueryAsync(provider, async db => (await db.ChargingPolicyVersions.SingleAsync(v => v.FinancialYearStart == year && v.IsCurrent)).Definition.Mig.SingleAged25ToPensionCreditAge);
        var expected = 250m - mig;
        var completedOn = UkFormat.Date(await app.QueryAsync(provider, async db => UkTime.DateOf((await db.FinancialAssessments.SingleAsync(f => f.PersonId == person.Id)).CompletedAt!.Value)));

        tab = await nurse.GetAsync($"/People/{person.Id}/PersonalBudget");
        tab.SummaryValue("Assessed contribution").ShouldBe($"{UkFormat.Money(expected)} a week ({UkFormat.Money(Core.Budgets.Money.Annual(expected))} a year)");
        tab.SummaryValue("Contribution worked out by").ShouldNotBeNull().ShouldStartWith($"From financial assessment version 1, completed {completedOn}");
        statement = await nurse.GetAsync($"/PersonalBudgets/{budgetId}/Statement");
        statement.SummaryValue("You pay").ShouldBe($"{UkFormat.Money(expected)} a week ({UkFormat.Money(Core.Budgets.Money.Annual(expected))} a year)");
        var source = statement.Document.GetElementById("contribution-source").ShouldNotBeNull().TextContent;
        source.ShouldNotContain("Provisional");
        source.ShouldContain($"financial assessment version 1, completed {completedOn}");
    }

    /// <summary>Today's financial year needs a published charging policy before an assessment completes (once per database).</summary>
    private Task<int> PublishThisYearsPolicyAsync(DatabaseProvider provider) => app.QueryAsync(provider, async db =>
    {
        var year = Core.Charging.ChargingPolicyVersion.FinancialYearOf(UkTime.DateOf(DateTimeOffset.UtcNow));
        if (await db.ChargingPolicyVersions.AnyAsync(v => v.FinancialYearStart == year && v.IsCurrent))
        {
            return year;
        }

        var actor = new Actor(Guid.Empty, "Test");
        var draft = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.FinancialYearStart == year && v.Status == Core.Charging.ChargingPolicyStatus.Draft);
        if (draft is null)
        {
            draft = Core.Charging.ChargingPolicyVersion.CreateDraft(await db.ChargingPolicyVersions.MaxAsync(v => v.Number) + 1, "Test",
                Core.Charging.ExampleChargingPolicies.For2025To2026 with { FinancialYearStart = year }, false, actor, DateTimeOffset.UtcNow);
            db.ChargingPolicyVersions.Add(draft);
        }

        draft.Publish(actor, DateTimeOffset.UtcNow, null);
        await db.SaveChangesAsync();
        return year;
    });
}
