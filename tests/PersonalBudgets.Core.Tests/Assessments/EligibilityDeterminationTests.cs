using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>Confirming eligibility: the rules decide from the completed assessment; the practitioner's judgement, reason and advice are required as the law needs them.</summary>
public sealed class EligibilityDeterminationTests
{
    private static readonly Actor Practitioner = new(Guid.NewGuid(), "Priya Shah");
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static Assessment Adult(int outcomesNotAchieved, bool fromImpairment = true, bool complete = true)
    {
        var a = Start(AssessmentKind.Adult);
        a.UpdateNeedsOrigin(fromImpairment, ImpairmentKinds.MentalIllness, null, a.Revision, Practitioner, Now);
        foreach (var (outcome, i) in Enum.GetValues<SpecifiedOutcome>().Select((o, i) => (o, i)))
        {
            a.SetOutcome(outcome, i < outcomesNotAchieved ? [HowManaged.OnlyWithAssistance] : [HowManaged.WithoutDifficulty], null, a.Revision, Practitioner, Now);
        }

        a.UpdateCarer(YesNoUnknown.No, null, a.Revision, Practitioner, Now);
        return Finish(a, complete);
    }

    private static Assessment Carer(bool healthAtRisk, params CarerOutcome[] notAchieved)
    {
        var a = Start(AssessmentKind.Carer);
        a.UpdateCarerNeeds("Jo Carerexample", "Sister", true, healthAtRisk, a.Revision, Practitioner, Now);
        foreach (var outcome in Enum.GetValues<CarerOutcome>())
        {
            a.SetCarerOutcome(outcome, notAchieved.Contains(outcome) ? [CarerHowManaged.UnableWithoutAssistance] : [CarerHowManaged.WithoutDifficulty], null, a.Revision, Practitioner, Now);
        }

        return Finish(a, complete: true);
    }

    private static Assessment Start(AssessmentKind kind)
    {
        var due = PersonalBudgets.Core.Common.UkTime.DateOf(Now).AddDays(10);
        var a = Assessment.Start(Guid.NewGuid(), kind, Practitioner.UserId, due, Practitioner, Now);
        a.UpdateAbout(AssessmentType.FaceToFace, Practitioner.UserId, due, a.Revision, Practitioner, Now);
        a.UpdateParticipation("The person", Participation.InPerson, null, a.Revision, Practitioner, Now);
        a.UpdateWhatMatters("In my words", "Outcomes", a.Revision, Practitioner, Now);
        a.UpdateFluctuation(false, null, null, a.Revision, Practitioner, Now);
        a.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w, _ => (WellbeingImpact.Some, (string?)null)), a.Revision, Practitioner, Now);
        a.UpdateAdvocacy(false, null, a.Revision, Practitioner, Now);
        return a;
    }

    private static Assessment Finish(Assessment a, bool complete)
    {
        if (complete)
        {
            a.Complete(a.Revision, Practitioner, Now);
        }

        return a;
    }

    public static TheoryData<string, bool?, string?, string?, string[]> Invalid => new()
    {
        // assessment, judgement, reason, advice → fields in error
        { "eligible", null, "Reason", null, ["SignificantImpact"] },
        { "eligible", true, null, null, ["SignificantImpactReason"] },
        { "eligible", true, "   ", null, ["SignificantImpactReason"] },
        { "eligible", null, null, null, ["SignificantImpact", "SignificantImpactReason"] },
        { "eligible", true, new string('x', EligibilityDetermination.TextMaxLength + 1), null, ["SignificantImpactReason"] },
        { "eligible", false, "No significant impact", null, ["Advice"] },
        { "eligible", false, "No significant impact", "  ", ["Advice"] },
        { "one outcome", true, "Reason", null, ["Advice"] },
        { "not from impairment", true, "Reason", null, ["Advice"] },
        { "eligible", true, "Reason", new string('x', EligibilityDetermination.TextMaxLength + 1), ["Advice"] },
        { "carer, nothing", true, "Reason", null, ["Advice"] },
    };

    private static Assessment Named(string name) => name switch
    {
        "eligible" => Adult(2),
        "one outcome" => Adult(1),
        "not from impairment" => Adult(5, fromImpairment: false),
        "carer, nothing" => Carer(healthAtRisk: false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Confirm_Invalid_NamesEachFieldInError(string assessment, bool? judgement, string? reason, string? advice, string[] fields)
    {
        var ex = Should.Throw<ValidationFailedException>(() => EligibilityDetermination.Confirm(Named(assessment), judgement, reason, advice, Practitioner, Now));

        ex.Errors.Select(e => e.Field).ShouldBe(fields);
    }

    public static TheoryData<string, bool, string?, bool> Valid => new()
    {
        // assessment, judgement, advice → eligible
        { "adult 2", true, null, true },
        { "adult 10", true, "Also told about the recovery college", true },
        { "adult 2", false, "Advice given", false },
        { "adult 1", true, "Advice given", false },
        { "adult 5, not from impairment", true, "Advice given", false },
        { "carer, one outcome", true, null, true },
        { "carer, health at risk only", true, null, true },
        { "carer, one outcome", false, "Advice given", false },
        { "carer, nothing", true, "Advice given", false },
    };

    private static Assessment ValidNamed(string name) => name switch
    {
        "adult 2" => Adult(2),
        "adult 10" => Adult(10),
        "adult 1" => Adult(1),
        "adult 5, not from impairment" => Adult(5, fromImpairment: false),
        "carer, one outcome" => Carer(false, CarerOutcome.Recreation),
        "carer, health at risk only" => Carer(true),
        "carer, nothing" => Carer(false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Confirm_Valid_DecidesWithTheRulesAndKeepsTheReasons(string assessment, bool judgement, string? advice, bool eligible)
    {
        var a = ValidNamed(assessment);

        var d = EligibilityDetermination.Confirm(a, judgement, "  The reason  ", advice, Practitioner, Now);

        d.Eligible.ShouldBe(eligible);
        d.AssessmentId.ShouldBe(a.Id);
        d.PersonId.ShouldBe(a.PersonId);
        d.Kind.ShouldBe(a.Kind);
        d.SignificantImpactOnWellbeing.ShouldBe(judgement);
        d.SignificantImpactReason.ShouldBe("The reason");
        d.Advice.ShouldBe(advice);
        d.ConfirmedAt.ShouldBe(Now);
        d.ConfirmedById.ShouldBe(Practitioner.UserId);
        d.ConfirmedByName.ShouldBe("Priya Shah");
        d.Reasons.Count.ShouldBe(3);
        d.Reasons.All(r => r.Met).ShouldBe(eligible);
        d.Reasons[2].Explanation.ShouldEndWith("The reason");
    }

    [Fact]
    public void Confirm_Draft_IsRefused()
    {
        var ex = Should.Throw<DomainException>(() => EligibilityDetermination.Confirm(Adult(2, complete: false), true, "Reason", null, Practitioner, Now));

        ex.ErrorCode.ShouldBe("eligibility-assessment-not-completed");
    }
}
