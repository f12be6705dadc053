using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

[RequirePermission(Permission.AssessPeople)]
public sealed class UnpaidCarerModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    [Required(ErrorMessage = "Select whether the person has an unpaid carer")]
    public YesNoUnknown? HasUnpaidCarer { get; set; }

    [BindProperty]
    public Guid? LinkedCarerAssessmentId { get; set; }

    public override AssessmentSection? Section => AssessmentSection.Carer;

    public IReadOnlyList<CarerAssessmentOption> CarerAssessments { get; private set; } = [];

    public IEnumerable<SelectListItem> CarerAssessmentItems =>
        new[] { new SelectListItem("Not linked", "") }.Concat(CarerAssessments.Select(c => new SelectListItem(c.Label, c.Id.ToString())));

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        CarerAssessments = await Assessments.CarerAssessmentOptionsAsync(Assessment.PersonId);
        HasUnpaidCarer = Assessment.HasUnpaidCarer;
        LinkedCarerAssessmentId = Assessment.LinkedCarerAssessmentId;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateCarerAsync(id, Revision, HasUnpaidCarer!.Value, LinkedCarerAssessmentId), Links.AssessmentOverview(id));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        CarerAssessments = await Assessments.CarerAssessmentOptionsAsync(Assessment.PersonId);
    }
}
