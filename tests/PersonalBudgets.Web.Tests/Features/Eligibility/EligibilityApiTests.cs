using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Eligibility;

/// <summary>Eligibility decisions and offers over /api/v1: the same rules as the pages, errors as ProblemDetails.</summary>
public sealed class EligibilityApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static async Task<HttpResponseMessage> PostAsync(Browser browser, string url, object body) =>
        await browser.Http.PostAsJsonAsync(new Uri(url, UriKind.Relative), body, Ct);

    private static async Task<HttpResponseMessage> GetAsync(Browser browser, string url) =>
        await browser.Http.GetAsync(new Uri(url, UriKind.Relative), Ct);

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(response)).GetProperty("errorCode").GetString().ShouldBe(errorCode);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Eligibility_ConfirmThenGet_ReturnsTheDecisionAndItsReasons(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = $"/api/v1/assessments/{assessmentId}/eligibility";
        using (var none = await GetAsync(browser, url))
        {
            await ShouldBeProblemAsync(none, HttpStatusCode.NotFound, "not-found");
        }

        using var created = await PostAsync(browser, url, new { significantImpact = true, significantImpactReason = "Daily life is breaking down", advice = (string?)null });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        created.Headers.Location!.OriginalString.ShouldBe(url);
        var body = await JsonAsync(created);
        body.GetProperty("eligible").GetBoolean().ShouldBeTrue();
        body.GetProperty("kind").GetString().ShouldBe("Adult");
        body.GetProperty("personId").GetGuid().ShouldBe(person.Id);
        body.GetProperty("confirmedBy").GetString().ShouldBe(DemoAccounts.NorthNurseName);
        body.GetProperty("outcomesNotAchieved").EnumerateArray().Select(o => o.GetString()).ShouldBe([nameof(SpecifiedOutcome.Nutrition), nameof(SpecifiedOutcome.PersonalHygiene)]);
        var reasons = body.GetProperty("reasons").EnumerateArray().ToList();
        reasons.Count.ShouldBe(3);
        reasons.ShouldAllBe(r => r.GetProperty("met").GetBoolean());
        reasons[2].GetProperty("explanation").GetString().ShouldBe("There is, or is likely to be, a significant impact on wellbeing: Daily life is breaking down");

        using var got = await GetAsync(browser, url);
        got.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(got)).GetProperty("id").GetGuid().ShouldBe(body.GetProperty("id").GetGuid());

        using var again = await PostAsync(browser, url, new { significantImpact = false, significantImpactReason = "Changed my mind", advice = "Advice" });
        await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, "eligibility-already-decided");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Eligibility_Errors_AreProblemDetailsWithFieldErrors(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var notEligible = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 1);
        var draft = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2, complete: false);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using (var missing = await PostAsync(browser, $"/api/v1/assessments/{notEligible}/eligibility", new { }))
        {
            await ShouldBeProblemAsync(missing, HttpStatusCode.BadRequest, "validation-failed");
            var errors = (await JsonAsync(missing)).GetProperty("errors");
            errors.GetProperty("significantImpact")[0].GetString().ShouldBe("Select whether there is a significant impact on wellbeing");
            errors.GetProperty("significantImpactReason")[0].GetString().ShouldBe("Enter the reason for your judgement about the impact on wellbeing");
        }

        using (var noAdvice = await PostAsync(browser, $"/api/v1/assessments/{notEligible}/eligibility", new { significantImpact = true, significantImpactReason = "Reason" }))
        {
            await ShouldBeProblemAsync(noAdvice, HttpStatusCode.BadRequest, "validation-failed");
            (await JsonAsync(noAdvice)).GetProperty("errors").GetProperty("advice")[0].GetString().ShouldBe("Enter the advice and information given on preventing or reducing needs");
        }

        using (var ofDraft = await PostAsync(browser, $"/api/v1/assessments/{draft}/eligibility", new { significantImpact = true, significantImpactReason = "Reason" }))
        {
            await ShouldBeProblemAsync(ofDraft, HttpStatusCode.BadRequest, "eligibility-assessment-not-completed");
        }

        using (var unknown = await PostAsync(browser, $"/api/v1/assessments/{Guid.NewGuid()}/eligibility", new { significantImpact = true, significantImpactReason = "Reason" }))
        {
            await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
        }

        using (var malformed = await browser.Http.PostAsync(new Uri($"/api/v1/assessments/{notEligible}/eligibility", UriKind.Relative),
            new StringContent("{\"significantImpact\": \"perhaps\"}", System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            // A value of the wrong type names its field (issue 9).
            await ShouldBeProblemAsync(malformed, HttpStatusCode.BadRequest, "validation-failed");
            (await JsonAsync(malformed)).GetProperty("errors").TryGetProperty("significantImpact", out _).ShouldBeTrue();
        }

        using var ot = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        using var denied = await PostAsync(ot, $"/api/v1/assessments/{notEligible}/eligibility", new { significantImpact = true, significantImpactReason = "Reason", advice = "Advice" });
        await ShouldBeProblemAsync(denied, HttpStatusCode.Forbidden, "record-access-denied");
        using var deniedGet = await GetAsync(ot, $"/api/v1/people/{person.Id}/offers");
        await ShouldBeProblemAsync(deniedGet, HttpStatusCode.Forbidden, "record-access-denied");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Offers_RecordThenList_WithProfessionAndTeam(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        await app.DecideAsync(provider, assessmentId);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = $"/api/v1/people/{person.Id}/offers";

        using var created = await PostAsync(browser, url, new { stage = "Eligibility", assessmentId, offered = true, response = "WantsTimeToDecide" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var offer = await JsonAsync(created);
        offer.GetProperty("response").GetString().ShouldBe("WantsTimeToDecide");
        offer.GetProperty("recordedByProfession").GetString().ShouldBe("Nurse");
        offer.GetProperty("teamName").GetString().ShouldBe(DemoDataSeeder.NorthTeam);

        using var list = await GetAsync(browser, url);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = (await JsonAsync(list)).EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("id").GetGuid().ShouldBe(offer.GetProperty("id").GetGuid());
        item.GetProperty("assessmentId").GetGuid().ShouldBe(assessmentId);
        item.GetProperty("stage").GetString().ShouldBe("Eligibility");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Offers_Errors_AreProblemDetailsWithFieldErrors(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = $"/api/v1/people/{person.Id}/offers";

        using (var empty = await PostAsync(browser, url, new { }))
        {
            await ShouldBeProblemAsync(empty, HttpStatusCode.BadRequest, "validation-failed");
            var errors = (await JsonAsync(empty)).GetProperty("errors");
            errors.GetProperty("stage")[0].GetString().ShouldBe("Select when the offer was made: at eligibility or at the indicative budget");
            errors.GetProperty("offered")[0].GetString().ShouldBe("Select whether a personal budget and a direct payment were explained and offered");
        }

        using (var notOffered = await PostAsync(browser, url, new { stage = "IndicativeBudget", indicativeBudgetId = Guid.NewGuid(), offered = false }))
        {
            await ShouldBeProblemAsync(notOffered, HttpStatusCode.BadRequest, "validation-failed");
            var errors = (await JsonAsync(notOffered)).GetProperty("errors");
            errors.GetProperty("indicativeBudgetId")[0].GetString().ShouldBe("This person has no such indicative budget");
            errors.GetProperty("notOfferedReason")[0].GetString().ShouldBe("Select why a personal budget was not offered");
            errors.GetProperty("detail")[0].GetString().ShouldBe("Explain why a personal budget was not offered");
        }

        using (var badEnum = await browser.Http.PostAsync(new Uri(url, UriKind.Relative),
            new StringContent("{\"stage\":\"Eligibility\",\"offered\":true,\"response\":\"Maybe\"}", System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            await ShouldBeProblemAsync(badEnum, HttpStatusCode.BadRequest, "validation-failed");
            (await JsonAsync(badEnum)).GetProperty("errors").TryGetProperty("response", out _).ShouldBeTrue();
        }

        using var unknown = await PostAsync(browser, $"/api/v1/people/{Guid.NewGuid()}/offers", new { stage = "Eligibility" });
        await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
    }
}
