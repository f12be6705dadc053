using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>Care and Support (Eligibility Criteria) Regulations 2015, reg 2 (adults) and reg 3 (carers), at their boundaries.</summary>
public sealed class EligibilityTests
{
    private static readonly SpecifiedOutcome[] All = Enum.GetValues<SpecifiedOutcome>();

    private static EligibilityFacts Adult(int outcomesNotAchieved, bool fromImpairment = true, bool significantImpact = true, UnableReasons how = UnableReasons.Unable) =>
        new(fromImpairment,
            All.Select((o, i) => new OutcomeFinding(o, withoutDifficulty: i >= outcomesNotAchieved, i < outcomesNotAchieved ? how : UnableReasons.None)).ToList(),
            significantImpact,
            "Recorded judgement");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(10, true)]
    public void Adult_OutcomesNotAchieved_TwoOrMoreAreNeeded(int notAchieved, bool eligible)
    {
        var decision = AdultEligibility.Determine(Adult(notAchieved));

        decision.Eligible.ShouldBe(eligible);
        decision.OutcomesNotAchieved.Count.ShouldBe(notAchieved);
        decision.Reasons.Single(r => r.Condition.StartsWith("Unable to achieve", StringComparison.Ordinal)).Met.ShouldBe(eligible);
    }

    [Fact]
    public void Adult_TwoOutcomesButNoSignificantImpact_IsNotEligible()
    {
        var decision = AdultEligibility.Determine(Adult(2, significantImpact: false));

        decision.Eligible.ShouldBeFalse();
        decision.Reasons.Single(r => r.Condition == "Significant impact on wellbeing").Met.ShouldBeFalse();
    }

    [Fact]
    public void Adult_NeedsNotFromImpairmentOrIllness_IsNotEligible()
    {
        var decision = AdultEligibility.Determine(Adult(5, fromImpairment: false));

        decision.Eligible.ShouldBeFalse();
        decision.Reasons[0].Met.ShouldBeFalse();
        decision.Reasons[0].Explanation.ShouldContain("do not arise");
    }

    [Theory]
    [InlineData(UnableReasons.Unable)]
    [InlineData(UnableReasons.OnlyWithAssistance)]
    [InlineData(UnableReasons.SignificantPainDistressOrAnxiety)]
    [InlineData(UnableReasons.EndangersHealthOrSafety)]
    [InlineData(UnableReasons.TakesSignificantlyLonger)]
    public void Adult_EachWayOfBeingUnable_Counts(UnableReasons how)
    {
        AdultEligibility.Determine(Adult(2, how: how)).Eligible.ShouldBeTrue();
    }

    [Fact]
    public void Adult_ReasonsNameEachOutcomeNotAchievedAndTheWays()
    {
        var decision = AdultEligibility.Determine(Adult(2));

        decision.Reasons[1].Explanation.ShouldBe("The person is unable to achieve 2 outcomes: managing and maintaining nutrition (unable to achieve it); maintaining personal hygiene (unable to achieve it).");
    }

    [Theory]
    [InlineData(null, "reason")]
    [InlineData(true, null)]
    [InlineData(true, "  ")]
    public void Adult_WithoutAWellbeingJudgementAndReason_IsRefused(bool? impact, string? reason)
    {
        var facts = Adult(2) with { SignificantImpactOnWellbeing = impact, SignificantImpactReason = reason };

        Should.Throw<DomainException>(() => AdultEligibility.Determine(facts)).ErrorCode.ShouldBe("eligibility-wellbeing-judgement-required");
    }

    [Fact]
    public void Adult_OutcomeRecordedTwice_IsRefused()
    {
        var facts = Adult(0) with { Outcomes = [new(SpecifiedOutcome.Nutrition, false, UnableReasons.Unable), new(SpecifiedOutcome.Nutrition, false, UnableReasons.Unable)] };

        Should.Throw<DomainException>(() => AdultEligibility.Determine(facts)).ErrorCode.ShouldBe("eligibility-outcome-duplicated");
    }

    private static CarerEligibilityFacts Carer(bool fromCaring, bool healthAtRisk, int outcomes, bool impact = true) =>
        new(fromCaring, healthAtRisk,
            Enum.GetValues<CarerOutcome>().Select((o, i) => i < outcomes
                ? new CarerOutcomeAnswer(o, false, CarerUnableReasons.UnableWithoutAssistance)
                : new CarerOutcomeAnswer(o, true, CarerUnableReasons.None)).ToList(),
            impact, "Recorded judgement");

    [Theory]
    [InlineData(false, 1, true)] // exactly one carer outcome
    [InlineData(true, 0, true)] // health at risk, no outcome
    [InlineData(false, 0, false)] // neither
    [InlineData(true, 3, true)]
    public void Carer_AnyOneOutcomeOrHealthAtRisk_IsEnough(bool healthAtRisk, int outcomes, bool eligible)
    {
        CarerEligibility.Determine(Carer(true, healthAtRisk, outcomes)).Eligible.ShouldBe(eligible);
    }

    [Fact]
    public void Carer_NeedsNotFromProvidingNecessaryCare_IsNotEligible()
    {
        CarerEligibility.Determine(Carer(false, true, 2)).Eligible.ShouldBeFalse();
    }

    [Fact]
    public void Carer_WithoutSignificantImpact_IsNotEligible()
    {
        CarerEligibility.Determine(Carer(true, true, 2, impact: false)).Eligible.ShouldBeFalse();
    }
}
