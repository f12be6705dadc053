using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// Access to a person by convention (ADR 0011): the person-access filter finds the person from whatever id the route
/// carries, refuses a person outside the user's teams (audited once), answers 404 for an id of no record, and the
/// audit log flags what is done through break-glass without the feature saying so.
/// </summary>
public sealed class PersonAccessFilterTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records of one North-only person (outside the South practitioners' teams), one of each kind.</summary>
    private sealed record NorthRecords(Guid PersonId, Guid AssessmentId, Guid PlanId, Guid ReviewId, Guid RequestId, Guid IndicativeBudgetId, Guid PersonalBudgetId);

    /// <summary>
    /// A North-only person with an approved plan and a personal budget in place (the demo data has one), and a review
    /// of that plan opened here, so every kind of id belongs to the same person.
    /// </summary>
    private Task<NorthRecords> NorthRecordsAsync(DatabaseProvider provider) => app.QueryAsync(provider, async db =>
    {
        var south = await db.Teams.Where(t => t.Name == DemoDataSeeder.SouthTeam).Select(t => t.Id).SingleAsync(Ct);
        var inSouth = db.TeamAllocations.Where(a => a.EndedAt == null && a.TeamId == south).Select(a => a.PersonId);
        // A person with every kind of record: not every demo budget's person has an assessment and an indicative budget of
        // their own (ids are new each seeding, so picking the first budget by id picked one of those now and then).
        var budget = await db.PersonalBudgets.AsNoTracking()
            .Where(b => !inSouth.Contains(b.PersonId) && db.Assessments.Any(a => a.PersonId == b.PersonId) && db.IndicativeBudgets.Any(i => i.PersonId == b.PersonId))
            .OrderBy(b => b.Id).FirstAsync(Ct);
        var personId = budget.PersonId;
        var assessmentId = await db.Assessments.Where(a => a.PersonId == personId).Select(a => a.Id).FirstAsync(Ct);
        var indicativeId = await db.IndicativeBudgets.Where(b => b.PersonId == personId).Select(b => b.Id).FirstAsync(Ct);
        var reviewId = await db.Reviews.Where(r => r.PersonId == personId).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(Ct);
        if (reviewId is null)
        {
            var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse, Ct);
            var review = Review.Open(personId, null, budget.PlanId, budget.Id, [], ReviewReason.Scheduled, null, PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(7),
                new Actor(nurse.Id, nurse.DisplayName), DateTimeOffset.UtcNow);
            db.Reviews.Add(review);
            await db.SaveChangesAsync(Ct);
            reviewId = review.Id;
        }

        return new NorthRecords(personId, assessmentId, budget.PlanId, reviewId.Value, budget.ApprovalRequestId, indicativeId, budget.Id);
    });

    /// <summary>A page and an API endpoint for each kind of id the filter resolves.</summary>
    private static IEnumerable<(string Kind, string Page, string Api)> Urls(NorthRecords r) =>
    [
        ("person", $"/People/{r.PersonId}", $"/api/v1/people/{r.PersonId}"),
        ("assessment", $"/Assessments/{r.AssessmentId}", $"/api/v1/assessments/{r.AssessmentId}"),
        ("plan", $"/Plans/{r.PlanId}", $"/api/v1/plans/{r.PlanId}"),
        ("review", $"/Reviews/{r.ReviewId}", $"/api/v1/reviews/{r.ReviewId}"),
        ("approval request", $"/Approvals/{r.RequestId}", $"/api/v1/approvals/{r.RequestId}"),
        ("indicative budget", $"/People/{r.PersonId}/Budget/{r.IndicativeBudgetId}", $"/api/v1/indicative-budgets/{r.IndicativeBudgetId}"),
        ("personal budget", $"/PersonalBudgets/{r.PersonalBudgetId}/Statement", $"/api/v1/personal-budgets/{r.PersonalBudgetId}"),
    ];

    private Task<int> RefusalsAsync(DatabaseProvider provider, string email, Guid personId) => app.QueryAsync(provider, db =>
        db.AuditEntries.Where(e => e.Action == AuditAction.AccessDenied && e.PersonId == personId)
            .Join(db.Users.Where(u => u.Email == email), e => e.UserId, u => u.Id, (e, u) => e.Id).CountAsync(Ct));

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EveryKindOfId_ForAPersonOutsideTheirTeams_IsRefusedOnceAndAudited(DatabaseProvider provider)
    {
        var records = await NorthRecordsAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        foreach (var (kind, pageUrl, apiUrl) in Urls(records))
        {
            var before = await RefusalsAsync(provider, DemoAccounts.SouthOt, records.PersonId);
            var page = await browser.GetAsync(pageUrl);

            page.Status.ShouldBe(HttpStatusCode.Forbidden, kind);
            page.Heading.ShouldBe("You do not have access to this record", kind);
            page.Document.QuerySelector($"a[href='/People/{records.PersonId}/BreakGlass']").ShouldNotBeNull(kind);
            (await RefusalsAsync(provider, DemoAccounts.SouthOt, records.PersonId)).ShouldBe(before + 1, $"{kind}: one refusal entry per request");

            using var response = await browser.Http.GetAsync(new Uri(apiUrl, UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, kind);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", kind);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            problem.GetProperty("errorCode").GetString().ShouldBe("record-access-denied", kind);
            (await RefusalsAsync(provider, DemoAccounts.SouthOt, records.PersonId)).ShouldBe(before + 2, $"{kind}: one refusal entry per request");
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EveryKindOfId_ForTheirOwnTeam_IsAllowed(DatabaseProvider provider)
    {
        var records = await NorthRecordsAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        foreach (var (kind, pageUrl, apiUrl) in Urls(records))
        {
            (await browser.GetAsync(pageUrl)).Status.ShouldBe(HttpStatusCode.OK, kind);
            using var response = await browser.Http.GetAsync(new Uri(apiUrl, UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, kind);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AnUnknownId_Is404_ForEveryKind(DatabaseProvider provider)
    {
        var unknown = Guid.NewGuid();
        var records = new NorthRecords(unknown, unknown, unknown, unknown, unknown, unknown, unknown);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        foreach (var (kind, pageUrl, apiUrl) in Urls(records))
        {
            var page = await browser.GetAsync(pageUrl);
            page.Status.ShouldBe(HttpStatusCode.NotFound, kind);
            page.Heading.ShouldBe("Page not found", kind);

            using var response = await browser.Http.GetAsync(new Uri(apiUrl, UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, kind);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errorCode").GetString().ShouldBe("not-found", kind);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ThroughBreakGlass_EveryEntryAboutThePersonIsFlagged_AndTheTeamsOwnAreNot(DatabaseProvider provider)
    {
        var records = await NorthRecordsAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.SouthPeerSupport);
        var form = await browser.GetAsync($"/People/{records.PersonId}/BreakGlass");
        form.Status.ShouldBe(HttpStatusCode.OK);
        (await browser.SubmitAsync(form, ("Reason", "Person arrived in crisis at the south team base"))).Status.ShouldBe(HttpStatusCode.Redirect);

        // Views by several features, each of which used to pass the break-glass flag by hand.
        foreach (var url in Urls(records).Select(u => u.Page).Append($"/People/{records.PersonId}/Pathway"))
        {
            (await browser.GetAsync(url)).Status.ShouldBe(HttpStatusCode.OK, url);
        }

        using var colleague = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await colleague.GetAsync($"/People/{records.PersonId}")).Status.ShouldBe(HttpStatusCode.OK);

        var entries = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.PersonId == records.PersonId)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => new { u.Email, e.Action, e.RecordType, e.IsBreakGlass })
            .ToListAsync(Ct));
        var theirs = entries.Where(e => e.Email == DemoAccounts.SouthPeerSupport).ToList();
        theirs.ShouldContain(e => e.Action == AuditAction.BreakGlassGranted);
        theirs.Count(e => e.Action == AuditAction.Viewed).ShouldBeGreaterThanOrEqualTo(6);
        theirs.Select(e => e.RecordType).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
        theirs.Where(e => !e.IsBreakGlass).ShouldBeEmpty();
        entries.Where(e => e.Email == DemoAccounts.NorthNurse).ShouldNotBeEmpty();
        entries.Where(e => e.Email == DemoAccounts.NorthNurse && e.IsBreakGlass).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EveryListOfPeople_AuditsAView(DatabaseProvider provider)
    {
        var meetingId = await app.QueryAsync(provider, db => db.PanelMeetings.Select(m => m.Id).FirstAsync(Ct));
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        using var panel = await app.SignedInAsync(provider, "panel@northmoor.example");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);

        foreach (var (who, url) in new[] { (manager, "/Work"), (manager, "/Work/Team"), (manager, "/Approvals"), (panel, $"/Panels/{meetingId}") })
        {
            (await who.GetAsync(url)).Status.ShouldBe(HttpStatusCode.OK, url);
        }

        var summaries = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Viewed && e.OccurredAt >= since && e.PersonId == null)
            .Select(e => e.Summary ?? "").ToListAsync(Ct));
        summaries.ShouldContain(s => s.StartsWith("Viewed my work", StringComparison.Ordinal));
        summaries.ShouldContain(s => s.StartsWith("Viewed team work", StringComparison.Ordinal));
        summaries.ShouldContain(s => s.StartsWith("Viewed the approvals queue", StringComparison.Ordinal));
        summaries.ShouldContain(s => s.StartsWith("Viewed the funding panel", StringComparison.Ordinal) || s.StartsWith("Viewed the risk enablement panel", StringComparison.Ordinal));
    }
}
