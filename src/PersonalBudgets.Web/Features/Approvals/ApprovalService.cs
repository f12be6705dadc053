using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Projections;
using PersonalBudgets.Web.Features.Eligibility;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>One open request in a queue or on an agenda: ids and what the decider needs to pick it up.</summary>
public sealed record ApprovalItem(
    Guid Id,
    Guid PersonId,
    string PersonName,
    string PersonIdentifier,
    int PlanNumber,
    decimal WeeklyCost,
    ApprovalRoute Route,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateOnly DueDate,
    bool IsOverdue,
    bool CannotDecide,
    Guid? PanelMeetingId,
    ApprovalOutcome? Outcome,
    DateOnly PersonDateOfBirth,
    string? PersonNhsNumber)
{
    /// <summary>Date of birth, identifier and NHS number, shown under the name as My work and Team work do (issue 11, item 8).</summary>
    public string Identity => PersonIdentity.Line(PersonDateOfBirth, PersonIdentifier, PersonNhsNumber);
}

/// <summary>A page of items, with what the pagination needs.</summary>
public sealed record ItemPage(IReadOnlyList<ApprovalItem> Items, int Page, int TotalPages, int TotalCount);

/// <summary>The team manager's queue, and the requests of their people waiting for a panel.</summary>
public sealed record ApprovalQueue(ItemPage ForTeamManager, ItemPage WaitingForPanel);

/// <summary>
/// The records the plan rests on, for the decider to open: the needs assessment behind the person's eligibility,
/// whether it has a written record of the eligibility determination, and the indicative budget the plan was costed against.
/// </summary>
public sealed record PlanBasis(Guid? AssessmentId, bool HasWrittenRecord, Guid? IndicativeBudgetId);

/// <summary>A request with the plan it is about, for the plan summary and the decision form.</summary>
public sealed record ApprovalView(PersonRecord Record, ApprovalRequest Request, SupportPlan Plan, PanelMeeting? Meeting, decimal TeamManagerWeeklyLimit, DateOnly Today, Guid CurrentUserId,
    PlanBasis Basis)
{
    /// <summary>A panel's plan on the agenda of a meeting that has not happened yet: its decision must wait for the meeting.</summary>
    public bool MeetingNotYetHeld => Request.IsOpen && Meeting is { } m && Request.PanelMeetingId == m.Id && m.MeetingDate > Today;

    public decimal? VariancePercent => PlanCosting.VariancePercent(Plan.WeeklyCost, Plan.IndicativeWeekly);

    /// <summary>Whether the person has section 117 aftercare in force today (their contribution is then zero).</summary>
    public bool Section117 => Record.Person.Section117InForceOn(Today);

    public bool IsOverdue => Request.IsOpen && Request.DueDate < Today;
}

/// <summary>
/// Approval requests as deciders see them: the team manager's queue (paged, bounded queries), and a request with its
/// plan. Staff see only requests for people of their teams; viewing a request is audited against the person.
/// </summary>
public sealed class ApprovalService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock, RecordAccessService access)
{
    public const string RecordType = "ApprovalRequest";
    public const int PageSize = 25;

    public DateOnly Today => clock.UkToday();

