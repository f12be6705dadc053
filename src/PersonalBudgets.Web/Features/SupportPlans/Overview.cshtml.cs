using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>A plan: the task list of its parts while a draft, the whole plan once submitted. Viewing is audited.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class OverviewModel(SupportPlanService plans, PersonsWords.PersonsWordsService words) : GovukPageModel
{
    public PlanView View { get; private set; } = null!;

    /// <summary>How many parts the person wrote in their own area are waiting for an answer (ADR 0031).</summary>
    public int PersonsWaiting { get; private set; }

    public bool CanPlan => User.Has(Permission.PlanSupport);

    public async Task OnGetAsync(Guid planId)
    {
        View = await plans.ViewAsync(planId);
        PersonsWaiting = await words.WaitingCountAsync(planId, HttpContext.RequestAborted);
    }
}
