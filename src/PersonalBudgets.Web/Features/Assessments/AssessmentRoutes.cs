using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Where each section of an assessment is answered, so the task list and check-answers link the same way.</summary>
public static class AssessmentRoutes
{
    public static string Overview(Guid id) => $"/Assessments/{id}";

    public static string CheckAnswers(Guid id) => $"/Assessments/{id}/CheckAnswers";

    public static string Outcome(Guid id, SpecifiedOutcome outcome) => $"/Assessments/{id}/Outcomes/{outcome}";

    public static string Section(Guid id, AssessmentSection section) => section switch
    {
        AssessmentSection.About => $"/Assessments/{id}/About",
        AssessmentSection.Participation => $"/Assessments/{id}/WhoTookPart",
        AssessmentSection.WhatMatters => $"/Assessments/{id}/WhatMatters",
        AssessmentSection.Outcomes => $"/Assessments/{id}/Outcomes",
        AssessmentSection.Fluctuation => $"/Assessments/{id}/Fluctuation",
        AssessmentSection.Wellbeing => $"/Assessments/{id}/Wellbeing",
        AssessmentSection.Carer => $"/Assessments/{id}/UnpaidCarer",
        AssessmentSection.Advocacy => $"/Assessments/{id}/Advocacy",
        AssessmentSection.CarerNeeds => $"/Assessments/{id}/CarerNeeds",
        _ => Overview(id),
    };

    /// <summary>The page that answers a missing item: a missing outcome links straight to that outcome's page.</summary>
    public static string Missing(Assessment a, MissingItem item)
    {
        if (item.Section == AssessmentSection.Outcomes)
        {
            foreach (var outcome in Enum.GetValues<SpecifiedOutcome>())
            {
                if (item.Message.EndsWith(outcome.Label().ToLowerInvariant(), StringComparison.Ordinal))
                {
                    return Outcome(a.Id, outcome);
                }
            }
        }

        if (item.Section == AssessmentSection.Wellbeing)
        {
            var index = Array.FindIndex(Enum.GetValues<WellbeingArea>(), area => item.Message.EndsWith(area.Label().ToLowerInvariant(), StringComparison.Ordinal));
            if (index >= 0)
            {
                return $"{Section(a.Id, item.Section)}#Areas_{index}__Impact";
            }
        }

        return Section(a.Id, item.Section);
    }

    /// <summary>The task-list status of a section.</summary>
    public static string Status(Assessment a, AssessmentSection section) =>
        a.IsSectionComplete(section) && a.IsSectionStarted(section) ? "Completed"
        : a.IsSectionStarted(section) ? "In progress"
        : "Not started";
}
