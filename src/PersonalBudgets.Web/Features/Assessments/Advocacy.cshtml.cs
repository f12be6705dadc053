using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

[RequirePermission(Permission.AssessPeople)]
public sealed class AdvocacyModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    [Required(ErrorMessage = "Select yes if an independent advocate is needed")]
    public bool? AdvocateNeeded { get; set; }

    [BindProperty]
    public string? AdvocacyNote { get; set; }

    public override AssessmentSection? Section => AssessmentSection.Advocacy;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        AdvocateNeeded = Assessment.AdvocateNeeded;
        AdvocacyNote = Assessment.AdvocacyNote;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateAdvocacyAsync(id, Revision, AdvocateNeeded!.Value, AdvocacyNote), Links.AssessmentOverview(id));
    }
}
