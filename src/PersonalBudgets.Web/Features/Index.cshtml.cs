using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features;

/// <summary>The home page: what the signed-in user can do, and the people they are key worker for.</summary>
[RequirePermission(Permission.UseService)]
public sealed class IndexModel(PersonalBudgetsDbContext db, ICurrentUser currentUser) : GovukPageModel
{
    public IReadOnlyList<(Guid Id, string Name)> MyPeople { get; private set; } = [];
    public IReadOnlyList<string> MyTeams { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = currentUser.Id;
        MyTeams = await db.TeamMemberships.Where(m => m.UserId == userId).Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t.Name).OrderBy(n => n).ToListAsync();
        if (User.Has(Permission.ViewPeople))
        {
            var rows = await db.People.Where(p => p.KeyWorkerId == userId)
                .OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName)
                .Select(p => new { p.Id, p.PreferredName, p.LegalFirstName, p.LegalLastName })
                .Take(50)
                .ToListAsync();
            MyPeople = rows.Select(r => (r.Id, $"{r.PreferredName ?? r.LegalFirstName} {r.LegalLastName}")).ToList();
        }
    }
}
