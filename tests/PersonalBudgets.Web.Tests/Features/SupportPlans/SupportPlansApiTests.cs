using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>The support plan API: a whole plan written and submitted over JSON, refusals as ProblemDetails, and permissions.</summary>
public sealed class SupportPlansApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] OutcomeLines = ["Grow vegetables", "", "Cook"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
        return await JsonAsync(response);
    }

    private static HttpRequestMessage Delete(string url, object body) => new(HttpMethod.Delete, url) { Content = JsonContent.Create(body) };

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_StartsWritesAndSubmitsAPlan_WithRevisionsConflictsAndFieldErrors(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var http = nurse.Http;

        var before = await OkAsync(await http.GetAsync(new Uri($"/api/v1/people/{person.Id}/plans", UriKind.Relative), Ct));
        before.GetProperty("canStart").GetBoolean().ShouldBeTrue();
        before.GetProperty("items").GetArrayLength().ShouldBe(0);

        using var created = await http.PostAsync(new Uri($"/api/v1/people/{person.Id}/plans", UriKind.Relative), ApiContent.JsonWithoutBody(), Ct);
        var plan = await OkAsync(created, HttpStatusCode.Created);
        var id = plan.GetProperty("id").GetGuid();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/plans/{id}");
        plan.GetProperty("indicativeWeekly").GetDecimal().ShouldBe(ready.IndicativeWeekly);
        plan.GetProperty("status").GetString().ShouldBe("Draft");
        plan.GetProperty("gaps").EnumerateArray().Select(g => g.GetProperty("field").GetString()).ShouldContain("AboutMe");
        var revision = plan.GetProperty("revision").GetInt32();

        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{id}/sections/AboutMe", new { revision, text = "I love gardening", writtenBy = "Person" }, Ct));
        plan.GetProperty("revision").GetInt32().ShouldBe(revision + 1);
        plan.GetProperty("sections")[0].GetProperty("writtenBy").GetString().ShouldBe("Person");

        // A stale revision is a 409 naming who changed it; nothing is saved.
        using var stale = await http.PutAsJsonAsync($"/api/v1/plans/{id}/sections/WhatMatters", new { revision, text = "My allotment", writtenBy = "Person" }, Ct);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflict = await JsonAsync(stale);
        conflict.GetProperty("errorCode").GetString().ShouldBe("concurrency-conflict");
        conflict.GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith($"This record was changed by {DemoAccounts.NorthNurseName} at ");
        revision = plan.GetProperty("revision").GetInt32();

        using var noRevision = await http.PutAsJsonAsync($"/api/v1/plans/{id}/sections/WhatMatters", new { text = "My allotment", writtenBy = "Person" }, Ct);
        noRevision.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noRevision)).GetProperty("errors").GetProperty("revision")[0].GetString().ShouldBe("Give the revision of the plan you are changing");
        (await http.PutAsJsonAsync($"/api/v1/plans/{id}/sections/Nonsense", new { revision, text = "x", writtenBy = "Person" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{id}/sections/WhatMatters", new { revision, text = "My allotment", writtenBy = "Person" }, Ct));
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{id}/sections/Contingency", new { revision = plan.GetProperty("revision").GetInt32(), text = "Call my sister", writtenBy = "Carer" }, Ct));
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{id}/outcomes", new { revision = plan.GetProperty("revision").GetInt32(), outcomes = OutcomeLines, writtenBy = "Person" }, Ct));
        plan.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("text").GetString()).ShouldBe(["Grow vegetables", "Cook"]);
        foreach (var need in PlanArrange.EligibleNeeds)
        {
            plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{id}/needs/{need}", new { revision = plan.GetProperty("revision").GetInt32(), howMet = "With a PA", writtenBy = "Practitioner" }, Ct));
        }

        using var notEligibleNeed = await http.PutAsJsonAsync($"/api/v1/plans/{id}/needs/CaringForChild", new { revision = plan.GetProperty("revision").GetInt32(), howMet = "x", writtenBy = "Practitioner" }, Ct);
        notEligibleNeed.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var badElement = await http.PostAsJsonAsync($"/api/v1/plans/{id}/elements", new
        {
            revision = plan.GetProperty("revision").GetInt32(), description = "PA", category = "PersonalAssistant", provider = "Jo", unitCost = -1m, unitType = "Hour",
            unitsPerWeek = 0m, startDate = "2027-05-10", endDate = "2027-05-01", deployment = "DirectPayment",
        }, Ct);
        badElement.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(badElement)).GetProperty("errors");
        errors.GetProperty("unitCost")[0].GetString().ShouldBe("The unit cost cannot be negative");
        errors.GetProperty("unitsPerWeek")[0].GetString().ShouldBe("Units a week must be more than 0");
        errors.GetProperty("endDate")[0].GetString().ShouldBe("The end date must be the same as or after the start date");

        var weekly = ready.IndicativeWeekly;
        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{id}/elements", new
        {
            revision = plan.GetProperty("revision").GetInt32(), description = "PA", category = "PersonalAssistant", provider = "Jo", unitCost = weekly, unitType = "Week",
            unitsPerWeek = 1m, startDate = "2027-05-10", deployment = "DirectPayment", meetsNeed = PlanArrange.EligibleNeeds[0].ToString(),
        }, Ct));
        plan.GetProperty("weeklyCost").GetDecimal().ShouldBe(weekly);
        plan.GetProperty("variancePercent").GetDecimal().ShouldBe(0m);
        var extra = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{id}/elements", new
        {
            revision = plan.GetProperty("revision").GetInt32(), description = "Bus pass", category = "Transport", provider = "Council", unitCost = 5m, unitType = "Week",
            unitsPerWeek = 1m, startDate = "2027-05-10", deployment = "CouncilCommissioned",
        }, Ct));
        var extraId = extra.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("description").GetString() == "Bus pass").GetProperty("id").GetGuid();
        using var removeRequest = Delete($"/api/v1/plans/{id}/elements/{extraId}", new { revision = extra.GetProperty("revision").GetInt32() });
        plan = await OkAsync(await http.SendAsync(removeRequest, Ct));
        plan.GetProperty("elements").GetArrayLength().ShouldBe(1);

        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{id}/risks", new
        {
            revision = plan.GetProperty("revision").GetInt32(), description = "Cycling to the allotment", level = "Medium", isPositiveRisk = true, whatWillBeDone = "Helmet and lights", whoDoesIt = "The person",
        }, Ct));
        plan.GetProperty("risks")[0].GetProperty("isPositiveRisk").GetBoolean().ShouldBeTrue();
        var second = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{id}/risks", new
        {
            revision = plan.GetProperty("revision").GetInt32(), description = "Missing medication", level = "High", whatWillBeDone = "Pharmacy delivery", whoDoesIt = "Key worker",
        }, Ct));
        var secondId = second.GetProperty("risks").EnumerateArray().Single(r => r.GetProperty("description").GetString() == "Missing medication").GetProperty("id").GetGuid();
        using var staleDelete = Delete($"/api/v1/plans/{id}/risks/{secondId}", new { revision = plan.GetProperty("revision").GetInt32() });
        (await http.SendAsync(staleDelete, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var deleteRisk = Delete($"/api/v1/plans/{id}/risks/{secondId}", new { revision = second.GetProperty("revision").GetInt32() });
        plan = await OkAsync(await http.SendAsync(deleteRisk, Ct));
        plan.GetProperty("risks").GetArrayLength().ShouldBe(1);
        // Whether the plan has significant risks decides the risk enablement panel: never assumed, so it must be answered.
        plan.GetProperty("significantRisk").ValueKind.ShouldBe(JsonValueKind.Null);
        using var unanswered = await http.PutAsJsonAsync($"/api/v1/plans/{id}/funding", new { revision = plan.GetProperty("revision").GetInt32(), assessedContributionWeekly = 10m, nhsShareWeekly = 0m }, Ct);
        unanswered.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(unanswered)).GetProperty("errors").GetProperty("significantRisk")[0].GetString().ShouldBe("Select whether the plan has significant risks");
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{id}/funding", new { revision = plan.GetProperty("revision").GetInt32(), assessedContributionWeekly = 10m, nhsShareWeekly = 0m, significantRisk = false }, Ct));
        plan.GetProperty("assessedContributionWeekly").GetDecimal().ShouldBe(10m);

        using var early = await http.PostAsJsonAsync($"/api/v1/plans/{id}/submit", new { revision = plan.GetProperty("revision").GetInt32() }, Ct);
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(early)).GetProperty("errors").GetProperty("agreement")[0].GetString().ShouldBe("The person's agreement to the plan is not recorded yet");

        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{id}/agreement", new { revision = plan.GetProperty("revision").GetInt32(), agreement = "AgreedWithReservations", agreementInOwnWords = "Fine, but I want more hours", participation = "InPerson" }, Ct));
        plan.GetProperty("gaps").GetArrayLength().ShouldBe(0);

        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{id}/submit", new { revision = plan.GetProperty("revision").GetInt32() }, Ct));
        plan.GetProperty("status").GetString().ShouldBe("AwaitingApproval");
        var approval = plan.GetProperty("approval");
        approval.GetProperty("route").GetString().ShouldBe(weekly <= 400m ? "TeamManager" : "FundingPanel");
        approval.GetProperty("decider").GetString().ShouldBe(weekly <= 400m ? "Helen Marsh" : "Ruth Campbell");
        (await app.QueryAsync(provider, db => db.PathwayEpisodes.AsNoTracking().SingleAsync(e => e.Id == ready.EpisodeId))).Stage.ShouldBe(PathwayStage.Approval);

        using var locked = await http.PutAsJsonAsync($"/api/v1/plans/{id}/sections/AboutMe", new { revision = plan.GetProperty("revision").GetInt32(), text = "Changed", writtenBy = "Person" }, Ct);
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(locked)).GetProperty("errorCode").GetString().ShouldBe("plan-not-editable");

        using var notApproved = await http.PostAsJsonAsync($"/api/v1/plans/{id}/revisions", new { reason = "Review" }, Ct);
        notApproved.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var waiting = await JsonAsync(notApproved);
        waiting.GetProperty("errorCode").GetString().ShouldBe("plan-draft-exists");
        waiting.GetProperty("detail").GetString().ShouldBe("Version 1 of the plan is waiting for approval: wait for the decision");
        await app.ApproveAsync(provider, id);
        using var revised = await http.PostAsJsonAsync($"/api/v1/plans/{id}/revisions", new { reason = "Review found more hours are needed" }, Ct);
        var v2 = await OkAsync(revised, HttpStatusCode.Created);
        v2.GetProperty("number").GetInt32().ShouldBe(2);
        v2.GetProperty("previousVersionId").GetGuid().ShouldBe(id);
        v2.GetProperty("elements").GetArrayLength().ShouldBe(1);

        var got = await OkAsync(await http.GetAsync(new Uri($"/api/v1/plans/{id}", UriKind.Relative), Ct));
        got.GetProperty("status").GetString().ShouldBe("Approved");
        var list = await OkAsync(await http.GetAsync(new Uri($"/api/v1/people/{person.Id}/plans", UriKind.Relative), Ct));
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt32()).ShouldBe([2, 1]);
        list.GetProperty("canStart").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_Section117ContributionAndStartingWithoutEligibility_AreRefused_AndFinanceAndOtherTeamsCannotWrite(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var notEligible = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, notEligible.Id, eligible: false);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        await app.MakeSection117Async(provider, person.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var cannotStart = await nurse.Http.PostAsync(new Uri($"/api/v1/people/{notEligible.Id}/plans", UriKind.Relative), ApiContent.JsonWithoutBody(), Ct);
        cannotStart.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(cannotStart);
        problem.GetProperty("errorCode").GetString().ShouldBe("plan-cannot-start");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("found the needs not eligible");

        var plan = await OkAsync(await nurse.Http.GetAsync(new Uri($"/api/v1/plans/{planId}", UriKind.Relative), Ct));
        plan.GetProperty("section117").GetBoolean().ShouldBeTrue();
        using var s117 = await nurse.Http.PutAsJsonAsync($"/api/v1/plans/{planId}/funding", new { revision = plan.GetProperty("revision").GetInt32(), assessedContributionWeekly = 4.5m }, Ct);
        s117.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(s117)).GetProperty("errors").GetProperty("assessedContributionWeekly")[0].GetString()
            .ShouldBe("The person is entitled to section 117 aftercare, which is free: their contribution must be £0.00");

        using var finance = await app.SignedInAsync(provider, "finance@northmoor.example");
        (await finance.Http.GetAsync(new Uri($"/api/v1/plans/{planId}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await finance.Http.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/AboutMe", new { revision = 1, text = "x", writtenBy = "Person" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var ot = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        using var hidden = await ot.Http.GetAsync(new Uri($"/api/v1/plans/{planId}", UriKind.Relative), Ct);
        hidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(hidden)).GetProperty("errorCode").GetString().ShouldBe("record-access-denied");
        (await ot.Http.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/AboutMe", new { revision = 1, text = "x", writtenBy = "Person" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ot.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/plans", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.PlanAsync(provider, planId)).SectionText(Core.SupportPlans.PlanSection.AboutMe).ShouldBeNull();
    }
}
