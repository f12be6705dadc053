using PersonalBudgets.Core.Assessments;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>The answers of one section as a summary list, with or without change links.</summary>
public sealed record SectionAnswers(AssessmentView View, AssessmentSection Section, bool ChangeLinks);

/// <summary>Every section of an assessment as summary lists (check answers, and the read-only view of a completed one).</summary>
public sealed record AllAnswers(AssessmentView View, bool ChangeLinks);
