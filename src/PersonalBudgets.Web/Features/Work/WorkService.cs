using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>An open step in a worklist, with the person it is for.</summary>
public sealed record WorkItem(
    Guid StepId,
    Guid PersonId,
    string PersonName,
    string PersonIdentifier,
    PathwayStage Stage,
    Guid? SubjectId,
    Guid? OwnerId,
    string? OwnerName,
    Profession? OwnerProfession,
    DateOnly DueDate,
    int Revision,
    bool IsOverdue,
    string Link,
    DateOnly PersonDateOfBirth = default,
    string? PersonNhsNumber = null)
{
    /// <summary>Date of birth, identifier and NHS number: which person this is.</summary>
    public string Identity => PersonIdentity.Line(PersonDateOfBirth, PersonIdentifier, PersonNhsNumber);
}

/// <summary>A table of work items for the worklist partial.</summary>
public sealed record WorkTable(IReadOnlyList<WorkItem> Items, string Caption, bool ShowOwner);

/// <summary>A table of work with a checkbox per row for reallocation.</summary>
public sealed record SelectableTable(string Key, string Caption, IReadOnlyList<WorkItem> Items, IReadOnlyList<string> Selected);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int TotalPages, int Total);

public sealed record MyWork(Paged<WorkItem> Items, PathwayStage? Stage, int UnreadNotifications, WorkDue? Due = null);

/// <summary>A filter of My work by due date (the home page's counts link to these).</summary>
public enum WorkDue
{
    /// <summary>Due before today.</summary>
    Overdue,

    /// <summary>Due today or in the next 7 days.</summary>
    ThisWeek,
}

/// <summary>
/// Counts of a member's (or a profession's) open work. <see cref="Owner"/> and <see cref="Profession"/> say which list
/// of Team work the row's counts open (the owner's id, "none", "outside"; a profession by name).
/// </summary>
public sealed record WorkCounts(string Name, int Open, int Overdue, int DueWithinWeek, string? Owner = null, string? Profession = null);

/// <summary>A member of the manager's teams who can be given work, with how much open work they own there now.</summary>
public sealed record MemberLoad(Guid Id, string Name, Profession Profession, int OpenSteps);

/// <summary>One list of Team work behind a count: what it holds, a page of it, and who the work can go to.</summary>
public sealed record TeamWorkList(
    IReadOnlyList<TeamRef> Teams,
    TeamWorkFilter Filter,
    string OwnerName,
    Paged<WorkItem> Items,
    IReadOnlyList<MemberLoad> Members)
{
    /// <summary>What the list holds, in words.</summary>
    public string Title => Filter.Describe(OwnerName);
}

public sealed record TeamWork(
    IReadOnlyList<TeamRef> Teams,
    IReadOnlyList<WorkCounts> ByMember,
    IReadOnlyList<WorkCounts> ByProfession,
    Paged<WorkItem> Unowned,
    Paged<WorkItem> Overdue,
    IReadOnlyList<OwnerOption> Members);

public sealed record TeamRef(Guid Id, string Name);

/// <summary>
/// Worklists: what the signed-in user owns, and the team manager's view of their teams' open work. Each is a bounded
/// number of queries with paging: my work on the index of open steps by owner, team work on the read table of the teams'
/// open steps (TeamOpenSteps, kept by database triggers).
/// </summary>
public sealed class WorkService(PersonalBudgetsDbContext db, ICurrentUser currentUser, TimeProvider clock, AuditLog audit, PageLinks links)
{
    public const int PageSize = 25;

    /// <summary>
    /// How many unowned and overdue steps Team work itself shows: the first, soonest due; the whole lists (with paging) are
    /// behind its links. The page stays small for a manager of thousands of people (docs/benchmarks.md).
    /// </summary>
    public const int TeamOverviewSize = 10;
    public const string ListRecordType = "Worklist";

    private DateOnly Today => clock.UkToday();

    /// <summary>Every open step the user owns, overdue first then by due date. Three queries.</summary>
    public async Task<MyWork> MineAsync(PathwayStage? stage, int page, CancellationToken ct = default) => await MineAsync(stage, null, page, ct);

    /// <summary>Every open step the user owns, at a stage and due when asked, overdue first then by due date. Three queries.</summary>
    public async Task<MyWork> MineAsync(PathwayStage? stage, WorkDue? due, int page, CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var query = db.PathwaySteps.AsNoTracking().Where(s => s.OwnerId == me && s.CompletedAt == null);
        if (stage is { } st)
        {
            query = query.Where(s => s.Stage == st);
        }

        var today = Today;
        var weekAhead = today.AddDays(7);
        query = due switch
        {
            WorkDue.Overdue => query.Where(s => s.DueDate < today),
            WorkDue.ThisWeek => query.Where(s => s.DueDate >= today && s.DueDate <= weekAhead),
            _ => query,
        };

        var items = await PageAsync(query, page, null, ct);
        var unread = await db.Notifications.CountAsync(n => n.RecipientId == me && n.ReadAt == null, ct);
        await audit.RecordAsync(AuditAction.Viewed, ListRecordType, null, summary: $"Viewed my work: {items.Items.Count} of {items.Total} steps, page {items.Page}", cancellationToken: ct);
        return new MyWork(items, stage, unread, due);
    }

