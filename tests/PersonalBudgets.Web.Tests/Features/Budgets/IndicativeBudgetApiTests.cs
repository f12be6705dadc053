using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Budgets;

/// <summary>The indicative budget API: the published questionnaire, create and read with the working, challenges, and refusals as ProblemDetails.</summary>
public sealed class IndicativeBudgetApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_CreatesAndReadsAnIndicativeBudgetWithItsWorking_AndRecordsAChallenge(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, person.Id, eligible: true);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var published = await nurse.Http.GetAsync(new Uri("/api/v1/ras/published", UriKind.Relative), Ct);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ras = await JsonAsync(published);
        var questions = ras.GetProperty("definition").GetProperty("questions").EnumerateArray().ToList();
        questions.Count.ShouldBeGreaterThan(1);
        var answers = questions.ToDictionary(q => q.GetProperty("id").GetString()!, q => q.GetProperty("answers")[1].GetProperty("id").GetString()!);
        var expected = RasCalculator.Calculate((await app.PublishedRasAsync(provider)).Definition, answers);

        using var created = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/indicative-budgets", new { answers, completedWith = "PersonWithSupport" }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var body = await JsonAsync(created);
        body.GetProperty("weeklyAmount").GetDecimal().ShouldBe(expected.Weekly);
        body.GetProperty("annualAmount").GetDecimal().ShouldBe(expected.Annual);
        body.GetProperty("note").GetString().ShouldNotBeNull().ShouldContain("starting point, not an entitlement");
        var id = body.GetProperty("id").GetGuid();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/indicative-budgets/{id}");

        using var read = await nurse.Http.GetAsync(created.Headers.Location, Ct);
        var budget = await JsonAsync(read);
        budget.GetProperty("totalPoints").GetInt32().ShouldBe(expected.TotalPoints);
        budget.GetProperty("working").GetProperty("lines").GetArrayLength().ShouldBe(expected.Lines.Count);
        budget.GetProperty("steps").EnumerateArray().Select(s => s.GetString()).ShouldBe(expected.Steps());
        budget.GetProperty("completedWith").GetString().ShouldBe("PersonWithSupport");

        using var list = await nurse.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/indicative-budgets", UriKind.Relative), Ct);
        var items = await JsonAsync(list);
        items.GetProperty("eligible").GetBoolean().ShouldBeTrue();
        items.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(id);

        using var noReason = await nurse.Http.PostAsJsonAsync($"/api/v1/indicative-budgets/{id}/challenges", new { reason = "" }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(noReason);
        problem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        problem.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("Enter why the person disagrees with the amount");

        using var challenged = await nurse.Http.PostAsJsonAsync($"/api/v1/indicative-budgets/{id}/challenges", new { reason = "Too low for the support needed" }, Ct);
        challenged.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await JsonAsync(challenged)).GetProperty("reason").GetString().ShouldBe("Too low for the support needed");

        using var again = await nurse.Http.GetAsync(created.Headers.Location, Ct);
        (await JsonAsync(again)).GetProperty("challenges").EnumerateArray().ShouldHaveSingleItem().GetProperty("outcome").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_MissingAnswersAndNotEligible_Are400ProblemDetails(DatabaseProvider provider)
    {
        var eligible = await app.NewNorthPersonAsync(provider);
        var notEligible = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, eligible.Id, eligible: true);
        await app.DecideEligibilityAsync(provider, notEligible.Id, eligible: false);
        var definition = (await app.PublishedRasAsync(provider)).Definition;
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var missing = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{eligible.Id}/indicative-budgets",
            new { answers = new Dictionary<string, string> { [definition.Questions[0].Id] = definition.Questions[0].Answers[0].Id } }, Ct);

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(missing);
        problem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("completedWith")[0].GetString().ShouldBe("Select who completed the questionnaire");
        errors.GetProperty($"answers[{definition.Questions[1].Id}]")[0].GetString().ShouldBe($"Answer: {definition.Questions[1].Text}");
        errors.TryGetProperty($"answers[{definition.Questions[0].Id}]", out _).ShouldBeFalse();

        using var refused = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{notEligible.Id}/indicative-budgets",
            new { answers = BudgetArrange.AnswerDictionary(definition, 0), completedWith = "PractitionerWithPerson" }, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var notEligibleProblem = await JsonAsync(refused);
        notEligibleProblem.GetProperty("errorCode").GetString().ShouldBe("indicative-budget-not-eligible");
        notEligibleProblem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Decide eligibility first");
        (await app.QueryAsync(provider, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.IndicativeBudgets, b => b.PersonId == notEligible.Id || b.PersonId == eligible.Id))).ShouldBe(0);

        using var unknown = await nurse.Http.GetAsync(new Uri($"/api/v1/indicative-budgets/{Guid.NewGuid()}", UriKind.Relative), Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var analyst = await app.SignedInAsync(provider, "analyst@northmoor.example");
        using var forbidden = await analyst.Http.GetAsync(new Uri($"/api/v1/people/{eligible.Id}/indicative-budgets", UriKind.Relative), Ct);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_OutsideTheirTeams_IsRecordAccessDenied(DatabaseProvider provider)
    {
        var southOnly = await app.NewSouthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, southOnly.Id, eligible: true);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var response = await nurse.Http.GetAsync(new Uri($"/api/v1/people/{southOnly.Id}/indicative-budgets", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(response)).GetProperty("errorCode").GetString().ShouldBe("record-access-denied");
    }
}
