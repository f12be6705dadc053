using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Charging;

/// <summary>The April uprating's rules: how a contribution moves, the reason and date of the new version, and which assessments it applies to.</summary>
public sealed class UpratingRulesTests
{
    private static readonly Actor Officer = new(Guid.NewGuid(), "Mark Ellis");

    [Theory]
    [InlineData("10", "10", UpratingChange.Same)]
    [InlineData("0", "0", UpratingChange.Same)]
    [InlineData("10", "12.50", UpratingChange.Up)]
    [InlineData("10", "7.25", UpratingChange.Down)]
    [InlineData("0", "2", UpratingChange.StartsPaying)]
    [InlineData("3.20", "0", UpratingChange.StopsPaying)]
    public void Classify_SaysWhoGoesUpOrDown_AndWhoStartsOrStopsPaying(string before, string after, UpratingChange expected) =>
        UpratingRules.Classify(decimal.Parse(before, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(after, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void ReasonAndDate_AreTheNewFinancialYears()
    {
        UpratingRules.Reason(2026).ShouldBe("Annual uprating 2026–27");
        UpratingRules.Reason(2099).ShouldBe("Annual uprating 2099–00");
        UpratingRules.EffectiveFrom(2026).ShouldBe(new DateOnly(2026, 4, 1));
    }

    [Fact]
    public void Recalculate_UnderANewPolicy_ChangesNothingOnTheAssessment_AndApplies_OnlyBeforeTheNewYear()
    {
        var policy = ChargingPolicyVersion.CreateDraft(1, "Test", ExampleChargingPolicies.For2025To2026, false, Officer, DateTimeOffset.UtcNow);
        policy.Publish(Officer, DateTimeOffset.UtcNow, null);
        var fa = FinancialAssessment.Start(Guid.NewGuid(), false, Officer.UserId, Officer.DisplayName, new DateOnly(2026, 1, 1), Officer, DateTimeOffset.UtcNow);
        fa.Record(new FinancialAssessmentInput(FinancialAssessmentType.Full, 300m, Income: [new IncomeItem(IncomeKind.UniversalCredit, null, 250m)]), fa.Revision);
        fa.Complete(policy, 300m, new DateOnly(2025, 6, 1), false, fa.Revision, Officer, DateTimeOffset.UtcNow, null);
        fa.WeeklyContribution.ShouldBe(250m - 112.50m);

        var next = ExampleChargingPolicies.For2025To2026 with { FinancialYearStart = 2026, Mig = ExampleChargingPolicies.For2025To2026.Mig with { SingleAged25ToPensionCreditAge = 122.50m } };
        fa.Recalculate(next, 300m, section117: false).Weekly.ShouldBe(250m - 122.50m);
        fa.Recalculate(next, 300m, section117: true).Weekly.ShouldBe(0m);
        fa.WeeklyContribution.ShouldBe(250m - 112.50m);

        UpratingRules.Applies(fa, 2026).ShouldBeTrue();
        UpratingRules.Applies(fa, 2025).ShouldBeFalse();
    }
}
