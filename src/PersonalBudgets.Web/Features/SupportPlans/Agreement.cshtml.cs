using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>The person's agreement to the plan, in their words, and how they took part.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class AgreementModel(SupportPlanService plans) : PlanPageModel(plans)
{
    [BindProperty]
    public PlanAgreement? Agreement { get; set; }

    [BindProperty]
    public string? AgreementInOwnWords { get; set; }

    [BindProperty]
    public Participation? Participation { get; set; }

    [BindProperty]
    public string? BestInterestsConsulted { get; set; }

    public async Task OnGetAsync(Guid planId)
    {
        await LoadAsync(planId, fromRecord: true);
        Agreement = Plan.Agreement;
        AgreementInOwnWords = Plan.AgreementInOwnWords;
        Participation = Plan.Participation;
        BestInterestsConsulted = Plan.BestInterestsConsulted;
    }

    public async Task<IActionResult> OnPostAsync(Guid planId) =>
        await SaveAndRedirectAsync(() => Plans.RecordAgreementAsync(planId, Agreement, AgreementInOwnWords, Participation, BestInterestsConsulted, Revision), Links.PlanOverview(planId));
}