    /// <summary>
    /// The teams the manager belongs to: counts by member and by profession of the open work of people currently
    /// allocated to them, and the unowned and overdue steps, paged. Five queries; the counts and the two lists read the
    /// teams' rows of the read table TeamOpenSteps (docs/adr/0019-team-scoped-read-tables-kept-by-triggers.md), never
    /// the teams' whole allocations, and join PathwaySteps and People for the rows of a page only.
    /// </summary>
    public async Task<TeamWork> TeamAsync(int unownedPage, int overduePage, CancellationToken ct = default) =>
        await TeamAsync(unownedPage, overduePage, PageSize, ct);

    /// <summary>Team work with pages of <paramref name="pageSize"/> unowned and overdue steps.</summary>
    public async Task<TeamWork> TeamAsync(int unownedPage, int overduePage, int pageSize, CancellationToken ct = default)
    {
        var today = Today;
        var weekAhead = today.AddDays(7);
        var teams = await MyTeamsAsync(ct);
        var teamIds = teams.Select(t => t.Id).ToList();
        var open = OpenStepsOfTeams(teamIds);

        var groups = await open.GroupBy(s => new { s.OwnerId, s.OwnerName, s.OwnerProfession })
            .Select(g => new
            {
                g.Key.OwnerId,
                g.Key.OwnerName,
                g.Key.OwnerProfession,
                Open = g.Count(),
                Overdue = g.Sum(s => s.DueDate < today ? 1 : 0),
                DueWithinWeek = g.Sum(s => s.DueDate >= today && s.DueDate <= weekAhead ? 1 : 0),
            })
            .ToListAsync(ct);
        var members = await PersonPathwayService.OwnersInTeamsAsync(db, db.Teams.Where(t => teamIds.Contains(t.Id)).Select(t => t.Id), ct);

        // Every member appears, with none where they own nothing; owners who cannot be given work here (moved on, or a panel member who owns an approval) too.
        var owned = groups.Where(g => g.OwnerId is not null).GroupBy(g => g.OwnerId!.Value)
            .ToDictionary(g => g.Key, g => (Name: g.First().OwnerName ?? "Unknown", Profession: g.First().OwnerProfession, Open: g.Sum(x => x.Open), Overdue: g.Sum(x => x.Overdue), Due: g.Sum(x => x.DueWithinWeek)));
        var memberIds = members.Select(m => m.Id).ToHashSet();
        var byMember = members.Select(m => owned.TryGetValue(m.Id, out var c)
                ? new WorkCounts(m.Name, c.Open, c.Overdue, c.Due, m.Id.ToString())
                : new WorkCounts(m.Name, 0, 0, 0, m.Id.ToString()))
            .ToList();
        // Staff who own work here but cannot be given it (moved to another team, left, or a panel member who owns an
        // approval): one row, opening the list of their work, so the table stays the size of the teams.
        var outside = owned.Where(o => !memberIds.Contains(o.Key)).Select(o => o.Value).ToList();
        if (outside.Count > 0)
        {
            byMember.Add(new WorkCounts(outside.Count == 1 ? "1 member of staff outside your teams" : $"{outside.Count} members of staff outside your teams",
                outside.Sum(o => o.Open), outside.Sum(o => o.Overdue), outside.Sum(o => o.Due), TeamWorkFilter.OutsideKey));
        }

        var unowned = groups.Where(g => g.OwnerId is null).ToList();
        if (unowned.Count > 0)
        {
            byMember.Add(new WorkCounts("No owner", unowned.Sum(g => g.Open), unowned.Sum(g => g.Overdue), unowned.Sum(g => g.DueWithinWeek), TeamWorkFilter.NoOwnerKey));
        }

        var byProfession = groups.Where(g => g.OwnerId is not null).GroupBy(g => g.OwnerProfession)
            .Select(g => new WorkCounts(g.Key?.Label() ?? "Not recorded", g.Sum(x => x.Open), g.Sum(x => x.Overdue), g.Sum(x => x.DueWithinWeek), Profession: g.Key?.ToString()))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();

        // The totals come from the counts: the lists need no count of their own.
        var unownedItems = await TeamPageAsync(open.Where(s => s.OwnerId == null), unownedPage, pageSize, unowned.Sum(g => g.Open), ct);
        var overdueItems = await TeamPageAsync(open.Where(s => s.DueDate < today), overduePage, pageSize, groups.Sum(g => g.Overdue), ct);
        await audit.RecordAsync(AuditAction.Viewed, ListRecordType, null,
            summary: $"Viewed team work: {unownedItems.Items.Count} unowned and {overdueItems.Items.Count} overdue steps shown", cancellationToken: ct);
        return new TeamWork(teams, byMember, byProfession, unownedItems, overdueItems, members);
    }

