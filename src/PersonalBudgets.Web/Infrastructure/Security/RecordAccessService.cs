using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// The legitimate relationship rule: staff see only people allocated to a team they belong to, unless they hold
/// an unexpired break-glass grant for that person.
/// </summary>
public sealed class RecordAccessService(PersonalBudgetsDbContext db, ICurrentUser currentUser, TimeProvider clock, AuditLog audit)
{
    /// <summary>People allocated (now) to any team the current user belongs to.</summary>
    public IQueryable<Person> AccessiblePeople()
    {
        var userId = currentUser.Id;
        var teamIds = db.TeamMemberships.Where(m => m.UserId == userId).Select(m => m.TeamId);
        var personIds = db.TeamAllocations.Where(a => a.EndedAt == null && teamIds.Contains(a.TeamId)).Select(a => a.PersonId);
        return db.People.Where(p => personIds.Contains(p.Id));
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

    /// <summary>Returns how the user may see the person, or records the refusal and throws.</summary>
    public async Task<AccessRoute> EnsureAccessAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            throw new NotFoundException("The person");
        }

        var route = await RouteAsync(personId, cancellationToken);
        if (route is null)
        {
            await audit.RecordAsync(AuditAction.AccessDenied, "Person", personId.ToString(), personId, "No legitimate relationship", cancellationToken: cancellationToken);
            throw new RecordAccessDeniedException(personId);
        }

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
        audit.Add(AuditAction.BreakGlassGranted, "Person", personId.ToString(), personId,
            summary: $"Break-glass access until {UkFormat.DateTime(grant.ExpiresAt)}", reason: grant.Reason, isBreakGlass: true);
        await db.SaveChangesAsync(cancellationToken);
        return grant;
    }
}
