using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>
/// A change of the team manager's limit moves the plans still waiting to the route the new limit gives, with their
/// approval step, so none is left where nobody may decide it.
/// </summary>
public sealed class DelegatedLimitChangeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Admin = "admin@northmoor.example";
    private const string Panel = "panel@northmoor.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(Browser browser, string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await browser.Http.PostAsync(new Uri(url, UriKind.Relative), content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Decision(string outcome, int revision) =>
        JsonSerializer.Serialize(new { outcome, reasons = "Meets the eligible needs at a fair cost", revision, attendees = "Ruth Campbell, chair" });

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task LimitLoweredBelowAWaitingPlan_MovesItToTheFundingPanel_WhichCanDecideIt(DatabaseProvider provider)
    {
        var waiting = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        var small = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id,
            [new("Weekly art group", 40m, 1m, Deployment.CouncilCommissioned, 7)]);
        waiting.Route.ShouldBe(ApprovalRoute.TeamManager);
        waiting.WeeklyCost.ShouldBeGreaterThan(100m);
        small.Route.ShouldBe(ApprovalRoute.TeamManager);

        using var admin = await app.SignedInAsync(provider, Admin);
        var check = await admin.SubmitAsync(await admin.GetAsync("/Admin/ServiceStandards"),
            ("Input.TeamManagerWeeklyLimit", "100"), ("Reason", "The council lowered delegated limits"));
        check.Status.ShouldBe(HttpStatusCode.OK, string.Join("; ", check.ErrorSummary));
        var lowered = await admin.SubmitAsync(check);
        lowered.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", lowered.ErrorSummary));

        // The plan above the new limit now waits for the funding panel; the one within it stays with the team manager.
        var moved = await app.RequestAsync(provider, waiting.RequestId);
        moved.Route.ShouldBe(ApprovalRoute.FundingPanel);
        moved.IsOpen.ShouldBeTrue();
        (await app.RequestAsync(provider, small.RequestId)).Route.ShouldBe(ApprovalRoute.TeamManager);

        // Its approval step moved with it, to the panel member of the person's teams, keeping its due date.
        var (stage, step) = await app.PathwayAsync(provider, waiting.EpisodeId);
        stage.ShouldBe(PathwayStage.Approval);
        step.ShouldNotBeNull().OwnerName.ShouldBe(await app.QueryAsync(provider, db => db.Users.Where(u => u.Email == Panel).Select(u => u.DisplayName).SingleAsync(Ct)));
        step.DueDate.ShouldBe(moved.DueDate);

        // The move is in the request's history.
        var history = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == "ApprovalRequest" && e.RecordId == waiting.RequestId.ToString() && e.Action == AuditAction.Updated)
            .Select(e => e.Summary).ToListAsync(Ct));
        history.ShouldContain(s => s!.Contains("moved from the team manager to the funding panel", StringComparison.Ordinal));

        // The team manager may no longer decide it; the funding panel can.
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var (refused, problem) = await PostAsync(manager, $"/api/v1/approvals/{waiting.RequestId}/decision", Decision("Approved", moved.Revision));
        refused.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errorCode").GetString().ShouldBe("approval-panel-only");

        using var panel = await app.SignedInAsync(provider, Panel);
        // The panel meets today: it decides at its meeting, not before.
        var date = ApprovalArrange.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (scheduled, meeting) = await PostAsync(panel, "/api/v1/panels", $$"""{"kind":"Funding","meetingDate":"{{date}}"}""");
        scheduled.ShouldBe(HttpStatusCode.Created);
        var meetingId = meeting.GetProperty("id").GetGuid();
        var (added, _) = await PostAsync(panel, $"/api/v1/panels/{meetingId}/agenda", $$"""{"requestIds":["{{waiting.RequestId}}"]}""");
        added.ShouldBe(HttpStatusCode.OK);
        var (decided, _) = await PostAsync(panel, $"/api/v1/approvals/{waiting.RequestId}/decision",
            Decision("Approved", (await app.RequestAsync(provider, waiting.RequestId)).Revision));
        decided.ShouldBe(HttpStatusCode.OK);
        (await app.RequestAsync(provider, waiting.RequestId)).Outcome.ShouldBe(ApprovalOutcome.Approved);
    }
}
