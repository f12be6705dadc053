using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Assessments;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Api;

/// <summary>
/// Another system takes a person from "no assessment" to "eligible, with an indicative budget and recorded offers"
/// through the API alone.
/// </summary>
public sealed class PathwayJourneyApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_TakesAPersonFromNoAssessmentToAnIndicativeBudgetWithOffers(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var assessment = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", AssessmentsApiTests.WholeAssessment(complete: true), Ct);
        assessment.StatusCode.ShouldBe(HttpStatusCode.Created, await assessment.Content.ReadAsStringAsync(Ct));
        var assessmentId = (await JsonAsync(assessment)).GetProperty("id").GetGuid();

        using var eligibility = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/eligibility",
            new { significantImpact = true, significantImpactReason = "Without help with meals and washing the person's mental health deteriorates quickly." }, Ct);
        eligibility.StatusCode.ShouldBe(HttpStatusCode.Created, await eligibility.Content.ReadAsStringAsync(Ct));
        (await JsonAsync(eligibility)).GetProperty("eligible").GetBoolean().ShouldBeTrue();

        using var firstOffer = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/offers",
            new { stage = "Eligibility", assessmentId, offered = true, response = "WantsTimeToDecide" }, Ct);
        firstOffer.StatusCode.ShouldBe(HttpStatusCode.Created, await firstOffer.Content.ReadAsStringAsync(Ct));

        using var ras = await nurse.Http.GetAsync(new Uri("/api/v1/ras/published", UriKind.Relative), Ct);
        ras.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = await app.QueryAsync(provider, db => db.RasVersions.AsNoTracking().SingleAsync(v => v.Kind == RasKind.Adult && v.Status == RasVersionStatus.Published));
        // The second answer to every question: a mid-range need and "some" informal support.
        var answers = published.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[1].Id);
        var expected = RasCalculator.Calculate(published.Definition, answers);

        using var budget = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/indicative-budgets",
            new { answers, completedWith = "PersonWithSupport" }, Ct);
        budget.StatusCode.ShouldBe(HttpStatusCode.Created, await budget.Content.ReadAsStringAsync(Ct));
        var budgetJson = await JsonAsync(budget);
        var budgetId = budgetJson.GetProperty("id").GetGuid();
        budgetJson.GetProperty("weeklyAmount").GetDecimal().ShouldBe(expected.Weekly);
        budgetJson.GetProperty("annualAmount").GetDecimal().ShouldBe(expected.Annual);

        using var secondOffer = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/offers",
            new { stage = "IndicativeBudget", indicativeBudgetId = budgetId, offered = true, response = "InterestedInDirectPayment" }, Ct);
        secondOffer.StatusCode.ShouldBe(HttpStatusCode.Created, await secondOffer.Content.ReadAsStringAsync(Ct));

        using var offers = await nurse.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/offers", UriKind.Relative), Ct);
        var offerList = await JsonAsync(offers);
        var stages = (offerList.ValueKind == JsonValueKind.Array ? offerList : offerList.GetProperty("items")).EnumerateArray()
            .Select(o => o.GetProperty("stage").GetString()).ToList();
        stages.ShouldBe(["Eligibility", "IndicativeBudget"], ignoreOrder: true);
    }
}
