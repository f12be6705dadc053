using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>
/// A question page of an assessment. Carries the revision the form was loaded from; the page pipeline re-renders it
/// with 400 on a validation error and with 409 on a conflict, always keeping what was typed.
/// </summary>
public abstract class AssessmentPageModel(AssessmentService assessments) : GovukPageModel
{
    /// <summary>The revision of the assessment the form was loaded from (optimistic concurrency).</summary>
    [BindProperty]
    public int Revision { get; set; }

    public AssessmentView View { get; private set; } = null!;

    public Assessment Assessment => View.Assessment;

    /// <summary>The section this page answers, for the "what is saved now" summary after a conflict.</summary>
    public abstract AssessmentSection? Section { get; }

    /// <summary>A completed assessment shows no form, except to give back what someone just tried to save.</summary>
    public bool ShowForm => Assessment.IsEditable || HttpMethods.IsPost(Request.Method);

    public virtual string BackHref => AssessmentRoutes.Overview(Assessment.Id);

    protected AssessmentService Assessments => assessments;

    protected async Task LoadAsync(Guid id, bool fromRecord)
    {
        View = await assessments.LoadAsync(id);
        if (Section is { } section && !Assessment.Sections.Contains(section))
        {
            // e.g. the carer's needs page of a needs assessment.
            throw new NotFoundException($"The {section.Label().ToLowerInvariant()} section of a {Assessment.Kind.Label().ToLowerInvariant()}");
        }

        if (fromRecord)
        {
            Revision = Assessment.Revision;
        }
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"), fromRecord: reload.AfterConflict);

    /// <summary>
    /// Saves through the service and goes on to <paramref name="next"/>, unless the page found problems of its own.
    /// A refusal comes back to this page through the page pipeline, keeping what was typed.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(Func<Task> save, string next)
    {
        EnsureValid();
        await save();
        return Redirect(next);
    }
}
