using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Eligibility;

/// <summary>
/// The person's current eligibility is one rule: after an eligible decision, a "not eligible" decision on a corrected
/// assessment removes the draft plan's eligible needs and the indicative budget's eligibility alike, and the pathway
/// records the decision as work done outside it rather than ignoring it.
/// </summary>
public sealed class CurrentEligibilityTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NotEligibleCorrection_AfterAnEligibleDecision_ThePlanTheIndicativeBudgetAndTheApiAgree(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var http = nurse.Http;

        var before = await OkAsync(await http.GetAsync(new Uri($"/api/v1/plans/{planId}", UriKind.Relative), Ct));
        before.GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("need").GetString()).ShouldBe(PlanArrange.EligibleNeeds.Select(n => n.ToString()));
        (await OkAsync(await http.GetAsync(new Uri($"/api/v1/people/{person.Id}/indicative-budgets", UriKind.Relative), Ct))).GetProperty("eligible").GetBoolean().ShouldBeTrue();

        // A corrected assessment finds only one outcome the person cannot achieve: not eligible.
        var corrected = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 1);
        var decided = await OkAsync(await http.PostAsJsonAsync($"/api/v1/assessments/{corrected}/eligibility",
            new { significantImpact = true, significantImpactReason = "Daily life is affected", advice = "Advice on local groups given" }, Ct), HttpStatusCode.Created);
        decided.GetProperty("eligible").GetBoolean().ShouldBeFalse();

        var plan = await OkAsync(await http.GetAsync(new Uri($"/api/v1/plans/{planId}", UriKind.Relative), Ct));
        plan.GetProperty("needs").GetArrayLength().ShouldBe(0);
        (await OkAsync(await http.GetAsync(new Uri($"/api/v1/people/{person.Id}/indicative-budgets", UriKind.Relative), Ct))).GetProperty("eligible").GetBoolean().ShouldBeFalse();
        using var need = await http.PutAsJsonAsync($"/api/v1/plans/{planId}/needs/{PlanArrange.EligibleNeeds[0]}",
            new { revision = plan.GetProperty("revision").GetInt32(), howMet = "With a PA", writtenBy = "Practitioner" }, Ct);
        need.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The pathway stays at support planning, and the decision is on the record as work done outside it.
        var (stage, outside) = await app.QueryAsync(provider, async db => (
            await db.PathwayEpisodes.Where(e => e.PersonId == person.Id && e.EndedAt == null).Select(e => e.Stage).SingleAsync(Ct),
            await db.AuditEntries.Where(e => e.PersonId == person.Id && e.RecordType == PathwayService.RecordType).Select(e => e.Summary).ToListAsync(Ct)));
        stage.ShouldBe(PathwayStage.SupportPlanning);
        outside.ShouldContain("Eligibility was decided (not eligible) outside the pathway: the pathway is at support planning, so it did not move");
    }
}
