using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Pathways;

public enum PathwayStage
{
    [Display(Name = "Referral")] Referral,
    [Display(Name = "Needs assessment")] NeedsAssessment,
    [Display(Name = "Eligibility")] Eligibility,
    [Display(Name = "Indicative budget")] IndicativeBudget,
    [Display(Name = "Support planning")] SupportPlanning,
    [Display(Name = "Approval")] Approval,
    [Display(Name = "Budget in place")] BudgetInPlace,
    [Display(Name = "Review")] Review,
    [Display(Name = "Ended")] Ended,
}

/// <summary>The legal moves between stages of the self-directed support pathway.</summary>
public static class PathwayTransitions
{
    private static readonly Dictionary<PathwayStage, PathwayStage[]> Next = new()
    {
        [PathwayStage.Referral] = [PathwayStage.NeedsAssessment],
        [PathwayStage.NeedsAssessment] = [PathwayStage.Eligibility],
        [PathwayStage.Eligibility] = [PathwayStage.IndicativeBudget],
        [PathwayStage.IndicativeBudget] = [PathwayStage.SupportPlanning],
        [PathwayStage.SupportPlanning] = [PathwayStage.Approval],
        // A declined plan returns to support planning.
        [PathwayStage.Approval] = [PathwayStage.BudgetInPlace, PathwayStage.SupportPlanning],
        [PathwayStage.BudgetInPlace] = [PathwayStage.Review],
        // A review continues the budget, revises the plan, or leads to a reassessment.
        [PathwayStage.Review] = [PathwayStage.BudgetInPlace, PathwayStage.SupportPlanning, PathwayStage.NeedsAssessment],
        [PathwayStage.Ended] = [],
    };

    public static IReadOnlyList<PathwayStage> From(PathwayStage stage) =>
        stage == PathwayStage.Ended ? [] : [.. Next[stage], PathwayStage.Ended];

    public static bool IsAllowed(PathwayStage from, PathwayStage to) => From(from).Contains(to);

    /// <summary>Refuses an illegal transition with a plain-English message.</summary>
    public static void Ensure(PathwayStage from, PathwayStage to)
    {
        if (!IsAllowed(from, to))
        {
            var allowed = From(from);
            throw new DomainException("pathway-transition-not-allowed",
                allowed.Count == 0
                    ? $"The pathway has ended: it cannot move to {to.Label().ToLowerInvariant()}. Start a new referral instead"
                    : $"A person at {from.Label().ToLowerInvariant()} cannot move to {to.Label().ToLowerInvariant()}. Next can be: {string.Join(", ", allowed.Select(s => s.Label().ToLowerInvariant()))}");
        }
    }
}

/// <summary>What the owner of an open step has to do, as a worklist names it.</summary>
public static class PathwayWork
{
    /// <summary>
    /// The work of an open step: the stage's name, except that the open step of a budget in place is the coming review
    /// (its due date is the review's), so a worklist says "Review" rather than "Budget in place".
    /// </summary>
    public static string WorkLabel(this PathwayStage stage) => stage == PathwayStage.BudgetInPlace ? PathwayStage.Review.Label() : stage.Label();
}
