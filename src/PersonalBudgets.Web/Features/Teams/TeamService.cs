using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Teams;

/// <summary>Teams, their members and their people. (To be completed.)</summary>
public sealed class TeamService(PersonalBudgetsDbContext db, ICurrentUser currentUser)
{
    internal PersonalBudgetsDbContext Db => db;
    internal ICurrentUser CurrentUser => currentUser;
}
