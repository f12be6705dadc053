using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Charging;

/// <summary>
/// Issue 14: a finance officer takes a person whose plan is being written through a financial assessment; the
/// contribution reaches the plan; practitioners see the outcome, not the evidence; bad input is a 400 naming the field;
/// two finance staff completing the same assessment get one winner and a conflict.
/// </summary>
public sealed class FinancialAssessmentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string FinanceManager = "financemanager@northmoor.example";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Today falls in 2026 to 2027: its seeded draft policy is published (once per database) so assessments can complete.</summary>
    private Task<bool> PublishThisYearsPolicyAsync(DatabaseProvider provider) => app.QueryAsync(provider, async db =>
    {
        var year = ChargingPolicyVersion.FinancialYearOf(UkTime.DateOf(DateTimeOffset.UtcNow));
        if (await db.ChargingPolicyVersions.AnyAsync(v => v.FinancialYearStart == year && v.IsCurrent))
        {
            return true;
        }

        var draft = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.FinancialYearStart == year && v.Status == ChargingPolicyStatus.Draft)
            ?? ChargingPolicyVersion.CreateDraft(await db.ChargingPolicyVersions.MaxAsync(v => v.Number) + 1, "Test", ExampleChargingPolicies.For2025To2026 with { FinancialYearStart = year }, false, new Actor(Guid.Empty, "Test"), DateTimeOffset.UtcNow);
        if (db.Entry(draft).State == EntityState.Detached) db.ChargingPolicyVersions.Add(draft);
        draft.Publish(new Actor(Guid.Empty, "Test"), DateTimeOffset.UtcNow, null);
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>A North person ready for planning with a draft plan costing £300 a week (contribution typed as £0).</summary>
    private async Task<(Guid PersonId, Guid PlanId)> PersonWithDraftPlanAsync(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        await app.CompleteAsync(provider, planId, 300m);
        return (person.Id, planId);
    }

    private static async Task<HtmlPage> StartAndRecordAsync(Browser finance, Guid personId, params (string, string?)[] fields)
    {
        var tab = await finance.GetAsync($"/People/{personId}/Finance");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        var started = await finance.SubmitAsync(tab);
        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        var edit = await finance.FollowAsync(started);
        edit.Heading.ShouldBe("Record the financial assessment");
        return await finance.SubmitAsync(edit, fields);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FinanceOfficer_CompletesAnAssessment_ThePlanTakesTheContribution_AndTheLetterPrints(DatabaseProvider provider)
    {
        await PublishThisYearsPolicyAsync(provider);
        var (personId, planId) = await PersonWithDraftPlanAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        // Typed in the plan until the assessment is completed: provisional.
        var provisional = await nurse.GetAsync($"/Plans/{planId}/Funding");
        provisional.Status.ShouldBe(HttpStatusCode.OK);
        provisional.Document.GetElementById("contribution-source")!.TextContent.ShouldContain("Provisional");

        var saved = await StartAndRecordAsync(finance, personId, ("Type", "Full"), ("AgeBand", "Aged25ToPensionCreditAge"), ("Household", "SinglePerson"), ("Children", "0"),
            ("Income[0].Kind", "UniversalCredit"), ("Income[0].Amount", "250.00"), ("Income[0].EvidenceSeen", "true"), ("Income[0].Evidence", "UC statement"),
            ("Income[1].Kind", "Earnings"), ("Income[1].Amount", "80"),
            ("Capital[0].Kind", "MainHome"), ("Capital[0].Amount", "150000"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var details = await finance.FollowAsync(saved);
        details.BodyText.ShouldContain("earnings from work are not counted");
        details.BodyText.ShouldContain("the main home is not counted for care outside a care home");
        details.TableRows("#evidence").ShouldContain(r => r[0] == "Income: Universal Credit" && r[1] == "Yes" && r[2] == "UC statement");

        var completed = await finance.SubmitAsync(details, [], "form[action*='handler=Complete']");
        completed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", completed.ErrorSummary));
        details = await finance.FollowAsync(completed);
        // £250 counted less the MIG (single, 25 to pension credit age) of the policy in force; the plan costs £300.
        var year = ChargingPolicyVersion.FinancialYearOf(UkTime.DateOf(DateTimeOffset.UtcNow));
        var mig = await app.QueryAsync(provider, async db => (await db.ChargingPolicyVersions.SingleAsync(v => v.FinancialYearStart == year && v.IsCurrent)).Definition.Mig.SingleAged25ToPensionCreditAge);
        var expected = 250m - mig;
        details.SummaryValue("Weekly contribution").ShouldStartWith($"{UkFormat.Money(expected)} a week from ");
        details.SummaryValue("Status").ShouldBe("Completed");

        var plan = await app.PlanAsync(provider, planId);
        plan.AssessedContributionWeekly.ShouldBe(expected);
        plan.ContributionAssessmentId.ShouldNotBeNull();
        (await app.QueryAsync(provider, db => db.AuditEntries.AnyAsync(a => a.RecordType == "SupportPlan" && a.PersonId == personId && a.Summary!.Contains("now comes from financial assessment"))))
            .ShouldBeTrue();

        var letter = await finance.GetAsync(details.Document.QuerySelector("a[href$='/Letter']")!.GetAttribute("href")!);
        letter.Status.ShouldBe(HttpStatusCode.OK);
        letter.Heading.ShouldBe($"You will pay {UkFormat.Money(expected)} a week towards your support");
        letter.BodyText.ShouldContain("You can ask for a review of this assessment");
        letter.BodyText.ShouldContain("Local Government and Social Care Ombudsman");

        // The plan's funding names the assessment; the Pathway tab shows it.
        var funding = await nurse.GetAsync($"/Plans/{planId}/Funding");
        funding.Document.GetElementById("contribution-source")!.TextContent.ShouldContain($"Contribution: {UkFormat.Money(expected)} a week. From financial assessment version 1, completed ");
        var pathway = await nurse.GetAsync($"/People/{personId}/Pathway");
        pathway.Status.ShouldBe(HttpStatusCode.OK);
        pathway.Document.GetElementById("financial-assessment")!.TextContent.ShouldContain("Completed (version 1, Full financial assessment)");

        // The practitioner sees the outcome, not the evidence, and cannot record or print.
        var seen = await nurse.GetAsync(details.Url);
        seen.Status.ShouldBe(HttpStatusCode.OK);
        seen.SummaryValue("Weekly contribution").ShouldStartWith($"{UkFormat.Money(expected)} a week");
        seen.Document.GetElementById("outcome-only").ShouldNotBeNull();
        seen.Document.GetElementById("evidence").ShouldBeNull();
        seen.BodyText.ShouldNotContain("UC statement");
        // A practitioner sees the outcome, not the evidence: the letter (with the working) is refused as every staff page refuses.
        (await nurse.GetAsync(letter.Url)).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ACorrection_Completed_ReplacesTheVersionBefore_AndThePlanTakesIt(DatabaseProvider provider)
    {
        await PublishThisYearsPolicyAsync(provider);
        var (personId, planId) = await PersonWithDraftPlanAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var details = await finance.FollowAsync(await StartAndRecordAsync(finance, personId, ("Type", "Declined")));
        details = await finance.FollowAsync(await finance.SubmitAsync(details, [], "form[action*='handler=Complete']"));
        var corrected = await finance.SubmitAsync(details, [new KeyValuePair<string, string?>("Reason", "The person sent their Universal Credit statement")], "form[action*='handler=Correct']");
        corrected.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", corrected.ErrorSummary));
        var edit = await finance.FollowAsync(corrected);
        edit.Heading.ShouldBe("Record the financial assessment");
        var version2 = await finance.FollowAsync(await finance.SubmitAsync(edit, ("Type", "Full"), ("Income[0].Kind", "UniversalCredit"), ("Income[0].Amount", "150")));
        var completed = await finance.SubmitAsync(version2, [], "form[action*='handler=Complete']");
        completed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", completed.ErrorSummary));

        var versions = await app.QueryAsync(provider, db => db.FinancialAssessments.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.Version).ToListAsync());
        versions.Select(v => v.Status).ShouldBe([FinancialAssessmentStatus.Replaced, FinancialAssessmentStatus.Completed]);
        (await app.PlanAsync(provider, planId)).ContributionAssessmentId.ShouldBe(versions[1].Id);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Edit_WithBadInput_Is400NamingTheField_AndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        var (personId, _) = await PersonWithDraftPlanAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);

        var bad = await StartAndRecordAsync(finance, personId, ("Type", "Full"), ("Income[0].Kind", "UniversalCredit"), ("Income[0].Amount", "abc"),
            ("Dre[0].Kind", "Other"), ("Dre[0].Amount", "5"));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.FieldError("Income_0__Amount").ShouldBe("Income row 1: weekly amount must be an amount of money in pounds and pence, like 4.50");
        bad.InputValue("Income_0__Amount").ShouldBe("abc");

        var noReason = await finance.SubmitAsync(bad, ("Income[0].Amount", "100"));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.FieldError("Dre_0__Reason").ShouldBe("Disability-related cost 1: say why this cost arises from the person's disability");

        var noType = await finance.SubmitAsync(noReason, ("Type", "Nonsense"));
        noType.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwoFinanceStaff_CompleteTheSameAssessment_OneWins_TheOtherGetsAConflict(DatabaseProvider provider)
    {
        await PublishThisYearsPolicyAsync(provider);
        var (personId, _) = await PersonWithDraftPlanAsync(provider);
        using var officer = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var details = await officer.FollowAsync(await StartAndRecordAsync(officer, personId, ("Type", "Declined")));
        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var managersCopy = await manager.GetAsync(details.Url);
        managersCopy.Status.ShouldBe(HttpStatusCode.OK);

        var first = await officer.SubmitAsync(details, [], "form[action*='handler=Complete']");
        first.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", first.ErrorSummary));
        var second = await manager.SubmitAsync(managersCopy, [], "form[action*='handler=Complete']");
        second.Status.ShouldBe(HttpStatusCode.Conflict);
        second.ErrorSummary.ShouldContain(e => e.StartsWith("This record was changed by Mark Ellis", StringComparison.Ordinal));
        (await app.QueryAsync(provider, db => db.FinancialAssessments.CountAsync(f => f.PersonId == personId && f.Status == FinancialAssessmentStatus.Completed))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_GivesPractitionersTheOutcome_AndFinanceTheInput_AndRefusesBadInput(DatabaseProvider provider)
    {
        var (personId, _) = await PersonWithDraftPlanAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        await StartAndRecordAsync(finance, personId, ("Type", "Full"), ("Income[0].Kind", "StatePension"), ("Income[0].Amount", "200"));

        using var list = await finance.Http.GetAsync($"/api/v1/people/{personId}/financial-assessments", Ct);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct)).RootElement[0];
        item.GetProperty("input").ValueKind.ShouldBe(JsonValueKind.Object);
        var id = item.GetProperty("id").GetGuid();
        var revision = item.GetProperty("revision").GetInt32();

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var outcome = await nurse.Http.GetAsync($"/api/v1/people/{personId}/financial-assessments", Ct);
        outcome.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await outcome.Content.ReadAsStringAsync(Ct)).RootElement[0].GetProperty("input").ValueKind.ShouldBe(JsonValueKind.Null);
        using var refused = await nurse.Http.PutAsJsonAsync($"/api/v1/people/{personId}/financial-assessments/{id}", new { revision, input = new { type = "Full", weeklyCost = 0 } }, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var bad = await finance.Http.PutAsJsonAsync($"/api/v1/people/{personId}/financial-assessments/{id}",
            new { revision, input = new { type = "Full", weeklyCost = 0, children = -1, income = new[] { new { kind = "UniversalCredit", weekly = -5 } } } }, Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync(Ct);
        problem.ShouldContain("Children");
        problem.ShouldContain("Income[0].Weekly");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PolicyPage_MarksUnconfirmedFigures_AndOnlyFinanceManagersAndAdministratorsManageIt(DatabaseProvider provider)
    {
        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var index = await manager.GetAsync("/Admin/Charging");
        index.Status.ShouldBe(HttpStatusCode.OK);
        var example = index.Document.QuerySelectorAll("#versions tbody tr").Single(r => HtmlPage.Text(r.QuerySelectorAll("td")[1]) == "2025 to 2026" && HtmlPage.Text(r).Contains("Example", StringComparison.Ordinal));
        var page = await manager.GetAsync(example.QuerySelector("a")!.GetAttribute("href")!);
        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = page.TableRows("#figures");
        rows.ShouldContain(r => r[0] == "MIG: single, aged 18 to 24" && r[1] == "£89.15" && r[2] == "Yes");
        rows.ShouldContain(r => r[0] == "Carer premium" && r[2] == "Check against the circular");
        page.Document.QuerySelector("main form[method=post]").ShouldBeNull();

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync("/Admin/Charging")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        using var admin = await app.SignedInAsync(provider, DemoAccounts.Administrator);
        (await admin.GetAsync("/Admin/Charging")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
