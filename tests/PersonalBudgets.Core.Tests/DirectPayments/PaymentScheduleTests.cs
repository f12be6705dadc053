using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;

namespace PersonalBudgets.Core.Tests.DirectPayments;

/// <summary>The schedule arithmetic, case by case (issue 15's Tests section).</summary>
public sealed class PaymentScheduleTests
{
    private static readonly DateOnly Monday = new(2026, 1, 5);

    private static ScheduleTerms Terms(DateOnly start, decimal weekly, PaymentFrequency frequency = PaymentFrequency.FourWeekly,
        decimal contribution = 0m, DateOnly? end = null, DateOnly? anchor = null, RateChange[]? changes = null,
        Suspension[]? suspensions = null, OneOffPayment[]? oneOffs = null) =>
        new(start, frequency, [new RateChange(start, weekly, contribution), .. changes ?? []], oneOffs ?? [], suspensions ?? [], end, anchor ?? Monday);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void FirstPeriod_StartingMidCycle_IsPaidProRataByDays()
    {
        // The cycle starts on Monday 5 January; the agreement on Thursday 8 January: 25 days to Monday 2 February.
        var periods = PaymentSchedule.Periods(Terms(D(2026, 1, 8), 100m), D(2026, 2, 2));

        periods.Count.ShouldBe(2);
        periods[0].ShouldBe(new SchedulePeriod(D(2026, 1, 8), D(2026, 2, 2), 357.14m, 0m));
        periods[1].ShouldBe(new SchedulePeriod(D(2026, 2, 2), D(2026, 3, 2), 400.00m, 0m));
    }

    [Theory]
    [InlineData(PaymentFrequency.FourWeekly, 2026, 1, 5, 2026, 2, 2, 400.00)]
    [InlineData(PaymentFrequency.Weekly, 2026, 1, 5, 2026, 1, 12, 100.00)]
    [InlineData(PaymentFrequency.Monthly, 2026, 1, 1, 2026, 2, 1, 442.86)]
    public void FullPeriod_PaysTheRateForItsDays(PaymentFrequency frequency, int y, int m, int d, int ey, int em, int ed, decimal expected)
    {
        var period = PaymentSchedule.Periods(Terms(D(y, m, d), 100m, frequency), D(y, m, d)).Single();

        period.Start.ShouldBe(D(y, m, d));
        period.EndExclusive.ShouldBe(D(ey, em, ed));
        period.Amount.ShouldBe(expected);
    }

    [Fact]
    public void FourWeeklyPeriod_AcrossTheYearEnd_IsOnePeriodOfTwentyEightDays()
    {
        var anchor = D(2025, 12, 15);
        var periods = PaymentSchedule.Periods(Terms(anchor, 70m, anchor: anchor), D(2026, 1, 12));

        periods.Select(p => (p.Start, p.EndExclusive, p.Amount)).ShouldBe([(D(2025, 12, 15), D(2026, 1, 12), 280m), (D(2026, 1, 12), D(2026, 2, 9), 280m)]);
    }

    [Fact]
    public void FourWeeklyPeriod_OverALeapDay_StillPaysFourWeeks()
    {
        var anchor = D(2028, 2, 14);
        var period = PaymentSchedule.Periods(Terms(anchor, 70m, anchor: anchor), anchor).Single();

        period.EndExclusive.ShouldBe(D(2028, 3, 13));
        period.Days.ShouldBe(28);
        period.Amount.ShouldBe(280m);
    }

    [Theory]
    [InlineData(2028, 290.00)]
    [InlineData(2027, 280.00)]
    public void MonthlyPeriod_InFebruary_PaysItsDays_LeapYearOrNot(int year, decimal expected)
    {
        var start = D(year, 2, 1);
        PaymentSchedule.Periods(Terms(start, 70m, PaymentFrequency.Monthly), start).Single().Amount.ShouldBe(expected);
    }

    [Fact]
    public void MonthlyFirstPeriod_MidMonth_IsProRata()
    {
        var period = PaymentSchedule.Periods(Terms(D(2026, 3, 16), 70m, PaymentFrequency.Monthly), D(2026, 3, 16)).Single();

        period.EndExclusive.ShouldBe(D(2026, 4, 1));
        period.Amount.ShouldBe(160m);
    }

    [Fact]
    public void ChangeFromADate_SplitsThePeriodAtTheChange()
    {
        var changes = new[] { new RateChange(Monday.AddDays(10), 170m, 0m) };
        var periods = PaymentSchedule.Periods(Terms(Monday, 100m, changes: changes), Monday.AddDays(28));

        periods.Select(p => (p.Start, p.EndExclusive, p.Amount)).ShouldBe([
            (Monday, Monday.AddDays(10), 142.86m), // 10 days at £100 a week
            (Monday.AddDays(10), Monday.AddDays(28), 437.14m), // 18 days at £170 a week: £580 for the 28 days in all
            (Monday.AddDays(28), Monday.AddDays(56), 680.00m),
        ]);
    }