    /// <summary>
    /// The list behind one of Team work's counts: the open steps of the teams' people owned by a member (or by nobody, or
    /// by staff outside the teams, or by a profession), all of them or only the overdue or those due in the next 7 days,
    /// by due date, paged; with the members the work can go to and how much each owns now. Five queries.
    /// </summary>
    public async Task<TeamWorkList> TeamListAsync(TeamWorkFilter filter, int page, CancellationToken ct = default)
    {
        var (teams, members, query) = await TeamListQueryAsync(filter, ct);
        var total = await query.CountAsync(ct);
        var items = await TeamPageAsync(query, page, PageSize, total, ct);
        var teamIds = teams.Select(t => t.Id).ToList();
        var loads = await OpenStepsOfTeams(teamIds).Where(s => s.OwnerId != null).GroupBy(s => s.OwnerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        var ownerName = filter.OwnerId is { } id
            ? members.FirstOrDefault(m => m.Id == id)?.Name
              ?? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        await audit.RecordAsync(AuditAction.Viewed, ListRecordType, null,
            summary: $"Viewed team work list ({filter.Describe("a member of staff")}): {items.Items.Count} of {items.Total} steps, page {items.Page}", cancellationToken: ct);
        return new TeamWorkList(teams, filter, ownerName ?? "a member of staff", items,
            members.Select(m => new MemberLoad(m.Id, m.Name, m.Profession, loads.GetValueOrDefault(m.Id))).ToList());
    }

    /// <summary>
    /// Every step of a Team work list with the revision it has now, for reallocating the whole list at once. Refused
    /// (naming <paramref name="field"/>) when the list is longer than <see cref="ReallocationService.MaxSteps"/>.
    /// </summary>
    public async Task<IReadOnlyList<StepSelection>> TeamListSelectionsAsync(TeamWorkFilter filter, string field, CancellationToken ct = default)
    {
        var (_, _, query) = await TeamListQueryAsync(filter, ct);
        var selections = await query.OrderBy(s => s.DueDate).ThenBy(s => s.StepId)
            .Join(db.PathwaySteps.AsNoTracking(), t => t.StepId, s => s.Id, (t, s) => new StepSelection(s.Id, s.Revision))
            .Take(ReallocationService.MaxSteps + 1)
            .ToListAsync(ct);
        if (selections.Count > ReallocationService.MaxSteps)
        {
            throw new ValidationFailedException([new FieldError(field,
                $"This list has more than {ReallocationService.MaxSteps} pieces of work: open the overdue or due-this-week part of it and reallocate that first")]);
        }

        return selections;
    }

    /// <summary>The teams the signed-in manager belongs to, by name.</summary>
    private Task<List<TeamRef>> MyTeamsAsync(CancellationToken ct)
    {
        var me = currentUser.Id;
        return db.TeamMemberships.Where(m => m.UserId == me)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new TeamRef(t.Id, t.Name))
            .ToListAsync(ct);
    }

