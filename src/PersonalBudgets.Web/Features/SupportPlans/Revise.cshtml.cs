using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Makes a new draft version of the approved plan, with a reason.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class ReviseModel(SupportPlanService plans) : PlanPageModel(plans)
{
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Revising is how an approved plan changes, so it is not refused as "cannot be changed".</summary>
    public override string? NotEditableMessage => null;

    public async Task OnGetAsync(Guid planId) => await LoadAsync(planId, fromRecord: true);

    public async Task<IActionResult> OnPostAsync(Guid planId)
    {
        var next = await Plans.ReviseAsync(planId, Reason, Revision);
        Flash("New version of the plan started");
        return Redirect(Links.PlanOverview(next.Id));
    }
}
