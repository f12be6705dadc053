using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>
/// Asks before deleting a draft plan that was never sent for approval (started in error, or a revision no longer
/// needed); anything submitted is kept. The deletion is audited against the person.
/// </summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class DeleteModel(SupportPlanService plans) : PlanPageModel(plans)
{
    /// <summary>Why this version cannot be deleted, shown instead of the question; null when it can.</summary>
    public string? CannotDelete { get; private set; }

    public async Task OnGetAsync(Guid planId)
    {
        await LoadAsync(planId, fromRecord: true);
        CannotDelete = await Plans.CannotDeleteReasonAsync(Plan);
    }

    public async Task<IActionResult> OnPostAsync(Guid planId)
    {
        var deleted = await Plans.DeleteDraftAsync(planId, Revision);
        Flash($"The draft of version {deleted.Number} of the support plan was deleted");
        return Redirect(Links.PersonPlans(deleted.PersonId));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        CannotDelete = await Plans.CannotDeleteReasonAsync(Plan);
    }
}
