using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>A plan: the task list of its parts while a draft, the whole plan once submitted. Viewing is audited.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class OverviewModel(SupportPlanService plans) : GovukPageModel
{
    public PlanView View { get; private set; } = null!;

    public bool CanPlan => User.Has(Permission.PlanSupport);

    public async Task OnGetAsync(Guid planId) => View = await plans.ViewAsync(planId);
}