    [Fact]
    public void Suspension_PaysNothingForTheDaysSuspended()
    {
        var hospital = new Suspension(Monday.AddDays(7), Monday.AddDays(13));
        var period = PaymentSchedule.Periods(Terms(Monday, 70m, suspensions: [hospital]), Monday).Single();

        period.Amount.ShouldBe(210m);
    }

    [Fact]
    public void OpenSuspension_PaysNothingUntilItEnds()
    {
        var periods = PaymentSchedule.Periods(Terms(Monday, 70m, suspensions: [new Suspension(Monday.AddDays(14), null)]), Monday.AddDays(56));

        periods.Select(p => p.Amount).ShouldBe([140m, 0m, 0m]);
    }

    [Fact]
    public void Ending_PaysTheLastPeriodProRata_AndNothingAfter()
    {
        var periods = PaymentSchedule.Periods(Terms(Monday, 70m, end: Monday.AddDays(41)), Monday.AddDays(200));

        periods.Select(p => (p.Start, p.EndExclusive, p.Amount)).ShouldBe([(Monday, Monday.AddDays(28), 280m), (Monday.AddDays(28), Monday.AddDays(42), 140m)]);
    }

    [Theory]
    [InlineData(150, 50, 100)]
    [InlineData(150, 150, 0)]
    [InlineData(150, 200, 0)]
    [InlineData(150, 0, 150)]
    public void Net_IsGrossLessContribution_NeverBelowZero(decimal gross, decimal contribution, decimal net)
    {
        new RateChange(Monday, gross, contribution).NetWeekly.ShouldBe(net);
        PaymentSchedule.Periods(Terms(Monday, gross, PaymentFrequency.Weekly, contribution), Monday).Single().Amount.ShouldBe(net);
    }

    [Fact]
    public void StartUpPayment_IsPaidWithThePeriodItFallsIn()
    {
        var periods = PaymentSchedule.Periods(Terms(Monday, 70m, oneOffs: [new OneOffPayment(Monday.AddDays(3), 250m, "Start-up")]), Monday.AddDays(28));

        periods.Select(p => p.Amount).ShouldBe([530m, 280m]);
    }

    [Fact]
    public void SuspensionRecordedAfterPayment_IsTakenOffTheNextPeriod()
    {
        var paid = PaymentSchedule.Periods(Terms(Monday, 70m), Monday).Single();
        var later = Terms(Monday, 70m, suspensions: [new Suspension(Monday.AddDays(7), Monday.AddDays(13))]);

        var next = PaymentSchedule.Due(later, paid.EndExclusive, paid.Amount, Monday.AddDays(28)).Single();

        next.Adjustment.ShouldBe(-70m);
        next.Amount.ShouldBe(210m);
    }

    [Fact]
    public void ChangeBackdatedIntoAPaidPeriod_IsPaidAsACorrectionInTheNextPeriod()
    {
        var paid = PaymentSchedule.Periods(Terms(Monday, 70m), Monday).Single();
        var revised = Terms(Monday, 70m, changes: [new RateChange(Monday.AddDays(14), 140m, 0m)]);

        var next = PaymentSchedule.Due(revised, paid.EndExclusive, paid.Amount, Monday.AddDays(28)).Single();

        next.Adjustment.ShouldBe(140m);
        next.Amount.ShouldBe(560m + 140m);
    }

    [Fact]
    public void Due_ListsOnlyPeriodsStartingByTheRunDate()
    {
        PaymentSchedule.Due(Terms(Monday, 70m), null, 0m, Monday.AddDays(27)).Count.ShouldBe(1);
        PaymentSchedule.Due(Terms(Monday, 70m), null, 0m, Monday.AddDays(28)).Count.ShouldBe(2);
        PaymentSchedule.Due(Terms(Monday, 70m), null, 0m, Monday.AddDays(-1)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-1, 0, "GrossWeekly")]
    [InlineData(10.001, 0, "GrossWeekly")]
    [InlineData(10, -5, "GrossWeekly")]
    public void BadRates_AreRefused_NamingTheField(decimal gross, decimal contribution, string field)
    {
        var ex = Should.Throw<DomainException>(() => PaymentSchedule.Periods(Terms(Monday, gross, contribution: contribution), Monday));
        ex.Field.ShouldBe(field);
    }

    [Fact]
    public void EndBeforeStart_IsRefused() =>
        Should.Throw<DomainException>(() => PaymentSchedule.Periods(Terms(Monday, 70m, end: Monday.AddDays(-1)), Monday)).Field.ShouldBe("EndDate");
}
