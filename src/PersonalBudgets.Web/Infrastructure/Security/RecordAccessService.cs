using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Projections;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// The legitimate relationship rule: staff see only people allocated to a team they belong to, unless they hold
/// an unexpired break-glass grant for that person. The person-access filter calls it for the route's person; the
/// answer is kept in <see cref="PersonAccessContext"/> for the rest of the request, so it is decided once.
/// </summary>
public sealed class RecordAccessService(PersonalBudgetsDbContext db, ICurrentUser currentUser, TimeProvider clock, AuditLog audit, PersonAccessContext context)
{
    /// <summary>People allocated (now) to any team the current user belongs to.</summary>
    public IQueryable<Person> AccessiblePeople()
    {
        var userId = currentUser.Id;
        var teamIds = db.TeamMemberships.Where(m => m.UserId == userId).Select(m => m.TeamId);
        var personIds = db.TeamAllocations.Where(a => a.EndedAt == null && teamIds.Contains(a.TeamId)).Select(a => a.PersonId);
        return db.People.Where(p => personIds.Contains(p.Id));
    }

    /// <summary>The teams the current user belongs to: their current people are those <see cref="AccessiblePeople"/> returns.</summary>
    public Task<List<Guid>> TeamIdsAsync(CancellationToken cancellationToken = default)
    {
        var userId = currentUser.Id;
        return db.TeamMemberships.Where(m => m.UserId == userId).Select(m => m.TeamId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="AccessiblePeople"/> from the team read table, for the teams <see cref="TeamIdsAsync"/> gave: one row per
    /// team and person, so a person in two of the teams has two rows (the caller makes them one).
    /// </summary>
    public IQueryable<TeamPersonSearch> AccessibleTeamPeople(IReadOnlyList<Guid> teamIds)
    {
        ArgumentNullException.ThrowIfNull(teamIds);
        var rows = db.TeamPeopleSearch.AsNoTracking();
        if (teamIds.Count == 1)
        {
            // One team (the usual case): an equality the planner can read the team's index range in page order for.
            var teamId = teamIds[0];
            return rows.Where(s => s.TeamId == teamId);
        }

        return rows.Where(s => teamIds.Contains(s.TeamId));
    }

    public async Task<AccessRoute?> RouteAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var userId = currentUser.Id;
        var sharesTeam = await db.TeamAllocations
            .Where(a => a.PersonId == personId && a.EndedAt == null)
            .AnyAsync(a => db.TeamMemberships.Any(m => m.UserId == userId && m.TeamId == a.TeamId), cancellationToken);
        if (sharesTeam)
        {
            return AccessRoute.LegitimateRelationship;
        }

        var now = clock.GetUtcNow();
        var grants = await db.BreakGlassGrants
            .Where(g => g.UserId == userId && g.PersonId == personId)
            .Select(g => g.ExpiresAt)
            .ToListAsync(cancellationToken);
        return grants.Any(expires => expires > now) ? AccessRoute.BreakGlass : null;
    }

    /// <summary>
    /// Returns how the user may see the person, or records the refusal and throws. Once established in a request
    /// (normally by the person-access filter) the answer is reused: no second query, no second audit entry.
    /// Pages and endpoints whose route names the person never need to call this; it is for people that come from
    /// a request's body (a bulk reallocation, a meeting's agenda) and for callers outside a routed request.
    /// </summary>
    public async Task<AccessRoute> EnsureAccessAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        if (context.RouteFor(personId) is { } established)
        {
            return established;
        }

        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            throw new NotFoundException("The person");
        }

        return await EnsureAccessToExistingAsync(personId, cancellationToken);
    }

    /// <summary>
    /// <see cref="EnsureAccessAsync"/> for a person already known to exist (the person-access filter has just found them
    /// from the route's record), so the request does not look them up twice.
    /// </summary>
    internal async Task<AccessRoute> EnsureAccessToExistingAsync(Guid personId, CancellationToken cancellationToken)
    {
        if (context.RouteFor(personId) is { } established)
        {
            return established;
        }

        var route = await RouteAsync(personId, cancellationToken);
        if (route is null)
        {
            await audit.RecordAsync(AuditAction.AccessDenied, "Person", personId.ToString(), personId, "No legitimate relationship", cancellationToken: cancellationToken);
            throw new RecordAccessDeniedException(personId);
        }

        context.Record(personId, route.Value);
        return route.Value;
    }

    public async Task<BreakGlassGrant> BreakGlassAsync(Guid personId, string? reason, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            throw new NotFoundException("The person");
        }

        var grant = BreakGlassGrant.Grant(currentUser.Actor, personId, reason, clock.GetUtcNow(), duration);
        db.BreakGlassGrants.Add(grant);
        context.Record(personId, AccessRoute.BreakGlass);
        audit.Add(AuditAction.BreakGlassGranted, "Person", personId.ToString(), personId,
            summary: $"Break-glass access until {UkFormat.DateTime(grant.ExpiresAt)}", reason: grant.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return grant;
    }
}