    /// <summary>The roles of the signed-in user, from their role claims.</summary>
    public static IReadOnlyCollection<Role> RolesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// The open requests for people of the user's teams: the access rule (a current allocation to one of the user's
    /// teams, as <see cref="RecordAccessService.AccessiblePeople"/>) read from the team-scoped read table
    /// <see cref="TeamOpenApproval"/>, which holds exactly those requests for each team.
    /// </summary>
    public IQueryable<ApprovalRequest> OpenForMyPeople()
    {
        var me = currentUser.Id;
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me).Select(m => m.TeamId);
        return db.ApprovalRequests.Where(r => (r.Outcome == null || r.Outcome == ApprovalOutcome.Deferred)
            && db.TeamOpenApprovals.Any(t => t.RequestId == r.Id && myTeams.Contains(t.TeamId)));
    }

    /// <summary>
    /// The team manager's queue: open requests for the team manager, oldest due first; and the requests of the same
    /// people waiting for a panel. Each page is read from the user's teams' rows of the read table in due order
    /// (IX_TeamOpenApprovals_TeamId_Route_DueDate_RequestedAt_RequestId), joined to the requests and people for that
    /// page only; a count (of the read table alone) only when the page is full or empty past the first.
    /// </summary>
    public async Task<ApprovalQueue> QueueAsync(int page, int panelPage, CancellationToken ct = default)
    {
        var teams = await access.TeamIdsAsync(ct);
        var mine = await PageAsync(MyOpenRows(teams, ApprovalRoute.TeamManager), page, ct);
        var panel = await PageAsync(MyOpenRows(teams, ApprovalRoute.FundingPanel, ApprovalRoute.RiskEnablementPanel), panelPage, ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, null,
            summary: $"Viewed the approvals queue: {mine.Items.Count} plans for a team manager and {panel.Items.Count} waiting for a panel shown", cancellationToken: ct);
        return new ApprovalQueue(mine, panel);
    }

    /// <summary>How many plans of the user's teams wait for a team manager's decision (the home page's count; no list, so no audit).</summary>
    public async Task<int> WaitingForTeamManagerCountAsync(CancellationToken ct = default) =>
        await MyOpenRows(await access.TeamIdsAsync(ct), ApprovalRoute.TeamManager).CountAsync(ct);

    /// <summary>
    /// The read table's rows of the given teams and routes, a request once: when its person is in two of the teams,
    /// only the row of the team with the lowest id among them is kept.
    /// </summary>
    private IQueryable<TeamOpenApproval> MyOpenRows(List<Guid> teams, params ApprovalRoute[] routes)
    {
        var rows = db.TeamOpenApprovals.AsNoTracking();
        if (teams.Count == 1)
        {
            // One team (the usual case): equalities on the index's leading columns, so one route's page is read in order and stops.
            var team = teams[0];
            var route = routes[0];
            return routes.Length == 1
                ? rows.Where(t => t.TeamId == team && t.Route == route)
                : rows.Where(t => t.TeamId == team && routes.Contains(t.Route));
        }

        return rows.Where(t => teams.Contains(t.TeamId) && routes.Contains(t.Route)
            && !rows.Any(o => o.PersonId == t.PersonId && o.RequestId == t.RequestId && teams.Contains(o.TeamId) && o.TeamId.CompareTo(t.TeamId) < 0));
    }

    /// <summary>A page of requests, oldest due first, with the person's name (one query; a count only when the page cannot tell the total).</summary>
    private async Task<ItemPage> PageAsync(IQueryable<TeamOpenApproval> rows, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var items = await PageItemsAsync(rows, page, ct);
        if (items.Count < PageSize && (items.Count > 0 || page == 1))
        {
            var known = Paging.Offset(page, PageSize) + items.Count;
            return new ItemPage(items, page, page, known);
        }

        var total = await rows.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (page > pages)
        {
            // Past the end (the list shrank since the link was made): show the last page, as before.
            page = pages;
            items = await PageItemsAsync(rows, page, ct);
        }

        return new ItemPage(items, page, pages, total);
    }

    /// <summary>The page's request ids from the read table, in due order; the requests and people joined for those only.</summary>
    private Task<IReadOnlyList<ApprovalItem>> PageItemsAsync(IQueryable<TeamOpenApproval> rows, int page, CancellationToken ct)
    {
        var ids = rows.OrderBy(t => t.DueDate).ThenBy(t => t.RequestedAt).ThenBy(t => t.RequestId)
            .Skip(Paging.Offset(page, PageSize)).Take(PageSize).Select(t => t.RequestId);
        return ItemsAsync(Ordered(db.ApprovalRequests.Where(r => ids.Contains(r.Id))), ct);
    }

    private static IQueryable<ApprovalRequest> Ordered(IQueryable<ApprovalRequest> requests) =>
        requests.OrderBy(r => r.DueDate).ThenBy(r => r.RequestedAt).ThenBy(r => r.Id);

    /// <summary>Projects requests (already ordered and bounded by the caller) to items, in one query.</summary>
    public async Task<IReadOnlyList<ApprovalItem>> ItemsAsync(IQueryable<ApprovalRequest> requests, CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var today = Today;
        var rows = await requests
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new
            {
                r.Id, r.PersonId, p.PreferredName, p.LegalFirstName, p.LegalLastName, p.PersonIdentifier, p.DateOfBirth, p.NhsNumber, r.PlanNumber, r.WeeklyCost, r.Route,
                r.RequestedByName, r.RequestedAt, r.DueDate, r.PlanAuthorId, r.RequestedById, r.PanelMeetingId, r.Outcome,
            })
            .ToListAsync(ct);
        return rows.Select(r => new ApprovalItem(
            r.Id, r.PersonId, $"{(string.IsNullOrWhiteSpace(r.PreferredName) ? r.LegalFirstName : r.PreferredName)} {r.LegalLastName}", r.PersonIdentifier,
            r.PlanNumber, r.WeeklyCost, r.Route, r.RequestedByName, r.RequestedAt, r.DueDate,
            (r.Outcome is null or ApprovalOutcome.Deferred) && r.DueDate < today,
            ApprovalRequest.WroteOrSubmitted(r.PlanAuthorId, r.RequestedById, me), r.PanelMeetingId, r.Outcome, r.DateOfBirth, r.NhsNumber)).ToList();
    }

    /// <summary>A request with its plan, checking access and auditing the view.</summary>
    public async Task<ApprovalView> ViewAsync(Guid requestId, CancellationToken ct = default)
    {
        var view = await LoadAsync(requestId, ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, requestId.ToString(), view.Request.PersonId,
            summary: $"Viewed the approval request for version {view.Request.PlanNumber} of the support plan", cancellationToken: ct);
        return view;
    }

    /// <summary>The same without a view entry, for re-showing the form after a refusal.</summary>
    public async Task<ApprovalView> LoadAsync(Guid requestId, CancellationToken ct = default)
    {
        var request = await db.ApprovalRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new NotFoundException("The approval request");
        var record = await people.LoadForEditAsync(request.PersonId, ct);
        var plan = await db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == request.PlanId, ct);
        var meeting = request.PanelMeetingId is { } m ? await db.PanelMeetings.AsNoTracking().SingleOrDefaultAsync(x => x.Id == m, ct) : null;
        var limit = (await db.ServiceStandardsVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct))?.Standards.TeamManagerWeeklyLimit
            ?? Core.Pathways.ServiceStandards.Default.TeamManagerWeeklyLimit;
        return new ApprovalView(record, request, plan, meeting, limit, Today, currentUser.Id, await BasisAsync(plan, ct));
    }

    /// <summary>The assessment behind the indicative budget the plan used, or else behind the person's current eligibility.</summary>
    private async Task<PlanBasis> BasisAsync(SupportPlan plan, CancellationToken ct)
    {
        var indicative = plan.IndicativeBudgetId is { } ib
            ? await db.IndicativeBudgets.AsNoTracking().Where(b => b.Id == ib).Select(b => new { b.Id, b.AssessmentId }).SingleOrDefaultAsync(ct)
            : null;
        var assessmentId = indicative?.AssessmentId ?? (await db.CurrentEligibilityAsync(plan.PersonId, ct)).AssessmentId;
        var hasRecord = assessmentId is { } a && await db.EligibilityDeterminations.AnyAsync(e => e.AssessmentId == a, ct);
        return new PlanBasis(assessmentId, hasRecord, indicative?.Id);
    }
}
