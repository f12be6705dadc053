using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>The first page of the outcomes section: whether the needs arise from an impairment or illness (reg 2(1)(a)).</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class NeedsOriginModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    [Required(ErrorMessage = "Select yes if the needs arise from or relate to a physical or mental impairment or illness")]
    public bool? NeedsArisefromImpairmentOrIllness { get; set; }

    public override AssessmentSection? Section => AssessmentSection.Outcomes;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        NeedsArisefromImpairmentOrIllness = Assessment.NeedsArisefromImpairmentOrIllness;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateNeedsOriginAsync(id, Revision, NeedsArisefromImpairmentOrIllness!.Value),
            Links.AssessmentOutcome(id, Enum.GetValues<SpecifiedOutcome>()[0]));
    }
}
