using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>The Pathway tab of a person's record: the episode and a timeline of every step with its owners.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(PersonPathwayService pathway) : GovukPageModel
{
    public PathwayView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => View = await pathway.ViewAsync(id);
}
