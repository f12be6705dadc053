using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals.Panels;

/// <summary>Panel meetings, upcoming and past, with the number of plans on each agenda.</summary>
[RequirePermission(Permission.DecideAtPanel)]
public sealed class IndexModel(PanelService panels) : GovukPageModel
{
    public MeetingList Meetings { get; private set; } = null!;

    public async Task OnGetAsync() => Meetings = await panels.ListAsync();
}
