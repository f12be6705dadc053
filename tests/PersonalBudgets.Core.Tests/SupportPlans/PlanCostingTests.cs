using PersonalBudgets.Core.SupportPlans;
using static PersonalBudgets.Core.Tests.SupportPlans.PlanBuilder;

namespace PersonalBudgets.Core.Tests.SupportPlans;

public sealed class PlanCostingTests
{
    private static readonly DateOnly Jan1 = new(2027, 1, 1);

    [Theory]
    [InlineData("16.00", "10", "160.00")]
    [InlineData("10.25", "1.5", "15.38")] // 15.375 rounds half away from zero
    [InlineData("2.25", "0.5", "1.13")] // 1.125: banker's rounding would give 1.12
    [InlineData("1.01", "0.5", "0.51")]
    [InlineData("0.05", "0.5", "0.03")]
    [InlineData("13.33", "0.25", "3.33")]
    [InlineData("0", "5", "0")]
    public void WeeklyCost_IsRoundedToThePennyHalfAwayFromZero(string unitCost, string units, string expected) =>
        PlanCosting.WeeklyCost(decimal.Parse(unitCost), decimal.Parse(units)).ShouldBe(decimal.Parse(expected));

    [Fact]
    public void Element_StoresItsRoundedWeeklyCost() => Element(10.25m, 1.5m).WeeklyCost.ShouldBe(15.38m);

    [Fact]
    public void PeakWeekly_AddsElementsInForceTogether()
    {
        PlanElement[] elements =
        [
            Element(100m, 1m, start: Jan1),
            Element(50m, 1m, start: Jan1.AddMonths(1), end: Jan1.AddMonths(2), description: "Gym"),
            Element(30m, 1m, start: Jan1.AddDays(45), description: "Course"),
        ];

        PlanCosting.PeakWeekly(elements).ShouldBe(180m);
        PlanCosting.PeakDay(elements).ShouldBe(Jan1.AddDays(45));
    }

    [Fact]
    public void PeakWeekly_DoesNotAddElementsThatFollowOneAnother()
    {
        PlanElement[] elements =
        [
            Element(100m, 1m, start: Jan1, end: new DateOnly(2027, 1, 31)),
            Element(120m, 1m, start: new DateOnly(2027, 2, 1)),
        ];

        PlanCosting.PeakWeekly(elements).ShouldBe(120m);
        PlanCosting.PeakDay(elements).ShouldBe(new DateOnly(2027, 2, 1));
    }

    [Fact]
    public void PeakWeekly_CountsAnElementOnItsLastDay()
    {
        PlanElement[] elements =
        [
            Element(100m, 1m, start: Jan1, end: new DateOnly(2027, 2, 1)),
            Element(120m, 1m, start: new DateOnly(2027, 2, 1), description: "Other"),
        ];

        PlanCosting.PeakWeekly(elements).ShouldBe(220m);
    }

    [Fact]
    public void PeakWeekly_OfNoElements_IsZero()
    {
        PlanCosting.PeakWeekly([]).ShouldBe(0m);
        PlanCosting.PeakDay([]).ShouldBeNull();
    }

    [Fact]
    public void ByDeployment_SplitsWhatIsInForceOnTheDay()
    {
        PlanElement[] elements =
        [
            Element(100m, 1m, Deployment.DirectPayment, start: Jan1, end: new DateOnly(2027, 1, 31)),
            Element(80m, 1m, Deployment.CouncilCommissioned, start: new DateOnly(2027, 1, 15), description: "Day service"),
            Element(20m, 1m, Deployment.IndividualServiceFund, start: new DateOnly(2027, 3, 1), description: "Later"),
        ];

        var split = PlanCosting.ByDeployment(elements, new DateOnly(2027, 1, 20));

        split[Deployment.DirectPayment].ShouldBe(100m);
        split[Deployment.CouncilCommissioned].ShouldBe(80m);
        split[Deployment.IndividualServiceFund].ShouldBe(0m);
        split[Deployment.CouncilManaged].ShouldBe(0m);
        split.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData("110", "100", "10.0")]
    [InlineData("90", "100", "-10.0")]
    [InlineData("520", "265.50", "95.9")]
    [InlineData("100.05", "100", "0.1")] // 0.05% rounds half away from zero to 0.1
    public void VariancePercent_IsTheDifferenceAsAPercentageOfTheIndicativeAmount(string plan, string indicative, string expected) =>
        PlanCosting.VariancePercent(decimal.Parse(plan), decimal.Parse(indicative)).ShouldBe(decimal.Parse(expected));

