using System.Net;
using System.Text;
using System.Text.Json;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>The approvals and panels API: the queue, a request, decisions with their refusals as ProblemDetails, meetings and agendas.</summary>
public sealed class ApprovalsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Browser browser, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await browser.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Decision(string outcome, string? reasons, int revision, string? changes = null, string? attendees = null) =>
        JsonSerializer.Serialize(new { outcome, reasons, changes, revision, attendees });

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_TeamManagerQueue_Request_AndDecision_WithRefusalsAsProblemDetails(DatabaseProvider provider)
    {
        var within = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        var own = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id, authorEmail: DemoAccounts.NorthManager);
        var above = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id,
            [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0)], route: ApprovalRoute.TeamManager);
        var panel = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id, [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0)]);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var (status, queue) = await SendAsync(manager, HttpMethod.Get, "/api/v1/approvals");
        status.ShouldBe(HttpStatusCode.OK);
        var items = queue.GetProperty("teamManager").GetProperty("items").EnumerateArray().ToList();
        items.ShouldContain(i => i.GetProperty("id").GetGuid() == within.RequestId && !i.GetProperty("cannotDecide").GetBoolean());
        items.ShouldContain(i => i.GetProperty("id").GetGuid() == own.RequestId && i.GetProperty("cannotDecide").GetBoolean());
        items.ShouldNotContain(i => i.GetProperty("id").GetGuid() == panel.RequestId);
        queue.GetProperty("waitingForPanel").GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetGuid() == panel.RequestId);

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var (viewStatus, view) = await SendAsync(nurse, HttpMethod.Get, $"/api/v1/approvals/{within.RequestId}");
        viewStatus.ShouldBe(HttpStatusCode.OK);
        view.GetProperty("weeklyCost").GetDecimal().ShouldBe(211.25m);
        view.GetProperty("route").GetString().ShouldBe("TeamManager");
        view.GetProperty("elements").GetArrayLength().ShouldBe(4);
        view.GetProperty("risks")[0].GetProperty("isPositiveRisk").GetBoolean().ShouldBeTrue();

        async Task Refused(Browser who, Guid id, string body, HttpStatusCode expected, string code)
        {
            var (s, problem) = await SendAsync(who, HttpMethod.Post, $"/api/v1/approvals/{id}/decision", body);
            s.ShouldBe(expected, problem.ToString());
            problem.GetProperty("errorCode").GetString().ShouldBe(code);
        }

        await Refused(manager, own.RequestId, Decision("Approved", "Fine", 1), HttpStatusCode.BadRequest, "approval-own-plan");
        await Refused(manager, above.RequestId, Decision("Approved", "Fine", 1), HttpStatusCode.BadRequest, "approval-above-limit");
        await Refused(manager, panel.RequestId, Decision("Approved", "Fine", 1), HttpStatusCode.BadRequest, "approval-panel-only");
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        // Deciding is a declared permission (team managers and panel members); a practitioner is refused before the domain is asked.
        await Refused(socialWorker, within.RequestId, Decision("Approved", "Fine", 1), HttpStatusCode.Forbidden, "forbidden");
        await Refused(manager, within.RequestId, Decision("ApprovedWithChanges", "", 1), HttpStatusCode.BadRequest, "validation-failed");
        await Refused(manager, within.RequestId, Decision("Approved", "Fine", 7), HttpStatusCode.Conflict, "concurrency-conflict");

        var (decided, result) = await SendAsync(manager, HttpMethod.Post, $"/api/v1/approvals/{within.RequestId}/decision", Decision("Approved", "Meets the needs", 1));
        decided.ShouldBe(HttpStatusCode.OK, result.ToString());
        result.GetProperty("outcome").GetString().ShouldBe("Approved");
        result.GetProperty("isOpen").GetBoolean().ShouldBeFalse();
        await Refused(manager, within.RequestId, Decision("Approved", "Again", 2), HttpStatusCode.Conflict, "approval-decided");

        var (budgets, list) = await SendAsync(nurse, HttpMethod.Get, $"/api/v1/people/{within.PersonId}/personal-budgets");
        budgets.ShouldBe(HttpStatusCode.OK);
        list.GetProperty("current").GetProperty("approvalRequestId").GetGuid().ShouldBe(within.RequestId);
        list.GetProperty("current").GetProperty("decision").GetString().ShouldBe("Approved");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_Panels_ScheduleAddToAgendaAndDecide(DatabaseProvider provider)
    {
        var funding = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id, [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0)]);
        var small = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        using var panel = await app.SignedInAsync(provider, "panel@northmoor.example");

        var (bad, problem) = await SendAsync(panel, HttpMethod.Post, "/api/v1/panels", "{}");
        bad.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("kind")[0].GetString().ShouldBe("Select which panel is meeting");

        var date = ApprovalArrange.Today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (created, meeting) = await SendAsync(panel, HttpMethod.Post, "/api/v1/panels", $$"""{"kind":"Funding","meetingDate":"{{date}}","location":"Online"}""");
        created.ShouldBe(HttpStatusCode.Created, meeting.ToString());
        var meetingId = meeting.GetProperty("id").GetGuid();
        meeting.GetProperty("canBeAdded").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetGuid() == funding.RequestId);

        // Not on the agenda yet: the panel cannot decide it.
        var (early, earlyProblem) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/approvals/{funding.RequestId}/decision", Decision("Approved", "Fine", 1));
        early.ShouldBe(HttpStatusCode.BadRequest);
        earlyProblem.GetProperty("errorCode").GetString().ShouldBe("approval-not-on-agenda");

        var (wrong, wrongProblem) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/panels/{meetingId}/agenda", $$"""{"requestIds":["{{small.RequestId}}"]}""");
        wrong.ShouldBe(HttpStatusCode.BadRequest);
        wrongProblem.GetProperty("errorCode").GetString().ShouldBe("approval-wrong-panel");
        var (empty, _) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/panels/{meetingId}/agenda", """{"requestIds":[]}""");
        empty.ShouldBe(HttpStatusCode.BadRequest);

        var (added, agenda) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/panels/{meetingId}/agenda", $$"""{"requestIds":["{{funding.RequestId}}"]}""");
        added.ShouldBe(HttpStatusCode.OK, agenda.ToString());
        agenda.GetProperty("agenda").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(funding.RequestId);
        var (listed, meetings) = await SendAsync(panel, HttpMethod.Get, "/api/v1/panels");
        listed.ShouldBe(HttpStatusCode.OK);
        meetings.GetProperty("upcoming").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == meetingId).GetProperty("plansOnAgenda").GetInt32().ShouldBe(1);
        (await SendAsync(panel, HttpMethod.Get, $"/api/v1/panels/{meetingId}")).Status.ShouldBe(HttpStatusCode.OK);

        // The meeting is in two days: the panel cannot decide before it meets.
        var revision = (await app.RequestAsync(provider, funding.RequestId)).Revision;
        const string attendees = "Ruth Campbell, chair (council); Dr Amir Khan, consultant psychiatrist (NHS trust)";
        var (beforeMeeting, beforeProblem) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/approvals/{funding.RequestId}/decision",
            Decision("Declined", "Needs met more cheaply by the community group", revision, attendees: attendees));
        beforeMeeting.ShouldBe(HttpStatusCode.BadRequest);
        beforeProblem.GetProperty("errorCode").GetString().ShouldBe("approval-before-meeting");
        beforeProblem.GetProperty("detail").GetString().ShouldBe(
            $"The panel meets on {PersonalBudgets.Core.Common.UkFormat.Date(ApprovalArrange.Today.AddDays(2))}: its decision can be recorded on or after that day, not before");
        (await app.RequestAsync(provider, funding.RequestId)).IsOpen.ShouldBeTrue();

        // On the day, the panel decides, and says who attended.
        var (todayCreated, today) = await SendAsync(panel, HttpMethod.Post, "/api/v1/panels",
            $$"""{"kind":"Funding","meetingDate":"{{ApprovalArrange.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}}"}""");
        todayCreated.ShouldBe(HttpStatusCode.Created);
        var smallFunding = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id, [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0)]);
        (await SendAsync(panel, HttpMethod.Post, $"/api/v1/panels/{today.GetProperty("id").GetGuid()}/agenda", $$"""{"requestIds":["{{smallFunding.RequestId}}"]}""")).Status.ShouldBe(HttpStatusCode.OK);
        var onTheDay = (await app.RequestAsync(provider, smallFunding.RequestId)).Revision;
        var (noAttendees, noAttendeesProblem) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/approvals/{smallFunding.RequestId}/decision",
            Decision("Declined", "Needs met more cheaply by the community group", onTheDay));
        noAttendees.ShouldBe(HttpStatusCode.BadRequest);
        noAttendeesProblem.GetProperty("errors").GetProperty("attendees")[0].GetString().ShouldBe("Enter who attended the panel meeting, with their roles");
        var (decided, result) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/approvals/{smallFunding.RequestId}/decision",
            Decision("Declined", "Needs met more cheaply by the community group", onTheDay, attendees: attendees));
        decided.ShouldBe(HttpStatusCode.OK, result.ToString());
        result.GetProperty("outcome").GetString().ShouldBe("Declined");
        result.GetProperty("panelAttendees").GetString().ShouldBe(attendees);
        (await app.PlanAsync(provider, smallFunding.PlanId)).Status.ShouldBe(PlanStatus.Draft);

        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        (await SendAsync(manager, HttpMethod.Get, "/api/v1/panels")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(manager, HttpMethod.Post, $"/api/v1/panels/{meetingId}/agenda", """{"requestIds":[]}""")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_PanelMembersSeeOnlyPeopleOfTheirTeams(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0)]);
        // The person leaves every team: no panel member has a legitimate relationship with them any more.
        await app.QueryAsync(provider, async db =>
        {
            foreach (var a in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.TeamAllocations.Where(a => a.PersonId == person.Id && a.EndedAt == null)))
            {
                a.EndedAt = DateTimeOffset.UtcNow;
                a.EndedByName = "Test";
            }

            return await db.SaveChangesAsync();
        });
        using var panel = await app.SignedInAsync(provider, "panel@northmoor.example");
        var date = ApprovalArrange.Today.AddDays(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, meeting) = await SendAsync(panel, HttpMethod.Post, "/api/v1/panels", $$"""{"kind":"Funding","meetingDate":"{{date}}"}""");
        var meetingId = meeting.GetProperty("id").GetGuid();

        meeting.GetProperty("canBeAdded").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == plan.RequestId);
        var (status, problem) = await SendAsync(panel, HttpMethod.Post, $"/api/v1/panels/{meetingId}/agenda", $$"""{"requestIds":["{{plan.RequestId}}"]}""");
        status.ShouldBe(HttpStatusCode.Forbidden);
        problem.GetProperty("errorCode").GetString().ShouldBe("record-access-denied");
        (await SendAsync(panel, HttpMethod.Get, $"/api/v1/approvals/{plan.RequestId}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await app.RequestAsync(provider, plan.RequestId)).PanelMeetingId.ShouldBeNull();
    }
}
