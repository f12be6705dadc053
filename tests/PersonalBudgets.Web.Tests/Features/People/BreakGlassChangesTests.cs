using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

/// <summary>Break-glass is for reading: every change to the person, on a page or through the API, is refused and audited as break-glass.</summary>
public sealed class BreakGlassChangesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string SouthManager = "manager.south@northmoor.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(Browser browser, string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await browser.Http.PostAsync(new Uri(url, UriKind.Relative), content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ManagerOfAnotherTeam_UnderBreakGlass_CanReadButCannotApproveDeclineOrCreateABudget(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        using var manager = await app.SignedInAsync(provider, SouthManager);
        var form = await manager.GetAsync($"/People/{person.Id}/BreakGlass");
        (await manager.SubmitAsync(form, ("Reason", "Person arrived in crisis at the south team base"))).Status.ShouldBe(HttpStatusCode.Redirect);

        // Reading is what break-glass is for.
        var view = await manager.GetAsync($"/Approvals/{plan.RequestId}");
        view.Status.ShouldBe(HttpStatusCode.OK);
        var token = view.Document.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull().GetAttribute("value")!;

        // The decision page: refused with the break-glass page, not decided.
        var page = await manager.PostAsync($"/Approvals/{plan.RequestId}",
            [new("__RequestVerificationToken", token), new("Outcome", "Approved"), new("Reasons", "Within the limit and meets the needs"), new("Revision", "1")]);
        page.Status.ShouldBe(HttpStatusCode.Forbidden);
        page.Heading.ShouldBe("You cannot change this record with break-glass access");

        // The API: approve, decline and a new indicative budget are each refused with a ProblemDetails.
        foreach (var (url, body) in new[]
        {
            ($"/api/v1/approvals/{plan.RequestId}/decision", """{"outcome":"Approved","reasons":"Within the limit","revision":1}"""),
            ($"/api/v1/approvals/{plan.RequestId}/decision", """{"outcome":"Declined","reasons":"Not needed","revision":1}"""),
            ($"/api/v1/people/{person.Id}/indicative-budgets", """{"answers":{}}"""),
        })
        {
            var (status, problem) = await PostJsonAsync(manager, url, body);
            status.ShouldBe(HttpStatusCode.Forbidden, url);
            problem.GetProperty("errorCode").GetString().ShouldBe("break-glass-read-only", url);
        }

        (await app.RequestAsync(provider, plan.RequestId)).IsOpen.ShouldBeTrue();
        (await app.QueryAsync(provider, db => db.PersonalBudgets.CountAsync(b => b.PersonId == person.Id, Ct))).ShouldBe(0);
        (await app.QueryAsync(provider, db => db.IndicativeBudgets.CountAsync(b => b.PersonId == person.Id, Ct))).ShouldBe(0);

        // Everything the manager did about the person is flagged, and the refusals are recorded.
        var entries = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.PersonId == person.Id)
            .Join(db.Users.Where(u => u.Email == SouthManager), e => e.UserId, u => u.Id, (e, _) => new { e.Action, e.IsBreakGlass, e.Summary })
            .ToListAsync(Ct));
        entries.ShouldAllBe(e => e.IsBreakGlass);
        entries.Count(e => e.Action == AuditAction.AccessDenied).ShouldBe(4);
        entries.ShouldNotContain(e => e.Action == AuditAction.Decided || e.Action == AuditAction.Created || e.Action == AuditAction.Transitioned);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheirOwnTeamsManager_StillDecides(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var (status, _) = await PostJsonAsync(manager, $"/api/v1/approvals/{plan.RequestId}/decision", """{"outcome":"Approved","reasons":"Within the limit","revision":1}""");

        status.ShouldBe(HttpStatusCode.OK);
        (await app.RequestAsync(provider, plan.RequestId)).IsOpen.ShouldBeFalse();
    }
}