    [Fact]
    public void VariancePercent_WithoutAnIndicativeAmount_IsUnknown()
    {
        PlanCosting.VariancePercent(100m, null).ShouldBeNull();
        PlanCosting.VariancePercent(100m, 0m).ShouldBeNull();
        PlanCosting.NeedsVarianceReason(1000m, null, 10).ShouldBeFalse();
    }

    [Theory]
    [InlineData("110.00", false)] // exactly at the percentage
    [InlineData("90.00", false)]
    [InlineData("110.01", true)] // just above it
    [InlineData("89.99", true)]
    [InlineData("110.04", true)] // 10.04% is above 10%, though it shows as 10.0%
    [InlineData("100.00", false)]
    public void NeedsVarianceReason_OnlyAboveThePercentage(string plan, bool needed) =>
        PlanCosting.NeedsVarianceReason(decimal.Parse(plan), 100m, 10).ShouldBe(needed);

    [Fact]
    public void NeedsVarianceReason_AtZeroPercent_AnyDifference() =>
        PlanCosting.NeedsVarianceReason(100.01m, 100m, 0).ShouldBeTrue();

    [Fact]
    public void DoubleCounting_TheSameSupportWithOverlappingDates_IsReported()
    {
        var existing = Element(16m, 10m, start: Jan1, end: new DateOnly(2027, 6, 30));
        var candidate = Element(16m, 5m, start: new DateOnly(2027, 6, 1), description: " personal ASSISTANT ", provider: "a personal assistant ");

        var clash = PlanCosting.DoubleCounting(candidate, [existing]);

        clash.ShouldNotBeNull();
        clash.Field.ShouldBe("StartDate");
        clash.Message.ShouldBe("The dates overlap another element for the same support (\"Personal assistant\" from A personal assistant, 1 January 2027 to 30 June 2027), so it would be counted twice. Change the dates or the other element");
    }

    [Fact]
    public void DoubleCounting_OpenEndedOverlap_IsReported() =>
        PlanCosting.DoubleCounting(Element(16m, 5m, start: new DateOnly(2030, 1, 1)), [Element(16m, 10m, start: Jan1)])!.Message.ShouldContain("1 January 2027 onwards");

    [Fact]
    public void DoubleCounting_ElementsOnTheSameDay_Overlap() =>
        PlanCosting.DoubleCounting(Element(16m, 5m, start: new DateOnly(2027, 1, 31)), [Element(16m, 10m, start: Jan1, end: new DateOnly(2027, 1, 31))]).ShouldNotBeNull();

    [Fact]
    public void DoubleCounting_ADifferentProvider_IsNotDoubleCounting() =>
        PlanCosting.DoubleCounting(Element(16m, 5m, provider: "Another assistant"), [Element(16m, 10m)]).ShouldBeNull();

    [Fact]
    public void DoubleCounting_ADifferentKindOfSupport_IsNotDoubleCounting() =>
        PlanCosting.DoubleCounting(Element(16m, 5m, category: Core.SupportPlans.ServiceCategory.HomeSupport), [Element(16m, 10m)]).ShouldBeNull();

    [Fact]
    public void DoubleCounting_SequentialDates_AreNotDoubleCounting() =>
        PlanCosting.DoubleCounting(Element(16m, 5m, start: new DateOnly(2027, 2, 1)), [Element(16m, 10m, start: Jan1, end: new DateOnly(2027, 1, 31))]).ShouldBeNull();

    [Fact]
    public void DoubleCounting_TheElementBeingEdited_IsNotCompared()
    {
        var existing = Element(16m, 10m);

        PlanCosting.DoubleCounting(Element(17m, 10m, id: existing.Id), [existing]).ShouldBeNull();
    }
}
