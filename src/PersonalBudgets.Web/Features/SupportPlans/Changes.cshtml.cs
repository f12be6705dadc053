using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>What changed from the previous version of the plan.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ChangesModel(SupportPlanService plans) : GovukPageModel
{
    public PlanView View { get; private set; } = null!;

    public PlanChanges? Changes { get; private set; }

    public async Task OnGetAsync(Guid planId)
    {
        var (current, previous) = await plans.WithPreviousAsync(planId);
        View = current;
        Changes = previous is null ? null : PlanComparison.Compare(previous, current.Plan);
    }
}
