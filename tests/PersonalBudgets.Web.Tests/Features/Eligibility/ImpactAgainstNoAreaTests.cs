using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Eligibility;

/// <summary>A significant impact judged while every wellbeing area says "no impact": confirmed on the page or in the API, and shown.</summary>
public sealed class ImpactAgainstNoAreaTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Reason = "Taken together, not eating and not washing leave her isolated and low";
    private const string ConfirmMessage = "Every wellbeing area in the assessment is recorded as no impact. Confirm that there is, or is likely to be, a significant impact on wellbeing, or change your answer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Page_AsksToConfirm_RefusesWithout_RecordsAndShowsTheConfirmation(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2, everyWellbeingArea: WellbeingImpact.None);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        form.BodyText.ShouldContain("Every wellbeing area in the assessment is recorded as no impact.");

        var refused = await nurse.SubmitAsync(form, ("SignificantImpact", "true"), ("SignificantImpactReason", Reason));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("ConfirmImpactDespiteNoAreaAffected").ShouldBe(ConfirmMessage);
        var decided = await nurse.SubmitAsync(refused, ("ConfirmImpactDespiteNoAreaAffected", "true"));
        decided.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", decided.ErrorSummary));

        var decision = await nurse.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        decision.SummaryValue("Decision").ShouldBe("Eligible");
        decision.SummaryValue("Confirmed against the assessment").ShouldNotBeNull().ShouldStartWith($"Yes: {DemoAccounts.NorthNurseName} confirmed a significant impact");
        var record = await nurse.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");
        HtmlPage.Text(record.Document.GetElementById("wellbeing-confirmed")).ShouldContain($"{DemoAccounts.NorthNurseName} considered this and confirmed");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Page_WithSomeAreaAffected_DoesNotAsk(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await nurse.GetAsync($"/Assessments/{assessmentId}/Eligibility");

        form.Document.QuerySelector("input[name=ConfirmImpactDespiteNoAreaAffected]").ShouldBeNull();
        var record = await nurse.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");
        record.Document.GetElementById("wellbeing-confirmed").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_Is400NamingTheField_UntilConfirmed_ThenGivesTheConfirmation(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2, everyWellbeingArea: WellbeingImpact.None);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var refused = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/eligibility", new { significantImpact = true, significantImpactReason = Reason }, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("errors").GetProperty("confirmImpactDespiteNoAreaAffected").EnumerateArray().Single().GetString().ShouldBe(ConfirmMessage);

        using var created = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/eligibility",
            new { significantImpact = true, significantImpactReason = Reason, confirmImpactDespiteNoAreaAffected = true }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        body.GetProperty("eligible").GetBoolean().ShouldBeTrue();
        body.GetProperty("confirmedImpactDespiteNoAreaAffected").GetBoolean().ShouldBeTrue();
    }
}
