using PersonalBudgets.Core.Assessments;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>What the assessment's task list shows of each section (its links come from <see cref="Infrastructure.Components.PageLinks"/>).</summary>
public static class AssessmentTaskList
{
    /// <summary>The task-list status of a section.</summary>
    public static string Status(Assessment a, AssessmentSection section) =>
        a.IsSectionComplete(section) && a.IsSectionStarted(section) ? "Completed"
        : a.IsSectionStarted(section) ? "In progress"
        : "Not yet started";
}
