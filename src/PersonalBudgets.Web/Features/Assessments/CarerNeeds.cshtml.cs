using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>The carer's needs (reg 3), on a carer's assessment; the carer outcomes follow, one a page.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class CarerNeedsModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    public string? CarerName { get; set; }

    [BindProperty]
    public string? CarerRelationship { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Select yes if the carer's needs arise from providing necessary care")]
    public bool? NeedsFromProvidingCare { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Select yes if the carer's physical or mental health is deteriorating or at risk")]
    public bool? HealthAtRisk { get; set; }

    public override AssessmentSection? Section => AssessmentSection.CarerNeeds;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        CarerName = Assessment.CarerName;
        CarerRelationship = Assessment.CarerRelationship;
        NeedsFromProvidingCare = Assessment.CarerNeedsArisefromProvidingCare;
        HealthAtRisk = Assessment.CarerHealthAtRisk;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateCarerNeedsAsync(id, Revision, CarerName, CarerRelationship, NeedsFromProvidingCare!.Value, HealthAtRisk!.Value),
            Links.AssessmentCarerOutcome(id, Enum.GetValues<CarerOutcome>()[0]));
    }
}
