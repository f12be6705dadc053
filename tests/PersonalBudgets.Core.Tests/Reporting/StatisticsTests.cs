using PersonalBudgets.Core.Reporting;

namespace PersonalBudgets.Core.Tests.Reporting;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    [InlineData(0, 5, 0)]
    [InlineData(5, 5, 100)]
    [InlineData(1, 8, 12.5)]
    public void Rate_IsAPercentageToOnePlace(long numerator, long denominator, double expected) =>
        Statistics.Rate(numerator, denominator).ShouldBe((decimal)expected);

    [Fact]
    public void Rate_OfNothing_IsNull() => Statistics.Rate(0, 0).ShouldBeNull();

    [Fact]
    public void Median_OddAndEvenCounts()
    {
        Statistics.Median([9, 1, 5]).ShouldBe(5m);
        Statistics.Median([4, 1, 3, 10]).ShouldBe(3.5m);
        Statistics.Median(Array.Empty<int>()).ShouldBeNull();
    }

    [Fact]
    public void Percentile90_InterpolatesBetweenRanks()
    {
        // Ten values 1..10: rank (10-1) x 0.9 = 8.1, between 9 and 10.
        Statistics.Percentile(Enumerable.Range(1, 10), 90).ShouldBe(9.1m);
        Statistics.Percentile([7], 90).ShouldBe(7m);
        Statistics.Percentile([0, 100], 0).ShouldBe(0m);
        Statistics.Percentile([0, 100], 100).ShouldBe(100m);
    }

    [Fact]
    public void MoneyMediansAndPercentiles_InterpolateToThePenny()
    {
        decimal[] ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Statistics.Median([1m, 2m, 3m, 4m]).ShouldBe(2.5m);
        Statistics.Median([7m]).ShouldBe(7m);
        Statistics.Median(Array.Empty<decimal>()).ShouldBeNull();
        Statistics.Percentile(ten, 10).ShouldBe(1.9m); // rank 0.9, between 1 and 2
        Statistics.Percentile(ten, 90).ShouldBe(9.1m); // rank 8.1, between 9 and 10
        Statistics.Percentile([5m, 6m, 7m], 10).ShouldBe(5.2m); // rank 0.2
        Statistics.Percentile([0m, 0.01m], 50).ShouldBe(0.01m); // half a penny rounds away from zero
        Statistics.Percentile([-0.01m, 0m], 50).ShouldBe(-0.01m);
    }

    [Fact]
    public void Percentile_OutOfRange_Throws() => Should.Throw<ArgumentOutOfRangeException>(() => Statistics.Percentile([1], 101));

    [Theory]
    [InlineData("2000-06-15", "2018-06-14", AgeBand.Under18)]
    [InlineData("2000-06-15", "2018-06-15", AgeBand.From18To24)]
    [InlineData("1961-03-01", "2026-02-28", AgeBand.From55To64)]
    [InlineData("1961-03-01", "2026-03-01", AgeBand.From65To74)]
    [InlineData("1940-01-01", "2026-12-07", AgeBand.From75)]
    public void BandOf_CountsWholeYears(string born, string on, AgeBand expected) =>
        AgeBands.BandOf(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void DatesOfBirth_AgreeWithBandOf_AtTheEdges()
    {
        var on = new DateOnly(2026, 12, 7);
        foreach (var band in Enum.GetValues<AgeBand>())
        {
            var (from, to) = AgeBands.DatesOfBirth(band, on);
            AgeBands.BandOf(to!.Value, on).ShouldBe(band);
            if (band != AgeBand.Under18)
            {
                // A day younger is the band below (nobody is younger than under 18).
                AgeBands.BandOf(to.Value.AddDays(1), on).ShouldNotBe(band);
            }
            if (from is { } f)
            {
                AgeBands.BandOf(f, on).ShouldBe(band);
                AgeBands.BandOf(f.AddDays(-1), on).ShouldNotBe(band);
            }
        }
    }
}
