using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

/// <summary>A practitioner who can be a key worker, with their teams and how many people they are key worker for now.</summary>
public sealed record KeyWorkerOption(Guid Id, string Name, string Profession, string Employer, IReadOnlyList<Guid> TeamIds, int Caseload);

public sealed record AllocationHistoryItem(DateTimeOffset At, string What, string By, string? Reason);

public sealed record AllocationView(
    PersonRecord Record,
    IReadOnlyList<TeamRef> AllTeams,
    IReadOnlyList<KeyWorkerOption> KeyWorkers,
    IReadOnlyList<AllocationHistoryItem> History);

/// <summary>Allocating a person to teams and a named key worker; every reallocation records who, when and why.</summary>
public sealed class AllocationService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<AllocationView> GetAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var record = await people.LoadForEditAsync(personId, cancellationToken);
        var teams = await db.Teams.Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => new TeamRef(t.Id, t.Name)).ToListAsync(cancellationToken);
        var keyWorkers = await KeyWorkerOptionsAsync(cancellationToken);

        var teamNames = teams.ToDictionary(t => t.Id, t => t.Name);
        var staffNames = await db.Users.Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var history = new List<AllocationHistoryItem>();
        foreach (var a in await db.TeamAllocations.Where(a => a.PersonId == personId).ToListAsync(cancellationToken))
        {
            var team = teamNames.GetValueOrDefault(a.TeamId, "A closed team");
            history.Add(new(a.StartedAt, $"Allocated to {team}", a.StartedByName, a.EndedAt is null ? a.Reason : null));
            if (a.EndedAt is { } ended)
            {
                history.Add(new(ended, $"Removed from {team}", a.EndedByName ?? "", a.Reason));
            }
        }

        foreach (var k in await db.KeyWorkerAssignments.Where(k => k.PersonId == personId).ToListAsync(cancellationToken))
        {
            history.Add(new(k.StartedAt, $"{staffNames.GetValueOrDefault(k.StaffId, "Unknown")} became key worker", k.StartedByName, k.Reason));
        }

        return new AllocationView(record, teams, keyWorkers, history.OrderByDescending(h => h.At).ToList());
    }

    /// <summary>
    /// Active staff of a team who hold a role that plans support (practitioners and team managers: not panel members,
    /// finance officers or analysts), each with their caseload. Four queries.
    /// </summary>
    private async Task<List<KeyWorkerOption>> KeyWorkerOptionsAsync(CancellationToken cancellationToken)
    {
        var planners = PlannerIds();
        var memberships = await db.TeamMemberships.Where(m => planners.Contains(m.UserId)).Select(m => new { m.UserId, m.TeamId }).ToListAsync(cancellationToken);
        var employers = await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var staff = await db.Users.Where(u => u.IsActive && planners.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Profession, u.EmployerId }).ToListAsync(cancellationToken);
        var caseloads = await db.People.Where(p => p.KeyWorkerId != null && planners.Contains(p.KeyWorkerId.Value))
            .GroupBy(p => p.KeyWorkerId).Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        return staff
            .Select(u => new KeyWorkerOption(u.Id, u.DisplayName, u.Profession.Label(), employers.GetValueOrDefault(u.EmployerId, ""),
                memberships.Where(m => m.UserId == u.Id).Select(m => m.TeamId).ToList(), caseloads.GetValueOrDefault(u.Id)))
            .Where(k => k.TeamIds.Count > 0)
            .ToList();
    }

    /// <summary>The staff holding a role that plans support: the only ones who can be a key worker.</summary>
    private IQueryable<Guid> PlannerIds()
    {
        var roles = RolePermissions.RolesGranting(Permission.PlanSupport).Select(r => r.ToString()).ToList();
        return db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => roles.Contains(x.Name!)).Select(x => x.UserId);
    }

    /// <summary>Applies an allocation change; <paramref name="expectedVersion"/> guards against concurrent edits.</summary>
    public async Task ChangeAsync(Guid personId, AllocationRequest request, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await people.EnsureAccessAsync(personId, cancellationToken);
        var person = await db.People.SingleAsync(p => p.Id == personId, cancellationToken);
        person.EnsureVersion(expectedVersion);

        var current = await db.TeamAllocations.Where(a => a.PersonId == personId && a.EndedAt == null).ToListAsync(cancellationToken);
        var activeTeams = await db.Teams.Where(t => t.IsActive).Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        KeyWorkerCandidate? candidate = null;
        string? newKeyWorkerName = null;
        if (request.KeyWorkerId is { } kwId)
        {
            var user = await db.Users.Where(u => u.Id == kwId).Select(u => new { u.Id, u.IsActive, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            if (user is not null)
            {
                var teamIds = await db.TeamMemberships.Where(m => m.UserId == kwId).Select(m => m.TeamId).ToListAsync(cancellationToken);
                var plans = await PlannerIds().AnyAsync(id => id == kwId, cancellationToken);
                candidate = new KeyWorkerCandidate(user.Id, user.IsActive, teamIds, plans);
                newKeyWorkerName = user.DisplayName;
            }
        }

        var plan = AllocationRules.Plan(current.Select(a => a.TeamId).ToList(), person.KeyWorkerId, request, activeTeams.Keys, candidate);
        var now = clock.GetUtcNow();
        var actor = currentUser.Actor;
        var changes = new List<FieldChange>();

        foreach (var allocation in current.Where(a => plan.TeamsToEnd.Contains(a.TeamId)))
        {
            allocation.EndedAt = now;
            allocation.EndedByName = actor.DisplayName;
            allocation.Reason = plan.Reason ?? allocation.Reason;
        }

        foreach (var teamId in plan.TeamsToAdd)
        {
            db.TeamAllocations.Add(new TeamAllocation { Id = Guid.NewGuid(), PersonId = personId, TeamId = teamId, StartedAt = now, StartedByName = actor.DisplayName, Reason = plan.Reason });
        }

        await MirrorToCarersAsync(personId, plan.TeamsToAdd, plan.TeamsToEnd, plan.Reason, now, cancellationToken);
        if (plan.TeamsToAdd.Count > 0 || plan.TeamsToEnd.Count > 0)
        {
            var before = current.Select(a => activeTeams.GetValueOrDefault(a.TeamId, "A closed team")).Order();
            var after = request.TeamIds.Distinct().Select(t => activeTeams[t]).Order();
            changes.Add(new FieldChange("Teams", string.Join(", ", before), string.Join(", ", after)));
        }

        if (plan.KeyWorkerChanges)
        {
            var previous = await db.KeyWorkerAssignments.Where(k => k.PersonId == personId && k.EndedAt == null).ToListAsync(cancellationToken);
            foreach (var k in previous)
            {
                k.EndedAt = now;
            }

            var previousName = person.KeyWorkerId is { } old
                ? await db.Users.Where(u => u.Id == old).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? ""
                : "";
            if (plan.NewKeyWorkerId is { } newId)
            {
                db.KeyWorkerAssignments.Add(new KeyWorkerAssignment { Id = Guid.NewGuid(), PersonId = personId, StaffId = newId, StartedAt = now, StartedByName = actor.DisplayName, Reason = plan.Reason });
            }

            changes.Add(new FieldChange("Key worker", previousName, newKeyWorkerName ?? "No key worker"));
        }
        person.RecordAllocation(plan.NewKeyWorkerId, actor, now);
        audit.Add(AuditAction.Allocated, "Person", personId.ToString(), personId, changes,
            summary: string.Join("; ", changes.Select(c => $"{c.Field}: {(c.Before.Length == 0 ? "none" : c.Before)} → {c.After}")),
            reason: plan.Reason);
        await db.SaveChangesOrConflictAsync(db.People.Where(p => p.Id == personId).Select(p => new LastChange(p.UpdatedByName, p.UpdatedAt)), cancellationToken);
    }

    /// <summary>
    /// A carer's own record is seen by the teams that work with the person they care for (ADR 21): their team changes
    /// are made to the carers' records too, in the same save, and recorded against each carer.
    /// </summary>
    private async Task MirrorToCarersAsync(Guid personId, IReadOnlyCollection<Guid> teamsToAdd, IReadOnlyCollection<Guid> teamsToEnd, string? reason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (teamsToAdd.Count == 0 && teamsToEnd.Count == 0)
        {
            return;
        }

        var carerIds = await db.People.Where(p => p.CaresForPersonId == personId).Select(p => p.Id).ToListAsync(cancellationToken);
        if (carerIds.Count == 0)
        {
            return;
        }

        var actor = currentUser.Actor;
        var current = await db.TeamAllocations.Where(a => carerIds.Contains(a.PersonId) && a.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var allocation in current.Where(a => teamsToEnd.Contains(a.TeamId)))
        {
            allocation.EndedAt = now;
            allocation.EndedByName = actor.DisplayName;
            allocation.Reason = "The teams of the person they care for changed";
        }

        foreach (var carerId in carerIds)
        {
            foreach (var teamId in teamsToAdd.Where(t => !current.Any(a => a.PersonId == carerId && a.TeamId == t)))
            {
                db.TeamAllocations.Add(new TeamAllocation
                {
                    Id = Guid.NewGuid(), PersonId = carerId, TeamId = teamId, StartedAt = now, StartedByName = actor.DisplayName,
                    Reason = "The teams of the person they care for changed",
                });
            }

            audit.Add(AuditAction.Updated, "Allocation", carerId.ToString(), carerId,
                summary: "Teams changed with those of the person they care for", reason: reason);
        }
    }
}
