using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Tests.Assessments;
using PersonalBudgets.Core.Tests.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Pathways;

/// <summary>The records raise the events the pathway moves on, each once.</summary>
public sealed class DomainEventsTests
{
    private static readonly PersonsPart InPerson = new(Participation.InPerson, null);

    [Fact]
    public void AnAssessment_RaisesStartedThenCompleted_WithHowThePersonTookPart()
    {
        var person = Guid.NewGuid();
        var a = AssessmentBuilder.Completed(person, SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene);

        a.TakeDomainEvents().ShouldBe([
            new AssessmentStarted(person, a.Id, AssessmentKind.Adult, Priya.Id, Today.AddDays(10)),
            new AssessmentCompleted(person, a.Id, AssessmentKind.Adult, InPerson),
        ]);
        a.DomainEvents.ShouldBeEmpty(); // taken once
    }

    [Fact]
    public void AnEligibilityDecision_RaisesEligibilityDecided()
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene);

        var d = EligibilityDetermination.Confirm(a, true, "Significant", null, Priya.Actor(), Now);

        d.DomainEvents.ShouldBe([new EligibilityDecided(a.PersonId, d.Id, a.Id, AssessmentKind.Adult, true, InPerson)]);
    }

    [Theory]
    [InlineData(CompletedWith.Person, Participation.InWriting)]
    [InlineData(CompletedWith.PractitionerAlone, Participation.Declined)]
    [InlineData(CompletedWith.PractitionerWithPerson, Participation.InPerson)]
    public void AnIndicativeBudget_RaisesCompleted_WithThePersonsPartFromWhoCompletedIt(CompletedWith completedWith, Participation participation)
    {
        var ras = RasVersion.CreateDraft(1, "Example", DefaultRas.Definition, true, Helen.Actor(), Now);
        ras.Publish(Helen.Actor(), Now, null);
        var person = Guid.NewGuid();

        var budget = IndicativeBudget.Calculate(person, null, ras, DefaultRas.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[0].Id), completedWith, Priya.Actor(), Now);

        budget.DomainEvents.ShouldBe([new IndicativeBudgetCompleted(person, budget.Id, new PersonsPart(participation, null))]);
    }

    [Fact]
    public void ASubmittedPlansRequest_RaisesPlanSubmitted()
    {
        var plan = PlanBuilder.Submitted();

        var request = ApprovalRequest.ForSubmittedPlan(plan, ApprovalRoute.FundingPanel, Today.AddDays(10), Tom.Actor(), Now);

        request.DomainEvents.ShouldBe([new PlanSubmitted(plan.PersonId, plan.Id, plan.Number, request.Id, plan.AuthorId, Tom.Id, ApprovalRoute.FundingPanel, Today.AddDays(10), InPerson)]);
    }

    [Fact]
    public void AReview_RaisesStarted_WithWhyItWasAskedFor()
    {
        var plan = PlanBuilder.Approved();

        var review = Review.Open(plan.PersonId, null, plan.Id, null, [], ReviewReason.RequestedByPerson, "The day centre closed", Today, Priya.Actor(), Now, plan.PersonsPart);

        review.DomainEvents.ShouldBe([new ReviewStarted(plan.PersonId, review.Id, Today, "Requested by the person: The day centre closed", InPerson)]);
    }
}
