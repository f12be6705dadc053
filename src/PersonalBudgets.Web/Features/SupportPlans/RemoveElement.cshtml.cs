using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Confirms and removes a costed element.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class RemoveElementModel(SupportPlanService plans) : PlanPageModel(plans)
{
    public PlanElement? Element { get; private set; }

    public async Task OnGetAsync(Guid planId, Guid elementId)
    {
        await LoadAsync(planId, fromRecord: true);
        Element = Plan.Elements.SingleOrDefault(e => e.Id == elementId) ?? throw new NotFoundException("The element");
    }

    public async Task<IActionResult> OnPostAsync(Guid planId, Guid elementId) =>
        await SaveAndRedirectAsync(() => Plans.RemoveElementAsync(planId, elementId, Revision), Links.PlanOverview(planId), "Costed support removed");

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Element = Plan.Elements.SingleOrDefault(e => e.Id == reload.Get<Guid>("elementId"));
    }
}
