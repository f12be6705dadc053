using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Starts a correction of a completed assessment: a new version, with the reason recorded.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class CorrectModel(AssessmentService assessments) : GovukPageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public AssessmentView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => View = await assessments.LoadAsync(id);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await assessments.LoadAsync(id);
        var correction = await assessments.StartCorrectionAsync(id, Reason);
        Flash($"Correction started: this is version {correction.VersionNumber}. Version {View.Assessment.VersionNumber} stays in force until you complete the correction.");
        return Redirect(Links.AssessmentOverview(correction.Id));
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await assessments.LoadAsync(reload.Get<Guid>("id"));
}
