using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Tests.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Reviews;

/// <summary>What a completed review does: the next review, a new draft plan, or the end of the budget; and the event for the pathway.</summary>
public sealed class ReviewCompletionTests
{
    private static readonly PersonsPart InPerson = new(Participation.InPerson, null);

    private static (Review Review, SupportPlan Plan, PersonalBudget Budget) Completed(ReviewDecision decision, string? note = "Because")
    {
        var plan = PlanBuilder.Approved();
        var budget = PersonalBudget.Create(plan.PersonId, plan.Id, plan.Number, Guid.NewGuid(), PlanBuilder.Start, BudgetStatement.Calculate(plan.Elements, 0m, 0m, false), Helen.Actor(), Now);
        var review = Review.Open(plan.PersonId, Guid.NewGuid(), plan.Id, budget.Id, plan.Outcomes.Select(o => (o.Id, o.Text)), ReviewReason.Scheduled, null, Today, Priya.Actor(), Now, plan.PersonsPart);
        review.TakeDomainEvents();
        foreach (var outcome in plan.Outcomes)
        {
            review.RecordOutcome(outcome.Id, OutcomeAchieved.Fully, null, review.Revision, Priya.Actor(), Now);
        }

        review.RecordFindings(InPerson, [], "Working", "Nothing", true, plan.HasDirectPayment, review.Revision, Priya.Actor(), Now);
        review.Complete(decision, note, review.Revision, Priya.Actor(), Now);
        return (review, plan, budget);
    }

    [Fact]
    public void Continue_SchedulesTheNextReviewFromTheStandards()
    {
        var (review, plan, budget) = Completed(ReviewDecision.Continue);
        var today = PlanBuilder.Start.AddMonths(3);

        var effects = ReviewCompletion.Apply(review, plan, budget, ServiceStandards.Default, today, Priya.Actor(), Now);

        effects.NextReviewDue.ShouldBe(DueDates.NextReview(today, budget.StartDate, budget.HasDirectPayment, ServiceStandards.Default));
        budget.EndDate.ShouldBeNull();
        review.DomainEvents.ShouldHaveSingleItem().ShouldBe(new ReviewCompleted(plan.PersonId, review.Id, ReviewDecision.Continue, budget.Id, effects.NextReviewDue, null, "Because", InPerson));
    }

    [Fact]
    public void Continue_WithoutABudget_IsDueAfterTheStandardMonths()
    {
        var (review, plan, _) = Completed(ReviewDecision.Continue);

        ReviewCompletion.Apply(review, plan, null, ServiceStandards.Default, Today, Priya.Actor(), Now).NextReviewDue.ShouldBe(Today.AddMonths(ServiceStandards.Default.ReviewMonths));
    }

    [Fact]
    public void RevisePlan_StartsANewDraftVersionWithTheReviewsReason()
    {
        var (review, plan, budget) = Completed(ReviewDecision.RevisePlan, "More hours");

        var effects = ReviewCompletion.Apply(review, plan, budget, ServiceStandards.Default, Today, Priya.Actor(), Now);

        effects.Draft!.Number.ShouldBe(plan.Number + 1);
        effects.Draft.Status.ShouldBe(PlanStatus.Draft);
        effects.Draft.RevisionReason.ShouldBe("More hours");
        review.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ReviewCompleted>().DraftPlanId.ShouldBe(effects.Draft.Id);
    }

    [Fact]
    public void EndSupport_EndsTheBudgetToday()
    {
        var (review, plan, budget) = Completed(ReviewDecision.EndSupport, "Moved away");

        var effects = ReviewCompletion.Apply(review, plan, budget, ServiceStandards.Default, PlanBuilder.Start.AddMonths(2), Priya.Actor(), Now);

        budget.EndDate.ShouldBe(PlanBuilder.Start.AddMonths(2));
        effects.BudgetEndedOn.ShouldBe(PlanBuilder.Start.AddMonths(2));
    }

    [Fact]
    public void Reassess_ChangesNothingElse()
    {
        var (review, plan, budget) = Completed(ReviewDecision.Reassess, "Needs changed");

        ReviewCompletion.Apply(review, plan, budget, ServiceStandards.Default, Today, Priya.Actor(), Now).ShouldBe(new ReviewEffects(null, null, null));
        budget.EndDate.ShouldBeNull();
    }

    [Fact]
    public void EnsureCanDecide_RevisingWhileAnotherVersionIsOpen_IsRefusedOnTheDecision()
    {
        var plan = PlanBuilder.Approved();
        var review = Review.Open(plan.PersonId, null, plan.Id, null, [], ReviewReason.Scheduled, null, Today, Priya.Actor(), Now);

        var ex = Should.Throw<DomainException>(() => ReviewCompletion.EnsureCanDecide(review, ReviewDecision.RevisePlan,
            [new PlanVersionRef(plan.Id, 1, PlanStatus.Approved), new PlanVersionRef(Guid.NewGuid(), 2, PlanStatus.Draft)]));

        ex.ErrorCode.ShouldBe("review-newer-plan-exists");
        ex.Field.ShouldBe("Decision");
        ex.Message.ShouldBe("Version 2 of the plan is already a draft: finish it from the support plan instead of revising again");
        Should.NotThrow(() => ReviewCompletion.EnsureCanDecide(review, ReviewDecision.Continue, [new PlanVersionRef(Guid.NewGuid(), 2, PlanStatus.Draft)]));
    }
}
