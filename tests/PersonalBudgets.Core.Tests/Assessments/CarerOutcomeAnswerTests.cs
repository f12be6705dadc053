using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using Shouldly;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>Carer eligibility with the ways of reg 3(3): how the carer manages each outcome, not a yes or no.</summary>
public sealed class CarerOutcomeAnswerTests
{
    private static readonly Actor Practitioner = new(Guid.NewGuid(), "Sam Practitioner");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static CarerEligibilityFacts Facts(bool healthAtRisk, params CarerOutcomeAnswer[] outcomes) =>
        new(true, healthAtRisk, outcomes, true, "Caring every night is wearing the carer down");

    [Fact]
    public void AbleButWithSignificantAnxiety_CountsAsUnable_AndMakesTheCarerEligible()
    {
        // The case that was missed: the carer does it, but with significant anxiety. Under reg 3(3)(b) that is unable.
        var answer = CarerOutcomeAnswer.From(CarerOutcome.Recreation, [CarerHowManaged.SignificantPainDistressOrAnxiety]);

        answer.CountsAsUnable.ShouldBeTrue();
        var decision = CarerEligibility.Determine(Facts(false, answer));
        decision.Eligible.ShouldBeTrue();
        decision.Reasons[1].Explanation.ShouldContain("engaging in recreational activities (able without assistance, but with significant pain, distress or anxiety)");
    }

    [Theory]
    [InlineData(CarerHowManaged.UnableWithoutAssistance)]
    [InlineData(CarerHowManaged.SignificantPainDistressOrAnxiety)]
    [InlineData(CarerHowManaged.EndangersHealthOrSafety)]
    public void EachWayOfReg3_3_OnOneOutcome_IsEnough(CarerHowManaged way)
    {
        CarerEligibility.Determine(Facts(false, CarerOutcomeAnswer.From(CarerOutcome.Nutrition, [way]))).Eligible.ShouldBeTrue();
    }

    [Fact]
    public void EveryOutcomeWithoutDifficulty_AndHealthNotAtRisk_IsNotEligible()
    {
        var answers = Enum.GetValues<CarerOutcome>().Select(o => CarerOutcomeAnswer.From(o, [CarerHowManaged.WithoutDifficulty])).ToArray();

        var decision = CarerEligibility.Determine(Facts(false, answers));

        decision.Eligible.ShouldBeFalse();
        decision.Reasons[1].Explanation.ShouldBe("The carer can achieve all of the carer outcomes.");
    }

    [Fact]
    public void HealthAtRisk_WithEveryOutcomeManaged_IsEligible()
    {
        CarerEligibility.Determine(Facts(true, CarerOutcomeAnswer.From(CarerOutcome.Nutrition, [CarerHowManaged.WithoutDifficulty]))).Eligible.ShouldBeTrue();
    }

    [Fact]
    public void WithoutDifficultyAndAWay_IsRefusedAsContradictory()
    {
        var ex = Should.Throw<DomainException>(() => CarerOutcomeAnswer.From(CarerOutcome.Nutrition, [CarerHowManaged.WithoutDifficulty, CarerHowManaged.SignificantPainDistressOrAnxiety]));

        ex.ErrorCode.ShouldBe("carer-outcome-contradictory");
        ex.Field.ShouldBe("HowManaged");
    }

    [Fact]
    public void NoAnswer_IsRefused()
    {
        Should.Throw<DomainException>(() => CarerOutcomeAnswer.From(CarerOutcome.Nutrition, [])).Message.ShouldBe("Select how the carer manages this outcome");
    }

    [Fact]
    public void TheAssessment_RefusesAContradictoryAnswer_NamingTheField_AndKeepsNothing()
    {
        var a = Assessment.Start(Guid.NewGuid(), AssessmentKind.Carer, Practitioner.UserId, UkTime.DateOf(Now).AddDays(10), Practitioner, Now);

        var ex = Should.Throw<ValidationFailedException>(() =>
            a.SetCarerOutcome(CarerOutcome.Recreation, [CarerHowManaged.WithoutDifficulty, CarerHowManaged.EndangersHealthOrSafety], null, a.Revision, Practitioner, Now));

        ex.Errors.ShouldHaveSingleItem().Field.ShouldBe("HowManaged");
        a.CarerOutcomes.ShouldBeEmpty();
    }

    [Fact]
    public void TheAssessment_KeepsTheWays_AndTheEligibilityFactsCarryThem()
    {
        var a = Assessment.Start(Guid.NewGuid(), AssessmentKind.Carer, Practitioner.UserId, UkTime.DateOf(Now).AddDays(10), Practitioner, Now);
        a.SetCarerOutcome(CarerOutcome.Relationships, [CarerHowManaged.SignificantPainDistressOrAnxiety, CarerHowManaged.EndangersHealthOrSafety], "Cannot leave him alone", a.Revision, Practitioner, Now);
        a.SetCarerOutcome(CarerOutcome.Nutrition, [CarerHowManaged.WithoutDifficulty], null, a.Revision, Practitioner, Now);

        a.CarerOutcomesNotAchieved().ShouldBe([CarerOutcome.Relationships]);
        var facts = a.ToCarerEligibilityFacts(true, "Reason");
        facts.Outcomes.Single(o => o.Outcome == CarerOutcome.Relationships).Reasons
            .ShouldBe(CarerUnableReasons.SignificantPainDistressOrAnxiety | CarerUnableReasons.EndangersHealthOrSafety);
        a.Missing().ShouldContain(m => m.Message == "Record how the carer manages: engaging in recreational activities");
    }

    [Fact]
    public void AnAdultAssessment_DoesNotTakeCarerOutcomes()
    {
        var a = Assessment.Start(Guid.NewGuid(), AssessmentKind.Adult, Practitioner.UserId, UkTime.DateOf(Now).AddDays(10), Practitioner, Now);

        Should.Throw<DomainException>(() => a.SetCarerOutcome(CarerOutcome.Nutrition, [CarerHowManaged.WithoutDifficulty], null, a.Revision, Practitioner, Now))
            .ErrorCode.ShouldBe("assessment-not-carer");
    }

    [Fact]
    public void AStoredRowFromTheYesOrNo_NotAchievable_ReadsAsUnableWithoutAssistance()
    {
        // What the migration writes for a row stored as "not achievable" before the ways were asked.
        var row = new CarerOutcomeFinding { Outcome = CarerOutcome.Recreation, WithoutDifficulty = false, Reasons = CarerUnableReasons.UnableWithoutAssistance };

        row.CountsAsUnable.ShouldBeTrue();
        row.Answer!.WaysText.ShouldBe("unable to achieve it without assistance");
    }
}
