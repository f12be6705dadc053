namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>A link to what comes next after a step of the pathway is done (issue 11, item 14).</summary>
public sealed record NextStep(string Text, string Href);

/// <summary>
/// "What happens next" after a decision: a sentence and the links to go on with. Rendered by the partial
/// Features/Shared/_NextSteps.cshtml, with the id "next-steps".
/// </summary>
public sealed record NextSteps(string Intro, IReadOnlyList<NextStep> Links);