    private async Task<(List<TeamRef> Teams, IReadOnlyList<OwnerOption> Members, IQueryable<TeamStep> Query)> TeamListQueryAsync(TeamWorkFilter filter, CancellationToken ct)
    {
        var today = Today;
        var weekAhead = today.AddDays(7);
        var teams = await MyTeamsAsync(ct);
        var teamIds = teams.Select(t => t.Id).ToList();
        var members = await PersonPathwayService.OwnersInTeamsAsync(db, db.Teams.Where(t => teamIds.Contains(t.Id)).Select(t => t.Id), ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var query = OpenStepsOfTeams(teamIds);
        query = filter.Owner switch
        {
            TeamWorkOwner.Member => query.Where(s => s.OwnerId == filter.OwnerId),
            TeamWorkOwner.NoOwner => query.Where(s => s.OwnerId == null),
            TeamWorkOwner.OutsideTheTeams => query.Where(s => s.OwnerId != null && !memberIds.Contains(s.OwnerId.Value)),
            _ => query,
        };
        if (filter.Profession is { } profession)
        {
            query = query.Where(s => s.OwnerId != null && s.OwnerProfession == profession);
        }

        query = filter.Due switch
        {
            TeamWorkDue.Overdue => query.Where(s => s.DueDate < today),
            TeamWorkDue.DueThisWeek => query.Where(s => s.DueDate >= today && s.DueDate <= weekAhead),
            _ => query,
        };
        return (teams, members, query);
    }

    /// <summary>
    /// Open steps of people currently allocated to any of the teams, once each. With one team (the usual case) these are
    /// the team's rows of TeamOpenSteps as they are: the counts read IX_TeamOpenSteps_TeamId_Owner alone, the lists walk
    /// IX_TeamOpenSteps_TeamId_DueDate_StepId (or its unowned part) and stop at the page. A person in two of the teams
    /// has a row in each, so with more than one team the steps are made distinct first.
    /// </summary>
    private IQueryable<TeamStep> OpenStepsOfTeams(List<Guid> teamIds)
    {
        var team = teamIds.Count == 1 ? teamIds[0] : Guid.Empty;
        var rows = teamIds.Count == 1
            ? db.TeamOpenSteps.AsNoTracking().Where(s => s.TeamId == team)
            : db.TeamOpenSteps.AsNoTracking().Where(s => teamIds.Contains(s.TeamId));
        var steps = rows.Select(s => new TeamStep { StepId = s.StepId, OwnerId = s.OwnerId, OwnerName = s.OwnerName, OwnerProfession = s.OwnerProfession, DueDate = s.DueDate });
        return teamIds.Count == 1 ? steps : steps.Distinct();
    }

    /// <summary>An open step as the team's read table has it (set by initialiser, so EF Core can read its members after the projection).</summary>
    private sealed class TeamStep
    {
        public Guid StepId { get; init; }
        public Guid? OwnerId { get; init; }
        public string? OwnerName { get; init; }
        public Profession? OwnerProfession { get; init; }
        public DateOnly DueDate { get; init; }
    }

    /// <summary>One page of the teams' steps by due date, then the steps and people of that page only.</summary>
    private async Task<Paged<WorkItem>> TeamPageAsync(IQueryable<TeamStep> query, int page, int pageSize, int total, CancellationToken ct)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var steps = query.OrderBy(s => s.DueDate).ThenBy(s => s.StepId)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Join(db.PathwaySteps.AsNoTracking(), t => t.StepId, s => s.Id, (t, s) => s);
        return new Paged<WorkItem>(await ItemsAsync(steps, ct), page, pages, total);
    }

    /// <summary>One page of steps by due date with the person's name, and the total (counted unless known).</summary>
    private async Task<Paged<WorkItem>> PageAsync(IQueryable<PathwayStep> query, int page, int? knownTotal, CancellationToken ct)
    {
        var total = knownTotal ?? await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var steps = query.OrderBy(s => s.DueDate).ThenBy(s => s.Id).Skip(Paging.Offset(page, PageSize)).Take(PageSize);
        return new Paged<WorkItem>(await ItemsAsync(steps, ct), page, pages, total);
    }

    /// <summary>The work items of one page of steps (already ordered and cut to the page), with the person's name.</summary>
    private async Task<List<WorkItem>> ItemsAsync(IQueryable<PathwayStep> pageOfSteps, CancellationToken ct)
    {
        var today = Today;
        // Only the columns the list shows: not whole steps, and never whole People rows.
        var rows = await pageOfSteps
            .Join(db.People, s => s.PersonId, p => p.Id, (s, p) => new
            {
                s.Id, s.PersonId, s.Stage, s.SubjectId, s.OwnerId, s.OwnerName, s.OwnerProfession, s.DueDate, s.Revision,
                p.PreferredName, p.LegalFirstName, p.LegalLastName, p.PersonIdentifier, p.DateOfBirth, p.NhsNumber,
            })
            .ToListAsync(ct);
        // In the database's order (the page's due date and id, as the query ends with it): .NET orders Guids differently.
        return rows.Select(r => new WorkItem(r.Id, r.PersonId,
            string.IsNullOrWhiteSpace(r.PreferredName) ? $"{r.LegalFirstName} {r.LegalLastName}" : $"{r.PreferredName} {r.LegalLastName}",
            r.PersonIdentifier, r.Stage, r.SubjectId, r.OwnerId, r.OwnerName,
            r.OwnerProfession, r.DueDate, r.Revision, r.DueDate < today, links.PathwayStepWork(r.Stage, r.PersonId, r.SubjectId), r.DateOfBirth, r.NhsNumber)).ToList();
    }

    /// <summary>The user's notifications, newest first, paged. Two queries.</summary>
    public async Task<Paged<Notification>> NotificationsAsync(int page, CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var query = db.Notifications.AsNoTracking().Where(n => n.RecipientId == me);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Skip(Paging.Offset(page, PageSize)).Take(PageSize).ToListAsync(ct);
        return new Paged<Notification>(items, page, pages, total);
    }

    /// <summary>Marks all the user's unread notifications as read, in one statement.</summary>
    public Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var now = clock.GetUtcNow();
        return db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
    }
}
