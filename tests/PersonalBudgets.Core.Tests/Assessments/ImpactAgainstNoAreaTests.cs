using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>A significant impact on wellbeing judged while every wellbeing area is recorded as "no impact" is confirmed, and recorded.</summary>
public sealed class ImpactAgainstNoAreaTests
{
    private static readonly SpecifiedOutcome[] TwoOutcomes = [SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene];

    [Fact]
    public void SignificantImpact_WithEveryAreaAtNoImpact_IsRefusedUntilConfirmed()
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), WellbeingImpact.None, TwoOutcomes);

        var ex = Should.Throw<ValidationFailedException>(() => EligibilityDetermination.Confirm(a, true, "Taken together the needs leave her isolated", null, Priya.Actor(), Now));

        ex.Errors.ShouldBe([new FieldError(EligibilityDetermination.ConfirmNoAreaAffectedField,
            "Every wellbeing area in the assessment is recorded as no impact. Confirm that there is, or is likely to be, a significant impact on wellbeing, or change your answer")]);
    }

    [Fact]
    public void Confirmed_IsDecidedAndRecorded()
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), WellbeingImpact.None, TwoOutcomes);

        var d = EligibilityDetermination.Confirm(a, true, "Taken together the needs leave her isolated", null, Priya.Actor(), Now, confirmedDespiteNoAreaAffected: true);

        d.Eligible.ShouldBeTrue();
        d.ConfirmedImpactDespiteNoAreaAffected.ShouldBe(true);
    }

    [Fact]
    public void NoSignificantImpact_WithEveryAreaAtNoImpact_NeedsNoConfirmation()
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), WellbeingImpact.None, TwoOutcomes);

        var d = EligibilityDetermination.Confirm(a, false, "No effect on her wellbeing", "The community café", Priya.Actor(), Now);

        d.Eligible.ShouldBeFalse();
        d.ConfirmedImpactDespiteNoAreaAffected.ShouldBeNull();
    }

    [Theory]
    [InlineData(WellbeingImpact.Some)]
    [InlineData(WellbeingImpact.Significant)]
    public void SignificantImpact_WithSomeAreaAffected_NeedsNoConfirmation(WellbeingImpact impact)
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), impact, TwoOutcomes);

        var d = EligibilityDetermination.Confirm(a, true, "Reason", null, Priya.Actor(), Now, confirmedDespiteNoAreaAffected: false);

        d.ConfirmedImpactDespiteNoAreaAffected.ShouldBeNull();
    }
}
