using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>A question page of an assessment (see <see cref="RecordFormPageModel{TView}"/>).</summary>
public abstract class AssessmentPageModel(AssessmentService assessments) : RecordFormPageModel<AssessmentView>
{
    public Assessment Assessment => View.Assessment;

    /// <summary>The section this page answers, for the "what is saved now" summary after a conflict.</summary>
    public abstract AssessmentSection? Section { get; }

    public virtual string BackHref => Links.AssessmentOverview(Assessment.Id);

    protected AssessmentService Assessments => assessments;

    protected override string IdRouteValue => "id";

    protected override async Task<AssessmentView> LoadViewAsync(Guid id)
    {
        var view = await assessments.LoadAsync(id);
        if (Section is { } section && !view.Assessment.Sections.Contains(section))
        {
            // e.g. the carer's needs page of a needs assessment.
            throw new NotFoundException($"The {section.Label().ToLowerInvariant()} section of a {view.Assessment.Kind.Label().ToLowerInvariant()}");
        }

        return view;
    }

    protected override int RevisionOf(AssessmentView view) => view.Assessment.Revision;

    protected override bool IsEditable(AssessmentView view) => view.Assessment.IsEditable;
}
