using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Api;

/// <summary>The JSON API: same permissions as the pages, ProblemDetails errors with a stable errorCode, never a 500 for bad input.</summary>
public sealed class PeopleApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static object NewPersonDetails(string identifier, string? nhs = null) => new
    {
        legalFirstName = "Api",
        legalLastName = "Testperson",
        dateOfBirth = "1984-05-06",
        nhsNumber = nhs,
        personIdentifier = identifier,
        postcode = "nm1 2ab",
        gender = "Female",
        ethnicity = "NotKnown",
        accommodationStatus = "Unknown",
        employmentStatus = "Unknown",
        section117Eligible = false,
    };

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_WhenAnonymous_Is401ProblemDetails(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        using var response = await browser.Http.GetAsync(new Uri("/api/v1/people", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(response)).GetProperty("errorCode").GetString().ShouldBe("unauthenticated");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task GetPerson_OutsideTheirTeams_Is403WithErrorCode(DatabaseProvider provider)
    {
        var southOnly = await app.NewSouthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var response = await browser.Http.GetAsync(new Uri($"/api/v1/people/{southOnly.Id}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await JsonAsync(response);
        problem.GetProperty("errorCode").GetString().ShouldBe("record-access-denied");
        problem.GetProperty("detail").GetString().ShouldBe("You do not have access to this record.");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain(southOnly.DisplayName);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task GetPerson_UnknownId_Is404ProblemDetails(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var response = await browser.Http.GetAsync(new Uri($"/api/v1/people/{Guid.NewGuid()}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(response)).GetProperty("errorCode").GetString().ShouldBe("not-found");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_MalformedJson_Is400NotA500(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        // JSON that does not parse is malformed; a value of the wrong type or an unknown field is named (BadInputApiTests).
        foreach (var (body, errorCode) in new[] { ("{bad", "malformed-json"), ("{\"text\": 5}", "validation-failed"), ("{\"text\":\"a\",\"unknownField\":1}", "validation-failed"), ("[]", "malformed-json") })
        {
            using var response = await browser.Http.PostAsync(new Uri("/api/v1/people/search", UriKind.Relative), Json(body), Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            (await JsonAsync(response)).GetProperty("errorCode").GetString().ShouldBe(errorCode, body);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_OversizedBody_Is413(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var huge = "{\"text\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

        using var response = await browser.Http.PostAsync(new Uri("/api/v1/people/search", UriKind.Relative), Json(huge), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await JsonAsync(response)).GetProperty("errorCode").GetString().ShouldBe("request-too-large");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ByPartialName_FindsOnlyPeopleInTheirTeams(DatabaseProvider provider)
    {
        var northPerson = await app.NewPerson(provider).Named("Robin", "Example").CreateAsync();
        await app.NewPerson(provider).InTeams(DemoTeams.South).WithKeyWorker(DemoAccounts.SouthOt).Named("Sasha", northPerson.LegalLastName, exact: true).CreateAsync();
        var north = new HashSet<Guid> { northPerson.Id };
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var response = await browser.Http.PostAsJsonAsync(new Uri("/api/v1/people/search", UriKind.Relative),
            new { text = northPerson.LegalLastName[..^1].ToLowerInvariant(), pageSize = 100 }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = (await JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => north.Contains(i.GetProperty("id").GetGuid()));
        items.ShouldAllBe(i => i.GetProperty("legalName").GetString()!.Contains("Example", StringComparison.Ordinal) || i.GetProperty("name").GetString()!.Contains("Example", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Create_ThenGet_ReturnsTheNormalisedRecord(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var northTeamId = await app.QueryAsync(provider, db => Task.FromResult(db.Teams.Single(t => t.Name == DemoDataSeeder.NorthTeam).Id));
        var identifier = $"API{Guid.NewGuid():N}"[..12];

        using var created = await browser.Http.PostAsJsonAsync(new Uri("/api/v1/people", UriKind.Relative),
            new { teamId = northTeamId, details = NewPersonDetails(identifier) }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/people/{id}");
        using var fetched = await browser.Http.GetAsync(created.Headers.Location, Ct);
        var person = await JsonAsync(fetched);
        person.GetProperty("details").GetProperty("postcode").GetString().ShouldBe("NM1 2AB");
        person.GetProperty("details").GetProperty("personIdentifier").GetString().ShouldBe(identifier);
        person.GetProperty("cldLabels").GetProperty("ethnicity").GetString().ShouldBe("No data: Undeclared or not known");
        person.GetProperty("teams").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe(DemoDataSeeder.NorthTeam);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Create_WithInvalidNhsNumberAndFutureBirth_Is400WithFieldErrors(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var northTeamId = await app.QueryAsync(provider, db => Task.FromResult(db.Teams.Single(t => t.Name == DemoDataSeeder.NorthTeam).Id));
        var details = JsonSerializer.SerializeToNode(NewPersonDetails("APIBAD1", "943 476 5918"))!;
        details["dateOfBirth"] = "2999-01-01";

        using var response = await browser.Http.PostAsJsonAsync(new Uri("/api/v1/people", UriKind.Relative), new { teamId = northTeamId, details }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(response);
        problem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("nhsNumber")[0].GetString().ShouldBe("Enter a valid NHS number, like 943 476 5919");
        errors.GetProperty("dateOfBirth")[0].GetString().ShouldBe("Date of birth must be today or in the past");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Create_WithoutDetails_Is400NotA500(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var response = await browser.Http.PostAsync(new Uri("/api/v1/people", UriKind.Relative), Json("{}"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errorCode").GetString().ShouldBe("validation-failed");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Update_FromAStaleVersion_Is409NamingWhoChangedIt(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var current = await JsonAsync(await nurse.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}", UriKind.Relative), Ct));
        var version = current.GetProperty("version").GetInt32();
        var details = JsonSerializer.SerializeToNode(current.GetProperty("details"))!;

        details["phoneNumber"] = "01632 960111";
        using var first = await socialWorker.Http.PutAsJsonAsync(new Uri($"/api/v1/people/{person.Id}", UriKind.Relative), new { version, reason = "New phone", details }, Ct);
        details["phoneNumber"] = "01632 960222";
        using var second = await nurse.Http.PutAsJsonAsync(new Uri($"/api/v1/people/{person.Id}", UriKind.Relative), new { version, details }, Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(first)).GetProperty("version").GetInt32().ShouldBe(version + 1);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await JsonAsync(second);
        problem.GetProperty("errorCode").GetString().ShouldBe("concurrency-conflict");
        problem.GetProperty("changedBy").GetString().ShouldBe(DemoAccounts.NorthSocialWorkerName);
        problem.GetProperty("detail").GetString()!.ShouldStartWith($"This record was changed by {DemoAccounts.NorthSocialWorkerName} at ");
        var saved = await JsonAsync(await nurse.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}", UriKind.Relative), Ct));
        saved.GetProperty("details").GetProperty("phoneNumber").GetString().ShouldBe("01632 960111");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Allocation_ByPractitioner_Is403_ByManager_ChangesKeyWorkerAndHistory(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutKeyWorker().CreateAsync();
        var (northTeamId, nurseId) = await app.QueryAsync(provider, db => Task.FromResult((
            db.Teams.Single(t => t.Name == DemoDataSeeder.NorthTeam).Id,
            db.Users.Single(u => u.Email == DemoAccounts.NorthPsychologist).Id)));
        using var practitioner = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var version = (await JsonAsync(await manager.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/allocation", UriKind.Relative), Ct))).GetProperty("version").GetInt32();
        var body = new { version, teamIds = new[] { northTeamId }, keyWorkerId = nurseId };

        using var refused = await practitioner.Http.PutAsJsonAsync(new Uri($"/api/v1/people/{person.Id}/allocation", UriKind.Relative), body, Ct);
        using var done = await manager.Http.PutAsJsonAsync(new Uri($"/api/v1/people/{person.Id}/allocation", UriKind.Relative), body, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(done)).GetProperty("keyWorker").GetProperty("name").GetString().ShouldBe("Ben Adeyemi");
        var history = await JsonAsync(await manager.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/history", UriKind.Relative), Ct));
        var allocation = history.EnumerateArray().First(e => e.GetProperty("action").GetString() == "Allocated");
        allocation.GetProperty("by").GetString().ShouldBe("Helen Marsh");
        allocation.GetProperty("changes").EnumerateArray().ShouldContain(c => c.GetProperty("field").GetString() == "Key worker" && c.GetProperty("after").GetString() == "Ben Adeyemi");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Reallocation_WithoutReason_Is400WithErrorCode(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var (northTeamId, otherId) = await app.QueryAsync(provider, db => Task.FromResult((
            db.Teams.Single(t => t.Name == DemoDataSeeder.NorthTeam).Id,
            db.Users.Single(u => u.Email == DemoAccounts.NorthManager).Id)));
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var version = (await JsonAsync(await manager.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/allocation", UriKind.Relative), Ct))).GetProperty("version").GetInt32();

        using var response = await manager.Http.PutAsJsonAsync(new Uri($"/api/v1/people/{person.Id}/allocation", UriKind.Relative),
            new { version, teamIds = new[] { northTeamId }, keyWorkerId = person.KeyWorkerId == otherId ? (Guid?)null : otherId }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(response);
        problem.GetProperty("errorCode").GetString().ShouldBe("allocation-reason-required");
        problem.GetProperty("field").GetString().ShouldBe("reason");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task OpenApiDocument_DescribesThePeopleEndpoints(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var response = await browser.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = (await JsonAsync(response)).GetProperty("paths");
        paths.TryGetProperty("/api/v1/people/search", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/people/{id}/allocation", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/teams", out _).ShouldBeTrue();
    }
}
