using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>
/// "How does the person manage this outcome?", asked as reg 2(3) of the Care and Support (Eligibility Criteria)
/// Regulations 2015 does: an adult is "unable to achieve" an outcome if they are unable, able only with assistance,
/// able but with significant pain, distress or anxiety, able but endangering anyone's health or safety, or able but
/// taking significantly longer than would normally be expected.
/// </summary>
public sealed class HowOutcomeIsManagedTests
{
    private static Assessment Draft()
    {
        var due = Today.AddDays(10);
        return Assessment.Start(Guid.NewGuid(), AssessmentKind.Adult, Priya.Id, due, Priya.Actor(), Now);
    }

    private static EligibilityFacts Facts(params OutcomeFinding[] findings) => new(true, findings, true, "Recorded judgement");

    [Fact]
    public void AbleButWithSignificantAnxiety_CountsAsUnable_AndTwoSuchOutcomesAreEligible()
    {
        // Someone who shops and cooks, and washes, but only through overwhelming anxiety each time.
        var facts = Facts(
            OutcomeFinding.From(SpecifiedOutcome.Nutrition, [HowManaged.SignificantPainDistressOrAnxiety]),
            OutcomeFinding.From(SpecifiedOutcome.PersonalHygiene, [HowManaged.SignificantPainDistressOrAnxiety]),
            OutcomeFinding.From(SpecifiedOutcome.ToiletNeeds, [HowManaged.WithoutDifficulty]));

        var decision = AdultEligibility.Determine(facts);

        decision.Eligible.ShouldBeTrue();
        decision.OutcomesNotAchieved.ShouldBe([SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene]);
        decision.Reasons[1].Explanation.ShouldBe("The person is unable to achieve 2 outcomes: managing and maintaining nutrition (able, but with significant pain, distress or anxiety); maintaining personal hygiene (able, but with significant pain, distress or anxiety).");
    }

    [Theory]
    [InlineData(HowManaged.Unable)]
    [InlineData(HowManaged.OnlyWithAssistance)]
    [InlineData(HowManaged.SignificantPainDistressOrAnxiety)]
    [InlineData(HowManaged.EndangersHealthOrSafety)]
    [InlineData(HowManaged.TakesSignificantlyLonger)]
    public void EachWayOfBeingUnable_OnItsOwn_CountsAsUnable(HowManaged way)
    {
        OutcomeFinding.From(SpecifiedOutcome.HabitableHome, [way]).CountsAsUnable.ShouldBeTrue();
    }

    [Fact]
    public void WithoutDifficulty_DoesNotCount()
    {
        OutcomeFinding.From(SpecifiedOutcome.HabitableHome, [HowManaged.WithoutDifficulty]).CountsAsUnable.ShouldBeFalse();
    }

    [Fact]
    public void OneOutcomeOnlyWithAssistanceAndEndangeringSafety_IsOneOutcome_NotEligible()
    {
        // Several ways for one outcome still make one outcome: reg 2(1)(b) asks for two or more outcomes.
        var decision = AdultEligibility.Determine(Facts(
            OutcomeFinding.From(SpecifiedOutcome.UsingHomeSafely, [HowManaged.OnlyWithAssistance, HowManaged.EndangersHealthOrSafety]),
            OutcomeFinding.From(SpecifiedOutcome.Nutrition, [HowManaged.WithoutDifficulty])));

        decision.Eligible.ShouldBeFalse();
        decision.Reasons[1].Explanation.ShouldBe("The person is unable to achieve 1 outcome, being able to make use of the home safely (able only with assistance; able, but endangering the health or safety of the adult or others); at least 2 are needed.");
    }

    [Fact]
    public void Reasons_ListOutcomesInTheRegulationsOrder_WhateverOrderTheyWereRecordedIn()
    {
        var decision = AdultEligibility.Determine(Facts(
            OutcomeFinding.From(SpecifiedOutcome.CommunityFacilities, [HowManaged.TakesSignificantlyLonger]),
            OutcomeFinding.From(SpecifiedOutcome.Nutrition, [HowManaged.Unable])));

        decision.OutcomesNotAchieved.ShouldBe([SpecifiedOutcome.Nutrition, SpecifiedOutcome.CommunityFacilities]);
        decision.Reasons[1].Explanation.ShouldStartWith("The person is unable to achieve 2 outcomes: managing and maintaining nutrition");
    }

