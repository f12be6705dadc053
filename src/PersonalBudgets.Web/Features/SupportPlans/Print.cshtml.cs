using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>A plain-English copy of the plan for the person, to print or save. Viewing it is audited.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PrintModel(SupportPlanService plans, Letters.LetterService letters) : GovukPageModel
{
    public PlanLetter Letter { get; private set; } = null!;

    public PlanView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid planId)
    {
        View = await plans.ViewAsync(planId);
        var heading = await letters.HeadingAsync(View.Plan.PersonId, PlanLetter.Reference(View.Plan), ct: HttpContext.RequestAborted) with
        {
            ShowNextReview = View.Plan.Status == PlanStatus.Approved,
        };
        Letter = new PlanLetter(heading, View.Record.Person.DisplayName, View.Plan, View.EligibleNeeds, View.Section117);
    }
}
