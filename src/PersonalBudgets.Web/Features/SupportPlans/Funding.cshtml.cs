using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>The person's contribution, the NHS share, the reason for a difference from the indicative amount, and significant risk.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class FundingModel(SupportPlanService plans, Charging.FinancialAssessmentService finance) : PlanPageModel(plans)
{
    /// <summary>The completed financial assessment the contribution comes from; null while it is provisional.</summary>
    public Charging.ContributionSource? ContributionSource { get; private set; }

    [BindProperty]
    public string? AssessedContributionWeekly { get; set; }

    [BindProperty]
    public string? NhsShareWeekly { get; set; }

    [BindProperty]
    public string? VarianceReason { get; set; }

    [BindProperty]
    public bool? SignificantRisk { get; set; }

    public async Task OnGetAsync(Guid planId)
    {
        await LoadAsync(planId, fromRecord: true);
        AssessedContributionWeekly = NumberInput.Show(Plan.AssessedContributionWeekly);
        NhsShareWeekly = NumberInput.Show(Plan.NhsShareWeekly);
        VarianceReason = Plan.VarianceReason;
        SignificantRisk = Plan.SignificantRisk;
        ContributionSource = await finance.ContributionSourceAsync(Plan.ContributionAssessmentId);
    }

    public async Task<IActionResult> OnPostAsync(Guid planId)
    {
        var errors = new List<FieldError>();
        var contribution = NumberInput.Money(AssessedContributionWeekly, nameof(AssessedContributionWeekly), "The weekly contribution", required: false, errors);
        var nhs = NumberInput.Money(NhsShareWeekly, nameof(NhsShareWeekly), "The NHS share", required: false, errors);
        return await SaveAndRedirectAsync(() => Plans.SetFundingAsync(planId, contribution, nhs, VarianceReason, SignificantRisk, Revision, errors), Links.PlanOverview(planId));
    }
}
