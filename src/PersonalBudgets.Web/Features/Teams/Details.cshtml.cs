using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Teams;

/// <summary>A team's members, and its people for members of the team who may see people's records.</summary>
[RequirePermission(Permission.ViewTeams)]
public sealed class DetailsModel(TeamService teams) : GovukPageModel
{
    public TeamDetails Team { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, [FromQuery(Name = "page")] int page = 1) => Team = await teams.GetAsync(id, page);
}
