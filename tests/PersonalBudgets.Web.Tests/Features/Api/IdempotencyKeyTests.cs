using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Api;

/// <summary>An API POST sent again with the same Idempotency-Key is applied once and answered with the first answer.</summary>
public sealed class IdempotencyKeyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Answer(HttpStatusCode Status, string Body, string? Location, bool Replayed);

    private static async Task<Answer> PostAsync(Browser browser, string url, string? json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json ?? "", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await browser.Http.SendAsync(request, Ct);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location?.OriginalString,
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"));
    }

    private static string NewPerson(Guid teamId, string identifier, string lastName) => JsonSerializer.Serialize(new
    {
        teamId,
        details = new
        {
            legalFirstName = "Idem",
            legalLastName = lastName,
            dateOfBirth = "1984-05-06",
            personIdentifier = identifier,
            postcode = "NM1 2AB",
            gender = "Female",
            ethnicity = "NotKnown",
            accommodationStatus = "Unknown",
            employmentStatus = "Unknown",
            section117Eligible = false,
        },
    });

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SameKeyTwice_CreatesOnePerson_AndAnswersWithTheFirstResult(DatabaseProvider provider)
    {
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var teamId = await app.QueryAsync(provider, db => db.Teams.Where(t => t.Name == DemoDataSeeder.NorthTeam).Select(t => t.Id).SingleAsync(Ct));
        var identifier = $"IDM{Guid.NewGuid():N}"[..12];
        var body = NewPerson(teamId, identifier, "Once");
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(nurse, "/api/v1/people", body, key);
        var again = await PostAsync(nurse, "/api/v1/people", body, key);

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        first.Replayed.ShouldBeFalse();
        again.Status.ShouldBe(HttpStatusCode.Created);
        again.Replayed.ShouldBeTrue();
        again.Body.ShouldBe(first.Body);
        again.Location.ShouldBe(first.Location);
        (await app.QueryAsync(provider, db => db.People.CountAsync(p => p.PersonIdentifier == identifier, Ct))).ShouldBe(1);

        // The same key with a different request is refused, and applies nothing.
        var other = await PostAsync(nurse, "/api/v1/people", NewPerson(teamId, identifier, "Different"), key);
        other.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(other.Body).RootElement.GetProperty("errorCode").GetString().ShouldBe("idempotency-key-reused");
        (await app.QueryAsync(provider, db => db.People.CountAsync(p => p.PersonIdentifier == identifier, Ct))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SameKeyTwice_OnAPostWithoutBody_StartsOnePlan_AndEachUserHasTheirOwnKeys(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.ReadyForPlanningAsync(provider, person.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var colleague = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var key = Guid.NewGuid().ToString();
        var url = $"/api/v1/people/{person.Id}/plans";

        var first = await PostAsync(nurse, url, null, key);
        var again = await PostAsync(nurse, url, null, key);
        var theirs = await PostAsync(colleague, url, null, key);

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        again.Status.ShouldBe(HttpStatusCode.Created);
        again.Body.ShouldBe(first.Body);
        again.Replayed.ShouldBeTrue();
        // The colleague's key is theirs: their request runs, and the service refuses a second open plan.
        theirs.Replayed.ShouldBeFalse();
        theirs.Status.ShouldNotBe(HttpStatusCode.Created);
        (await app.QueryAsync(provider, db => db.SupportPlans.CountAsync(p => p.PersonId == person.Id, Ct))).ShouldBe(1);
        (await app.QueryAsync(provider, db => db.IdempotencyRecords.CountAsync(r => r.Key == key, Ct))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ARefusedRequest_StoresNothing_SoTheSameKeyCanBeSentAgainOnceFixed(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var key = Guid.NewGuid().ToString();
        var url = $"/api/v1/people/{person.Id}/plans";

        var refused = await PostAsync(nurse, url, null, key);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest, refused.Body);
        (await app.QueryAsync(provider, db => db.IdempotencyRecords.CountAsync(r => r.Key == key, Ct))).ShouldBe(0);

        await app.ReadyForPlanningAsync(provider, person.Id);
        var started = await PostAsync(nurse, url, null, key);
        started.Status.ShouldBe(HttpStatusCode.Created, started.Body);
        started.Replayed.ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheOpenApiDocument_OffersTheHeaderOnEveryPost(DatabaseProvider provider)
    {
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var response = await nurse.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("paths");

        // The staff API's POSTs; the person's own API (/my/api/v1, ADR 0029) is a separate group without the filter.
        var posts = paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal) && p.Value.TryGetProperty("post", out _)).ToList();
        posts.ShouldNotBeEmpty();
        foreach (var path in posts)
        {
            path.Value.GetProperty("post").GetProperty("parameters").EnumerateArray()
                .ShouldContain(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header", path.Name);
        }
    }
}
