using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Check your answers: every section with change links, what is still missing, and completion.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class CheckAnswersModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    /// <summary>The whole assessment is on this page, so a conflict needs no separate summary.</summary>
    public override AssessmentSection? Section => null;

    public IReadOnlyList<MissingItem> Missing => Assessment.Missing();

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        await Assessments.RecordViewAsync(View);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        var completing = Assessment;
        var result = await SaveAndRedirectAsync(() => Assessments.CompleteAsync(id, Revision), Links.AssessmentOverview(id));
        Flash(completing.PreviousVersionId is null
            ? $"{completing.Kind.Label()} completed"
            : $"Correction completed: version {completing.VersionNumber} replaces version {completing.VersionNumber - 1}");
        return result;
    }
}
