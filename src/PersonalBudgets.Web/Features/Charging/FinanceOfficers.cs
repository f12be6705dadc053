using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;

namespace PersonalBudgets.Web.Features.Charging;

/// <summary>Who owns a new finance step (a financial assessment, a direct payment's set-up) for a person.</summary>
public static class FinanceOfficers
{
    /// <summary>
    /// The active finance officer in the person's teams with the fewest such steps open (then by name), or null when the
    /// teams have none. <paramref name="openOwners"/> gives the owners of the open steps of the kind, among the candidates.
    /// </summary>
    public static async Task<StaffRef?> LeastLoadedAsync(PersonalBudgetsDbContext db, Guid personId, Func<List<Guid?>, IQueryable<Guid?>> openOwners, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(openOwners);
        var teams = db.TeamAllocations.Where(a => a.PersonId == personId && a.EndedAt == null).Select(a => a.TeamId);
        var members = await db.TeamMemberships.Where(m => teams.Contains(m.TeamId)).Select(m => m.UserId).Distinct().ToListAsync(ct);
        var role = nameof(Role.FinanceOfficer);
        var officerIds = db.UserRoles.Join(db.Roles.Where(r => r.Name == role), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
        var candidates = await db.Users.Where(u => members.Contains(u.Id) && u.IsActive && officerIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return null;
        }

        var ids = candidates.Select(c => (Guid?)c.Id).ToList();
        var load = await openOwners(ids).GroupBy(o => o).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var pick = candidates.OrderBy(c => load.FirstOrDefault(l => l.Key == c.Id)?.Count ?? 0).ThenBy(c => c.DisplayName, StringComparer.Ordinal).First();
        return new StaffRef(pick.Id, pick.DisplayName, Role.FinanceOfficer.Label());
    }
}
