using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>A plain-English copy of the plan for the person, to print or save. Viewing it is audited.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PrintModel(SupportPlanService plans, Letters.LetterService letters) : GovukPageModel
{
    public Letters.LetterHeading Heading { get; private set; } = null!;

    public PlanView View { get; private set; } = null!;

    public static string Explain(Deployment deployment) => deployment switch
    {
        Deployment.DirectPayment => "You get the money and arrange this support yourself.",
        Deployment.CouncilManaged => "The council holds the money and arranges this support the way you want.",
        Deployment.IndividualServiceFund => "A provider holds the money for you and arranges this support with you.",
        _ => "The council arranges and pays for this service.",
    };

    public async Task OnGetAsync(Guid planId)
    {
        View = await plans.ViewAsync(planId);
        Heading = await letters.HeadingAsync(View.Plan.PersonId, $"PLAN-{View.Plan.Number}", ct: HttpContext.RequestAborted) with
        {
            ShowNextReview = View.Plan.Status == PlanStatus.Approved,
        };
    }
}
