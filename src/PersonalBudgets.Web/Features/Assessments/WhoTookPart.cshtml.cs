using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

[RequirePermission(Permission.AssessPeople)]
public sealed class WhoTookPartModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    public string? WhoTookPart { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Select how the person took part")]
    public Participation? Participation { get; set; }

    [BindProperty]
    public string? BestInterestsConsulted { get; set; }

    public override AssessmentSection? Section => AssessmentSection.Participation;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        WhoTookPart = Assessment.WhoTookPart;
        Participation = Assessment.Participation;
        BestInterestsConsulted = Assessment.BestInterestsConsulted;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateParticipationAsync(id, Revision, WhoTookPart, Participation!.Value, BestInterestsConsulted), Links.AssessmentOverview(id));
    }
}
