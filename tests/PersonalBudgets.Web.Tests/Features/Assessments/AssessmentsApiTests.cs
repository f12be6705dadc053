using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Assessments;

/// <summary>Assessments over the JSON API: another system can submit a whole, completed assessment in one request.</summary>
public sealed class AssessmentsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Guid NurseId = Guid.Parse("00000000-0000-4000-8000-000000000100");


    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    internal static Dictionary<string, object?> WholeAssessment(bool complete) => new()
    {
        ["kind"] = "Adult",
        ["ownerId"] = NurseId,
        ["dueDate"] = PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["type"] = "JointWithNhs",
        ["participation"] = new { whoTookPart = "The person and their community psychiatric nurse", participation = "PhoneOrVideo" },
        ["whatMatters"] = new { inOwnWords = "Feeling safe at home", outcomesWanted = "Help in the mornings" },
        ["needsAriseFromImpairmentOrIllness"] = true,
        ["impairmentKinds"] = new[] { "MentalIllness", "Other" },
        ["impairmentOther"] = "Acquired brain injury",
        ["outcomes"] = new object[]
        {
            new { outcome = "Nutrition", howManaged = new[] { "Unable" }, note = "Does not eat without prompting" },
            new { outcome = "PersonalHygiene", howManaged = new[] { "OnlyWithAssistance", "TakesSignificantlyLonger" } },
            new { outcome = "ToiletNeeds", howManaged = new[] { "WithoutDifficulty" } },
            new { outcome = "BeingClothed", howManaged = new[] { "WithoutDifficulty" } },
            new { outcome = "UsingHomeSafely", howManaged = new[] { "WithoutDifficulty" } },
            new { outcome = "HabitableHome", howManaged = new[] { "WithoutDifficulty" } },
            new { outcome = "Relationships", howManaged = new[] { "WithoutDifficulty" } },
            new { outcome = "WorkTrainingEducationVolunteering", howManaged = new[] { "WithoutDifficulty" } },
            new { outcome = "CommunityFacilities", howManaged = new[] { "WithoutDifficulty" } },
            new { outcome = "CaringForAChild", howManaged = new[] { "WithoutDifficulty" } },
        },
        ["fluctuation"] = new { needsFluctuate = false },
        ["wellbeing"] = Enum.GetNames<Core.Assessments.WellbeingArea>().Select(a => new { area = a, impact = "Significant" }).ToArray(),
        ["unpaidCarer"] = new { hasUnpaidCarer = "No" },
        ["advocacy"] = new { advocateNeeded = false },
        ["complete"] = complete,
    };

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WholeAssessmentWithComplete_Is201AndGetReturnsIt(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var created = await browser.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", WholeAssessment(complete: true), Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var location = created.Headers.Location.ShouldNotBeNull().OriginalString;
        location.ShouldStartWith("/api/v1/assessments/");
        using var get = await browser.Http.GetAsync(new Uri(location, UriKind.Relative), Ct);
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = await JsonAsync(get);
        a.GetProperty("status").GetString().ShouldBe("Completed");
        a.GetProperty("version").GetInt32().ShouldBe(1);
        a.GetProperty("ownerName").GetString().ShouldBe(DemoAccounts.NorthNurseName);
        a.GetProperty("type").GetString().ShouldBe("JointWithNhs");
        a.GetProperty("participation").GetProperty("participation").GetString().ShouldBe("PhoneOrVideo");
        a.GetProperty("outcomes").GetArrayLength().ShouldBe(10);
        var hygiene = a.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "PersonalHygiene");
        hygiene.GetProperty("unableToAchieve").GetBoolean().ShouldBeTrue();
        hygiene.GetProperty("howManaged").EnumerateArray().Select(r => r.GetString()).ShouldBe(["OnlyWithAssistance", "TakesSignificantlyLonger"]);
        hygiene.GetProperty("ways").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Able only with assistance", "Able, but taking significantly longer than would normally be expected"]);
        var toilet = a.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "ToiletNeeds");
        toilet.GetProperty("unableToAchieve").GetBoolean().ShouldBeFalse();
        toilet.GetProperty("howManaged").EnumerateArray().Select(r => r.GetString()).ShouldBe(["WithoutDifficulty"]);
        a.GetProperty("wellbeing").GetArrayLength().ShouldBe(9);
        a.GetProperty("missing").GetArrayLength().ShouldBe(0);
        a.GetProperty("impairmentKinds").EnumerateArray().Select(k => k.GetString()).ShouldBe(["MentalIllness", "Other"]);
        a.GetProperty("impairment").GetString().ShouldBe("mental illness; other: Acquired brain injury");

        using var list = await browser.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/assessments", UriKind.Relative), Ct);
        (await JsonAsync(list)).EnumerateArray().ShouldContain(x => x.GetProperty("id").GetString() == a.GetProperty("id").GetString());

        var page = await browser.GetAsync($"/Assessments/{a.GetProperty("id").GetString()}");
        page.SummaryValue("Status").ShouldBe("Completed");
        page.SummaryValue("Type of assessment").ShouldBe("Joint with the NHS");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_CompleteWithSectionsMissing_Is400ProblemDetailsListingThemAndSavesNothing(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var body = WholeAssessment(complete: true);
        body.Remove("wellbeing");
        body.Remove("advocacy");
        body["outcomes"] = ((object[])body["outcomes"]!)[..8];

        using var response = await browser.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await JsonAsync(response);
        problem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("missing.outcomes").EnumerateArray().Select(e => e.GetString()).ShouldBe([
            "Record how the person manages: making use of necessary facilities or services in the local community, including public transport and recreational facilities or services",
            "Record how the person manages: carrying out any caring responsibilities the adult has for a child",
        ]);
        errors.GetProperty("missing.wellbeing").GetArrayLength().ShouldBe(9);
        errors.GetProperty("missing.advocacy").EnumerateArray().Single().GetString().ShouldBe("Record whether an independent advocate is needed");

        using var list = await browser.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/assessments", UriKind.Relative), Ct);
        (await JsonAsync(list)).GetArrayLength().ShouldBe(0, "nothing is saved when the request is refused");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_InvalidSection_Is400NamingTheField(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var body = WholeAssessment(complete: false);
        body["participation"] = new { whoTookPart = "The person", participation = "LackedCapacity" };

        using var response = await browser.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").GetProperty("participation.bestInterestsConsulted").EnumerateArray().Single().GetString()
            .ShouldBe("Enter who was consulted for the best-interests decision");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_PractitionerOfAnotherTeam_Is403ProblemDetails(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var north = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var created = await north.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", WholeAssessment(complete: false), Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        using var get = await south.Http.GetAsync(created.Headers.Location, Ct);
        using var post = await south.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", WholeAssessment(complete: false), Ct);

        get.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(get)).GetProperty("errorCode").GetString().ShouldBe("record-access-denied");
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithoutDifficultyAndAWayOfBeingUnable_Is400NamingTheFieldAndSavesNothing(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var body = WholeAssessment(complete: true);
        var outcomes = (object[])body["outcomes"]!;
        outcomes[2] = new { outcome = "ToiletNeeds", howManaged = new[] { "WithoutDifficulty", "SignificantPainDistressOrAnxiety" } };
        outcomes[3] = new { outcome = "BeingClothed", howManaged = Array.Empty<string>() };

        using var response = await browser.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        errors.GetProperty("outcomes[2].howManaged").EnumerateArray().Single().GetString()
            .ShouldBe("Select either \"without difficulty\" or the ways the person is unable to achieve this outcome, not both");
        errors.GetProperty("outcomes[3].howManaged").EnumerateArray().Single().GetString().ShouldBe("Select how the person manages this outcome");
        using var list = await browser.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/assessments", UriKind.Relative), Ct);
        (await JsonAsync(list)).GetArrayLength().ShouldBe(0);
    }
}
