using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

[RequirePermission(Permission.AssessPeople)]
public sealed class FluctuationModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    [Required(ErrorMessage = "Select yes if the person's needs fluctuate")]
    public bool? NeedsFluctuate { get; set; }

    [BindProperty]
    public string? FluctuationPeriodConsidered { get; set; }

    [BindProperty]
    public string? FluctuationDescription { get; set; }

    public override AssessmentSection? Section => AssessmentSection.Fluctuation;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        NeedsFluctuate = Assessment.NeedsFluctuate;
        FluctuationPeriodConsidered = Assessment.FluctuationPeriodConsidered;
        FluctuationDescription = Assessment.FluctuationDescription;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateFluctuationAsync(id, Revision, NeedsFluctuate!.Value, FluctuationPeriodConsidered, FluctuationDescription), Links.AssessmentOverview(id));
    }
}
