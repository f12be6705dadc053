using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Confirms and removes a risk.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class RemoveRiskModel(SupportPlanService plans) : PlanPageModel(plans)
{
    public PlanRisk? Risk { get; private set; }

    public async Task OnGetAsync(Guid planId, Guid riskId)
    {
        await LoadAsync(planId, fromRecord: true);
        Risk = Plan.Risks.SingleOrDefault(r => r.Id == riskId) ?? throw new NotFoundException("The risk");
    }

    public async Task<IActionResult> OnPostAsync(Guid planId, Guid riskId) =>
        await SaveAndRedirectAsync(() => Plans.RemoveRiskAsync(planId, riskId, Revision), Links.PlanOverview(planId), "Risk removed");

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Risk = Plan.Risks.SingleOrDefault(r => r.Id == reload.Get<Guid>("riskId"));
    }
}
