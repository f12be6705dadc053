using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Pathway;

/// <summary>The pathway, worklists, reallocation and service standards over /api/v1, with ProblemDetails errors.</summary>
public sealed class PathwayApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Referral_Get_End_OverTheApi_WithBadInputRefused(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = $"/api/v1/people/{person.Id}/pathway";

        using var future = await nurse.Http.PostAsJsonAsync($"{url}/referral", new { referralDate = Iso(PathwayArrange.Today.AddDays(1)), participation = "InPerson" }, Ct);
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(future);
        problem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        problem.GetProperty("errors").GetProperty("referralDate")[0].GetString().ShouldBe("The referral date must be today or in the past");

        using var created = await nurse.Http.PostAsJsonAsync($"{url}/referral",
            new { referralDate = Iso(PathwayArrange.Today.AddDays(-1)), note = "From the GP", participation = "InWriting", ownerId = nurseId }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var pathway = await JsonAsync(created);
        var current = pathway.GetProperty("current");
        current.GetProperty("stage").GetString().ShouldBe("Referral");
        var step = current.GetProperty("steps")[0];
        step.GetProperty("ownerId").GetGuid().ShouldBe(nurseId);
        step.GetProperty("dueDate").GetString().ShouldBe(Iso(PathwayArrange.Today.AddDays(27)));
        step.GetProperty("participation").GetString().ShouldBe("InWriting");

        using var again = await nurse.Http.PostAsJsonAsync($"{url}/referral", new { referralDate = Iso(PathwayArrange.Today), participation = "InPerson" }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(again)).GetProperty("errorCode").GetString().ShouldBe("pathway-already-open");

        using var get = await nurse.Http.GetAsync(new Uri(url, UriKind.Relative), Ct);
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(get)).GetProperty("current").GetProperty("referralNote").GetString().ShouldBe("From the GP");

        using var noReason = await nurse.Http.PostAsJsonAsync($"{url}/end", new { note = "Unsure" }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noReason)).GetProperty("errors").GetProperty("endReason")[0].GetString().ShouldBe("Select why the pathway is ending");

        using var ended = await nurse.Http.PostAsJsonAsync($"{url}/end", new { reason = "NeedsMetOtherwise" }, Ct);
        ended.StatusCode.ShouldBe(HttpStatusCode.OK, await ended.Content.ReadAsStringAsync(Ct));
        (await JsonAsync(ended)).GetProperty("current").GetProperty("endReason").GetString().ShouldBe("NeedsMetOtherwise");

        using var endAgain = await nurse.Http.PostAsJsonAsync($"{url}/end", new { reason = "NeedsMetOtherwise" }, Ct);
        endAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(endAgain)).GetProperty("errorCode").GetString().ShouldBe("pathway-not-open");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Permissions_SouthPractitionerIsRefusedANorthPathway_AndAPractitionerTeamWorkAndReallocation(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.Eligibility, PathwayArrange.Today.AddDays(2));
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var refused = await south.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/pathway", UriKind.Relative), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var refusedReferral = await south.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/pathway/end", new { reason = "Other", note = "x" }, Ct);
        refusedReferral.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var team = await nurse.Http.GetAsync(new Uri("/api/v1/work/team", UriKind.Relative), Ct);
        team.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var owner = await nurse.Http.PutAsJsonAsync($"/api/v1/steps/{stepId}/owner", new { ownerId = Guid.NewGuid(), reason = "x", revision = 2 }, Ct);
        owner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var southManager = await app.SignedInAsync(provider, "manager.south@northmoor.example");
        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        using var otherTeam = await southManager.Http.PutAsJsonAsync($"/api/v1/steps/{stepId}/owner", new { ownerId = socialWorkerId, reason = "x", revision = 2 }, Ct);
        otherTeam.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Reallocate_NeedsAReason_AndOfTwoWithTheSameRevisionTheSecondGetsTheConflict(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.SupportPlanning, PathwayArrange.Today.AddDays(-1));
        var revision = (await app.StepsAsync(provider, person.Id)).Single().Revision;
        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        var psychologistId = await app.UserIdAsync(provider, DemoAccounts.NorthPsychologist);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var url = $"/api/v1/steps/{stepId}/owner";

        using var noReason = await manager.Http.PutAsJsonAsync(url, new { ownerId = socialWorkerId, revision }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noReason)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("Enter why the work is being reallocated");
        using var noRevision = await manager.Http.PutAsJsonAsync(url, new { ownerId = socialWorkerId, reason = "Leave" }, Ct);
        noRevision.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var notInTeam = await manager.Http.PutAsJsonAsync(url, new { ownerId = await app.UserIdAsync(provider, DemoAccounts.SouthOt), reason = "Leave", revision }, Ct);
        notInTeam.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(notInTeam)).GetProperty("errors").GetProperty("ownerId")[0].GetString().ShouldBe("Select the new owner from the staff in the person's teams");

        using var first = await manager.Http.PutAsJsonAsync(url, new { ownerId = socialWorkerId, reason = "Leave", revision }, Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        var body = await JsonAsync(first);
        body.GetProperty("ownerId").GetGuid().ShouldBe(socialWorkerId);
        body.GetProperty("revision").GetInt32().ShouldBe(revision + 1);

        using var second = await manager.Http.PutAsJsonAsync(url, new { ownerId = psychologistId, reason = "Psychology", revision }, Ct);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflict = await JsonAsync(second);
        conflict.GetProperty("errorCode").GetString().ShouldBe("concurrency-conflict");
        conflict.GetProperty("changedBy").GetString().ShouldBe("Helen Marsh");
        (await app.StepsAsync(provider, person.Id)).Single().OwnerId.ShouldBe(socialWorkerId);

        using var pathway = await manager.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/pathway", UriKind.Relative), Ct);
        var previous = (await JsonAsync(pathway)).GetProperty("current").GetProperty("steps")[0].GetProperty("previousOwners");
        previous.GetArrayLength().ShouldBe(1);
        previous[0].GetProperty("fromOwner").GetString().ShouldBe(DemoAccounts.NorthNurseName);
        previous[0].GetProperty("reason").GetString().ShouldBe("Leave");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Worklists_AndServiceStandards_OverTheApi(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var other = await app.NewNorthPersonAsync(provider);
        var overdue = await app.OpenStepAsync(provider, person.Id, PathwayStage.IndicativeBudget, PathwayArrange.Today.AddDays(-3), DemoAccounts.NorthPsychologist);
        var unowned = await app.OpenStepAsync(provider, other.Id, PathwayStage.Referral, PathwayArrange.Today.AddDays(5), ownerEmail: null);
        using var psychologist = await app.SignedInAsync(provider, DemoAccounts.NorthPsychologist);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        using var mine = await psychologist.Http.GetAsync(new Uri("/api/v1/work/mine?stage=IndicativeBudget", UriKind.Relative), Ct);
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        var work = (await JsonAsync(mine)).GetProperty("work");
        var items = work.GetProperty("items").EnumerateArray().ToList();
        items.ShouldAllBe(i => i.GetProperty("stage").GetString() == "IndicativeBudget");
        var item = items.Single(i => i.GetProperty("stepId").GetGuid() == overdue);
        item.GetProperty("isOverdue").GetBoolean().ShouldBeTrue();
        item.GetProperty("link").GetString().ShouldBe($"/People/{person.Id}/Budget");
        work.GetProperty("page").GetInt32().ShouldBe(1);

        using var team = await manager.Http.GetAsync(new Uri("/api/v1/work/team", UriKind.Relative), Ct);
        team.StatusCode.ShouldBe(HttpStatusCode.OK);
        var teamJson = await JsonAsync(team);
        teamJson.GetProperty("unowned").GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("stepId").GetGuid() == unowned);
        teamJson.GetProperty("overdue").GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("stepId").GetGuid() == overdue);
        teamJson.GetProperty("byMember").EnumerateArray().ShouldContain(m => m.GetProperty("name").GetString() == "Ben Adeyemi" && m.GetProperty("overdue").GetInt32() >= 1);

        using var finance = await app.SignedInAsync(provider, "finance@northmoor.example");
        using var standards = await finance.Http.GetAsync(new Uri("/api/v1/service-standards", UriKind.Relative), Ct);
        standards.StatusCode.ShouldBe(HttpStatusCode.OK);
        var s = await JsonAsync(standards);
        s.GetProperty("version").GetInt32().ShouldBe(0);
        s.GetProperty("standards").GetProperty("assessmentDaysFromReferral").GetInt32().ShouldBe(ServiceStandards.Default.AssessmentDaysFromReferral);
        s.GetProperty("standards").GetProperty("teamManagerWeeklyLimit").GetDecimal().ShouldBe(400m);
    }
}
