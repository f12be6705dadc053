using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>The team manager's approvals: plans waiting for their decision, and their people's plans waiting for a panel.</summary>
[RequirePermission(Permission.ApproveWithinLimit)]
public sealed class IndexModel(ApprovalService approvals) : GovukPageModel
{
    public ApprovalQueue Queue { get; private set; } = null!;

    public int PanelPage { get; private set; }

    public int QueuePage { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery(Name = "panelPage")] int? panelPage)
    {
        Queue = await approvals.QueueAsync(page ?? 1, panelPage ?? 1);
        QueuePage = Queue.ForTeamManager.Page;
        PanelPage = Queue.WaitingForPanel.Page;
    }
}
