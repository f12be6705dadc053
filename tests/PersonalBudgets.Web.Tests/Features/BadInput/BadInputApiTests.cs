using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Assessments;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.BadInput;

/// <summary>Input the API cannot use is a 400 naming the field, never a 500 (issue 9, items 7 to 10).</summary>
public sealed class BadInputApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string[] ErrorsFor(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : throw new ShouldAssertException($"No error for '{field}' in {problem}");

    private async Task<Guid> NorthTeamIdAsync(DatabaseProvider provider) =>
        await app.QueryAsync(provider, db => Task.FromResult(db.Teams.Single(t => t.Name == DemoDataSeeder.NorthTeam).Id));

    private static JsonObject PersonDetails(string identifier) => new()
    {
        ["legalFirstName"] = "Api",
        ["legalLastName"] = "Badinput",
        ["dateOfBirth"] = "1984-05-06",
        ["personIdentifier"] = identifier,
        ["gender"] = "Female",
        ["ethnicity"] = "NotKnown",
        ["accommodationStatus"] = "Unknown",
        ["employmentStatus"] = "Unknown",
        ["section117Eligible"] = false,
    };

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_TextWithNulOrControlCharacters_Is400NamingTheField(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var details = PersonDetails($"NUL{Guid.NewGuid():N}"[..12]);
        details["legalFirstName"] = "Ro\u0000bin";
        details["town"] = "North\u0007moor";

        using var search = await browser.Http.PostAsync(new Uri("/api/v1/people/search", UriKind.Relative), Json("{\"text\":\"a\\u0000b\"}"), Ct);
        using var created = await browser.Http.PostAsJsonAsync(new Uri("/api/v1/people", UriKind.Relative),
            new { teamId = await NorthTeamIdAsync(provider), details }, Ct);

        ErrorsFor(await ProblemAsync(search), "text").ShouldBe(["text must not contain control characters"]);
        var problem = await ProblemAsync(created);
        problem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        ErrorsFor(problem, "details.legalFirstName").ShouldBe(["details.legalFirstName must not contain control characters"]);
        ErrorsFor(problem, "details.town").ShouldBe(["details.town must not contain control characters"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_TabsAndNewLinesInText_AreKept(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var search = await browser.Http.PostAsync(new Uri("/api/v1/people/search", UriKind.Relative), Json("{\"text\":\"a\\tb\\r\\nc\"}"), Ct);

        search.StatusCode.ShouldBe(HttpStatusCode.OK, await search.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_UndefinedEnumNumbers_Is400NamingEachFieldAndSavesNothing(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var body = JsonSerializer.SerializeToNode(AssessmentsApiTests.WholeAssessment(complete: true))!.AsObject();
        body["outcomes"]![0]!["outcome"] = 99;
        body["outcomes"]![1]!["howManaged"] = new JsonArray(64);
        body["wellbeing"]![0]!["area"] = 42;

        using var response = await browser.Http.PostAsync(new Uri($"/api/v1/people/{person.Id}/assessments", UriKind.Relative), Json(body.ToJsonString()), Ct);

        var problem = await ProblemAsync(response);
        ErrorsFor(problem, "outcomes[0].outcome").ShouldHaveSingleItem().ShouldContain("outcomes[0].outcome must be one of the values");
        ErrorsFor(problem, "outcomes[1].howManaged[0]").ShouldHaveSingleItem();
        ErrorsFor(problem, "wellbeing[0].area").ShouldHaveSingleItem();
        (await app.QueryAsync(provider, db => Task.FromResult(db.Assessments.Any(a => a.PersonId == person.Id)))).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_DefinedEnumNumbers_AreAccepted(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var body = JsonSerializer.SerializeToNode(AssessmentsApiTests.WholeAssessment(complete: false))!.AsObject();
        body["outcomes"]![0]!["outcome"] = (int)Core.Assessments.SpecifiedOutcome.Nutrition;
        body["outcomes"]![1]!["howManaged"] = new JsonArray((int)Core.Assessments.HowManaged.Unable, (int)Core.Assessments.HowManaged.OnlyWithAssistance);

        using var response = await browser.Http.PostAsync(new Uri($"/api/v1/people/{person.Id}/assessments", UriKind.Relative), Json(body.ToJsonString()), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_NullItemInAList_Is400NamingTheItem(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var body = JsonSerializer.SerializeToNode(AssessmentsApiTests.WholeAssessment(complete: true))!.AsObject();
        body["outcomes"] = new JsonArray(null, JsonNode.Parse("""{"outcome":"Nutrition","howManaged":["WithoutDifficulty"]}"""));
        body["wellbeing"] = new JsonArray(JsonSerializer.SerializeToNode(new { area = "PersonalDignity", impact = "Significant" }), null);

        using var response = await browser.Http.PostAsync(new Uri($"/api/v1/people/{person.Id}/assessments", UriKind.Relative), Json(body.ToJsonString()), Ct);

        var problem = await ProblemAsync(response);
        ErrorsFor(problem, "outcomes[0]").ShouldBe(["outcomes[0] must not be null"]);
        ErrorsFor(problem, "wellbeing[1]").ShouldBe(["wellbeing[1] must not be null"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WrongJsonType_Is400NamingTheField(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var body = JsonSerializer.SerializeToNode(AssessmentsApiTests.WholeAssessment(complete: true))!.AsObject();
        body["outcomes"]![2]!["howManaged"] = "perhaps";

        using var search = await browser.Http.PostAsync(new Uri("/api/v1/people/search", UriKind.Relative), Json("{\"text\": 5}"), Ct);
        using var assessment = await browser.Http.PostAsync(new Uri($"/api/v1/people/{person.Id}/assessments", UriKind.Relative), Json(body.ToJsonString()), Ct);

        var searchProblem = await ProblemAsync(search);
        searchProblem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        ErrorsFor(searchProblem, "text").ShouldHaveSingleItem().ShouldStartWith("text is not a valid value");
        ErrorsFor(await ProblemAsync(assessment), "outcomes[2].howManaged").ShouldHaveSingleItem();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_BadQueryValue_Is400NamingTheParameter(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        using var response = await browser.Http.GetAsync(new Uri("/api/v1/people?page=abc", UriKind.Relative), Ct);

        var problem = await ProblemAsync(response);
        ErrorsFor(problem, "page").ShouldBe(["page is not a valid value"]);
        problem.ToString().ShouldNotContain("abc");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task OpenApiDocument_DescribesEnumsByTheirNames_AndEveryOperationItsProblems(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var response = await browser.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);

        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("SpecifiedOutcome").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldContain("Nutrition");
        schemas.GetProperty("WellbeingArea").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldContain("PersonalDignity");
        var create = document.GetProperty("paths").GetProperty("/api/v1/people/{id}/assessments").GetProperty("post").GetProperty("responses");
        create.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        create.TryGetProperty("404", out _).ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_APageNumberBeyondAnyList_IsAnEmptyPageNotA500(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        using var people = await browser.Http.GetAsync(new Uri($"/api/v1/people?page={int.MaxValue}&pageSize=10", UriKind.Relative), Ct);
        using var history = await browser.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/history?page={int.MaxValue}", UriKind.Relative), Ct);

        people.StatusCode.ShouldBe(HttpStatusCode.OK, await people.Content.ReadAsStringAsync(Ct));
        history.StatusCode.ShouldBe(HttpStatusCode.OK, await history.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Refer_OnDatesOutsideSense_Is400NamingTheField(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var yearOne = await browser.Http.PostAsJsonAsync(new Uri($"/api/v1/people/{person.Id}/pathway/referral", UriKind.Relative),
            new { referralDate = "0001-01-01", participation = "InPerson" }, Ct);
        using var beforeBirth = await browser.Http.PostAsJsonAsync(new Uri($"/api/v1/people/{person.Id}/pathway/referral", UriKind.Relative),
            new { referralDate = "1950-01-01", participation = "InPerson" }, Ct);

        ErrorsFor(await ProblemAsync(yearOne), "referralDate").ShouldHaveSingleItem().ShouldStartWith("The referral date must be on or after");
        ErrorsFor(await ProblemAsync(beforeBirth), "referralDate").ShouldBe(["The referral date must be on or after the person's date of birth"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CreatePerson_WithSection117StartingIn9999_Is400NamingTheField(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var details = PersonDetails($"S117{Guid.NewGuid():N}"[..12]);
        details["section117Eligible"] = true;
        details["section117StartDate"] = "9999-12-31";

        using var response = await browser.Http.PostAsJsonAsync(new Uri("/api/v1/people", UriKind.Relative),
            new { teamId = await NorthTeamIdAsync(provider), details }, Ct);

        ErrorsFor(await ProblemAsync(response), "section117StartDate").ShouldHaveSingleItem().ShouldStartWith("Section 117 start date must be no later than");
    }
}