    [Fact]
    public void WithoutDifficultyAndAWayOfBeingUnable_IsRefused()
    {
        var ex = Should.Throw<DomainException>(() => OutcomeFinding.From(SpecifiedOutcome.Nutrition, [HowManaged.WithoutDifficulty, HowManaged.SignificantPainDistressOrAnxiety]));

        ex.Field.ShouldBe("HowManaged");
    }

    [Fact]
    public void NoAnswer_IsRefused()
    {
        Should.Throw<DomainException>(() => OutcomeFinding.From(SpecifiedOutcome.Nutrition, [])).Field.ShouldBe("HowManaged");
    }

    [Fact]
    public void Assessment_RefusesAContradictoryAnswer_AndKeepsWhatWasThere()
    {
        var a = Draft();
        a.SetOutcome(SpecifiedOutcome.Nutrition, [HowManaged.SignificantPainDistressOrAnxiety], null, a.Revision, Priya.Actor(), Now);

        var ex = Should.Throw<ValidationFailedException>(() =>
            a.SetOutcome(SpecifiedOutcome.Nutrition, [HowManaged.WithoutDifficulty, HowManaged.OnlyWithAssistance], null, a.Revision, Priya.Actor(), Now));

        ex.Errors.Single().Field.ShouldBe("HowManaged");
        ex.Errors.Single().Message.ShouldBe("Select either \"without difficulty\" or the ways the person is unable to achieve this outcome, not both");
        a.Outcomes.Single().Reasons.ShouldBe(UnableReasons.SignificantPainDistressOrAnxiety);
        a.Outcomes.Single().CountsAsUnable.ShouldBeTrue();
    }

    [Fact]
    public void Assessment_RefusesNoAnswer()
    {
        var a = Draft();

        Should.Throw<ValidationFailedException>(() => a.SetOutcome(SpecifiedOutcome.Nutrition, [], null, a.Revision, Priya.Actor(), Now))
            .Errors.Single().Message.ShouldBe("Select how the person manages this outcome");
    }

    [Fact]
    public void Assessment_KeepsEveryWayGiven()
    {
        var a = Draft();
        a.SetOutcome(SpecifiedOutcome.Relationships, [HowManaged.TakesSignificantlyLonger, HowManaged.SignificantPainDistressOrAnxiety], "Only sees her sister", a.Revision, Priya.Actor(), Now);

        var finding = a.Outcomes.Single().Finding!;
        finding.Answers.ShouldBe([HowManaged.SignificantPainDistressOrAnxiety, HowManaged.TakesSignificantlyLonger]);
        finding.WithoutDifficulty.ShouldBeFalse();
    }

    [Fact]
    public void AStoredRowWithNoWayAndNotWithoutDifficulty_ReadsAsNotAnswered_AndIsMissing()
    {
        // Only data from before the question was asked as the law does can hold this.
        var a = Draft();
        a.Outcomes.Add(new AssessmentOutcome { Outcome = SpecifiedOutcome.Nutrition, WithoutDifficulty = false, Reasons = UnableReasons.None });

        a.Outcomes.Single().Finding.ShouldBeNull();
        a.Missing().ShouldContain(m => m.Message == "Record how the person manages: managing and maintaining nutrition");
    }

    [Fact]
    public void CarerReasons_ListOutcomesInTheRegulationsOrder_WhateverOrderTheyWereRecordedIn()
    {
        var unable = CarerUnableReasons.UnableWithoutAssistance;
        var decision = CarerEligibility.Determine(new CarerEligibilityFacts(true, false,
            [new(CarerOutcome.Recreation, false, unable), new(CarerOutcome.CaringForAChild, false, unable), new(CarerOutcome.HabitableHome, false, unable)], true, "Reason"));

        decision.Reasons[1].Explanation.ShouldBe("The carer is unable to achieve: carrying out caring responsibilities for a child (unable to achieve it without assistance); "
            + "maintaining a habitable home environment (unable to achieve it without assistance); engaging in recreational activities (unable to achieve it without assistance).");
    }
}
