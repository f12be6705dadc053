using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Reviews;

/// <summary>What a completed review put in place: the next review's date, the new draft plan, or the day the budget ended.</summary>
public sealed record ReviewEffects(DateOnly? NextReviewDue, SupportPlan? Draft, DateOnly? BudgetEndedOn);

/// <summary>
/// What a completed review does. Continue: the next review is due from the standards (12 months, sooner for a direct
/// payment's first months). Revise the plan: a new draft version of the plan in force, unless another version is
/// already open. Reassess: nothing else here (the pathway returns to needs assessment). End support: the budget ends
/// today. Raises <see cref="ReviewCompleted"/> for the pathway.
/// </summary>
public static class ReviewCompletion
{
    /// <summary>Refuses a decision that cannot be carried out, before the review is completed.</summary>
    public static void EnsureCanDecide(Review review, ReviewDecision? decision, IReadOnlyCollection<PlanVersionRef> planVersions)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(planVersions);
        if (decision == ReviewDecision.RevisePlan && review.Status == ReviewStatus.InProgress && PlanVersions.Open(planVersions) is { } open)
        {
            throw new DomainException("review-newer-plan-exists", open.Status == PlanStatus.Draft
                ? $"Version {open.Number} of the plan is already a draft: finish it from the support plan instead of revising again"
                : $"Version {open.Number} of the plan is waiting for approval: wait for the decision instead of revising again", "Decision");
        }
    }

    /// <param name="review">The review, already completed with its decision.</param>
    public static ReviewEffects Apply(Review review, SupportPlan plan, PersonalBudget? budget, ServiceStandards standards, DateOnly today, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(standards);
        if (review.Status != ReviewStatus.Completed || review.Decision is not { } decision || review.PlanId != plan.Id)
        {
            throw new ArgumentException("Apply a completed review to the plan it reviewed.", nameof(review));
        }

        var effects = decision switch
        {
            ReviewDecision.Continue => new ReviewEffects(
                budget is null ? today.AddMonths(standards.ReviewMonths) : DueDates.NextReview(today, budget.StartDate, budget.HasDirectPayment, standards), null, null),
            ReviewDecision.RevisePlan => new ReviewEffects(null, plan.NewVersion(review.DecisionNote, review.EpisodeId, actor, now), null),
            ReviewDecision.Reassess => new ReviewEffects(null, null, null),
            _ => EndBudget(budget, today),
        };

        review.AddDomainEvent(new ReviewCompleted(review.PersonId, review.Id, decision, budget?.Id, effects.NextReviewDue, effects.Draft?.Id, review.DecisionNote, review.PersonsPart));
        return effects;
    }

    private static ReviewEffects EndBudget(PersonalBudget? budget, DateOnly today)
    {
        budget?.End(today);
        return new ReviewEffects(null, null, budget?.EndDate ?? today);
    }
}
