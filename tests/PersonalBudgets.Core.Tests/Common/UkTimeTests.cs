using Microsoft.Extensions.Time.Testing;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Common;

/// <summary>The UK day: dates shown and decided on are Europe/London dates, across both clock changes.</summary>
public sealed class UkTimeTests
{
    [Theory]
    // 00:30 British Summer Time on 16 July is 23:30 UTC on 15 July: the UK date is the 16th.
    [InlineData("2026-07-15T23:30:00Z", "2026-07-16")]
    [InlineData("2026-07-15T22:59:59Z", "2026-07-15")]
    [InlineData("2026-07-15T23:00:00Z", "2026-07-16")]
    // In winter the UK is on GMT: UTC and UK dates agree.
    [InlineData("2026-12-06T23:30:00Z", "2026-12-06")]
    [InlineData("2026-12-07T00:00:00Z", "2026-12-07")]
    // Clocks go forward at 01:00 UTC on 29 March 2026: just before, it is still GMT.
    [InlineData("2026-03-28T23:30:00Z", "2026-03-28")]
    [InlineData("2026-03-29T00:59:59Z", "2026-03-29")]
    [InlineData("2026-03-29T23:30:00Z", "2026-03-30")]
    // Clocks go back at 01:00 UTC on 25 October 2026: the evening before is still BST.
    [InlineData("2026-10-24T23:30:00Z", "2026-10-25")]
    [InlineData("2026-10-25T23:30:00Z", "2026-10-25")]
    public void DateOf_IsTheUkDate(string instant, string expected) =>
        UkTime.DateOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void UkToday_At0030OnASummerDate_IsThatDate_NotTheDayBefore()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 15, 23, 30, 0, TimeSpan.Zero));

        clock.UkToday().ShouldBe(new DateOnly(2026, 7, 16));
    }

    [Theory]
    [InlineData("2026-07-16", "2026-07-15T23:00:00Z")]
    [InlineData("2026-12-06", "2026-12-06T00:00:00Z")]
    // The day the clocks go forward starts on GMT; the day after starts on BST.
    [InlineData("2026-03-29", "2026-03-29T00:00:00Z")]
    [InlineData("2026-03-30", "2026-03-29T23:00:00Z")]
    // The day the clocks go back starts on BST; the day after starts on GMT.
    [InlineData("2026-10-25", "2026-10-24T23:00:00Z")]
    [InlineData("2026-10-26", "2026-10-26T00:00:00Z")]
    public void StartOf_IsUkMidnight(string date, string expected) =>
        UkTime.StartOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Format_OfAnInstant_ShowsTheUkDateAndTime()
    {
        var instant = new DateTimeOffset(2026, 7, 15, 23, 30, 0, TimeSpan.Zero);

        UkFormat.Date(instant).ShouldBe("16 July 2026");
        UkFormat.DateTime(instant).ShouldBe("16 July 2026 at 12:30am");
    }
}
