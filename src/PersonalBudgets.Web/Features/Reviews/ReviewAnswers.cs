namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Every answer of a review, for the task list, check answers and a conflict.</summary>
public sealed record ReviewAnswers(ReviewView View, bool ChangeLinks);
