using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Teams;

[RequirePermission(Permission.ViewTeams)]
public sealed class IndexModel(TeamService teams) : GovukPageModel
{
    public IReadOnlyList<TeamSummary> Teams { get; private set; } = [];

    public async Task OnGetAsync() => Teams = await teams.ListAsync();
}
