using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>
/// A plan waiting for a decision (or decided): the plan summary, and for a team manager the decision form when the plan
/// is within the team manager's route. Anyone who may see the person may see the page.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class DetailsModel(ApprovalService approvals, ApprovalDecisionService decisions) : DecisionPageModel(approvals, decisions)
{
    public override bool ShowForm => View.Request.IsOpen && View.Request.Route == ApprovalRoute.TeamManager && User.Has(Permission.ApproveWithinLimit);

    public async Task OnGetAsync(Guid requestId) => await LoadAsync(requestId, audited: true);

    /// <summary>The domain refuses anyone who may not decide this plan (role, limit, route, author), with a message on the page.</summary>
    [RequireHandlerPermission(Permission.DecideApprovals)]
    public async Task<IActionResult> OnPostAsync(Guid requestId) => User.Has(Permission.ApproveWithinLimit)
        ? await DecideAsync(requestId, null, "Decision recorded", "/Approvals/Index")
        : await DecideAsync(requestId, null, "Decision recorded", "/Approvals/Details", new { requestId });
}
