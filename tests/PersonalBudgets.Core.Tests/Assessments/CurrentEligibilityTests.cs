using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>The person's current eligibility: one rule for the indicative budget, the plan's eligible needs, the written record and the API.</summary>
public sealed class CurrentEligibilityTests
{
    private static readonly Guid PersonId = Guid.NewGuid();

    private static EligibilityDecisionRef Decision(Guid assessmentId, bool eligible, int daysAgo, AssessmentKind kind = AssessmentKind.Adult) =>
        new(assessmentId, kind, eligible, Now.AddDays(-daysAgo));

    [Fact]
    public void From_NoDecisions_IsNotDecided()
    {
        var current = CurrentEligibility.From([]);

        current.IsDecided.ShouldBeFalse();
        current.Eligible.ShouldBeFalse();
        current.EligibleNeeds(null).ShouldBeEmpty();
    }

    [Fact]
    public void From_TheLatestAdultDecisionDecides_WhateverTheOrderGiven()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        var current = CurrentEligibility.From([Decision(second, false, 1), Decision(first, true, 30)]);

        current.ShouldBe(new CurrentEligibility(false, second, Now.AddDays(-1)));
    }

    [Fact]
    public void From_ALaterEligibleDecision_ReplacesAnEarlierNotEligible()
    {
        var later = Guid.NewGuid();

        CurrentEligibility.From([Decision(Guid.NewGuid(), false, 30), Decision(later, true, 1)]).ShouldBe(new CurrentEligibility(true, later, Now.AddDays(-1)));
    }

    [Fact]
    public void From_ACarersDecision_NeverCounts()
    {
        var adult = Guid.NewGuid();

        CurrentEligibility.From([Decision(adult, true, 30), Decision(Guid.NewGuid(), false, 1, AssessmentKind.Carer)]).AssessmentId.ShouldBe(adult);
        CurrentEligibility.From([Decision(Guid.NewGuid(), true, 1, AssessmentKind.Carer)]).IsDecided.ShouldBeFalse();
    }

    [Fact]
    public void EligibleNeeds_AreTheOutcomesCountingAsUnable_InTheRegulationsOrder()
    {
        var assessment = AssessmentBuilder.Completed(PersonId, SpecifiedOutcome.CommunityFacilities, SpecifiedOutcome.Nutrition);
        var current = CurrentEligibility.From([Decision(assessment.Id, true, 1)]);

        current.EligibleNeeds(assessment).ShouldBe([SpecifiedOutcome.Nutrition, SpecifiedOutcome.CommunityFacilities]);
    }

    [Fact]
    public void EligibleNeeds_ComeOnlyFromTheAssessmentBehindTheCurrentDecision()
    {
        var assessment = AssessmentBuilder.Completed(PersonId, SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene);
        var current = CurrentEligibility.From([Decision(Guid.NewGuid(), true, 1)]);

        Should.Throw<ArgumentException>(() => current.EligibleNeeds(assessment));
    }

    [Fact]
    public void ANotEligibleCorrectionAfterAnEligibleDecision_RemovesTheNeeds_AndStopsAPlanStarting()
    {
        // The defect this rule mends: the plan used "the latest eligible decision", the indicative budget "the latest decision".
        var original = AssessmentBuilder.Completed(PersonId, SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene);
        var corrected = AssessmentBuilder.Completed(PersonId, SpecifiedOutcome.Nutrition);
        var current = CurrentEligibility.From([Decision(original.Id, true, 10), Decision(corrected.Id, false, 1)]);

        current.Eligible.ShouldBeFalse();
        current.AssessmentId.ShouldBe(corrected.Id);
        current.EligibleNeeds(corrected).ShouldBeEmpty();
        PlanVersions.CannotStartReason([], current, hasIndicativeBudget: true)
            .ShouldBe("A support plan can only be started for a person whose needs have been found eligible. The latest eligibility decision found the needs not eligible.");
    }

    [Theory]
    [InlineData(false, UnableReasons.OnlyWithAssistance, true)]
    [InlineData(false, UnableReasons.SignificantPainDistressOrAnxiety, true)]
    [InlineData(true, UnableReasons.None, false)]
    public void CountsAsUnable_IsTheOneRule_OnTheAssessmentsOutcomes(bool withoutDifficulty, UnableReasons reasons, bool countsAsUnable)
    {
        var outcome = new AssessmentOutcome { Outcome = SpecifiedOutcome.Nutrition, WithoutDifficulty = withoutDifficulty, Reasons = reasons };

        outcome.CountsAsUnable.ShouldBe(countsAsUnable);
        outcome.CountsAsUnable.ShouldBe(new OutcomeFinding(SpecifiedOutcome.Nutrition, withoutDifficulty, reasons).CountsAsUnable);
        new AssessmentOutcome { Outcome = SpecifiedOutcome.Nutrition }.CountsAsUnable.ShouldBeFalse();
    }
}
