using PersonalBudgets.Web.Features.Dashboard;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>The dashboard's period: dates as people in the UK write them, and the quick periods counted from today.</summary>
public sealed class DashboardFilterTests
{
    [Theory]
    [InlineData("2026-04-01")]
    [InlineData("1/4/2026")]
    [InlineData("01/04/2026")]
    [InlineData("1-4-2026")]
    [InlineData("1.4.2026")]
    [InlineData("1 4 2026")]
    [InlineData("1 April 2026")]
    [InlineData(" 1  april 2026 ")]
    [InlineData("1 Apr 2026")]
    public void ReadDate_TakesTheDayBeforeTheMonth(string text) => DashboardFilter.ReadDate(text).ShouldBe(new DateOnly(2026, 4, 1));

    [Theory]
    [InlineData("")]
    [InlineData("31/2/2026")]
    [InlineData("4/31/2026")]
    [InlineData("2026-13-01")]
    [InlineData("1/4/26")]
    [InlineData("yesterday")]
    [InlineData("1/4/0200")]
    public void ReadDate_RefusesWhatIsNotARealDate(string text) => DashboardFilter.ReadDate(text).ShouldBeNull();

    [Fact]
    public void Periods_InDecember_AreCountedFromToday()
    {
        var periods = DashboardFilter.Periods(new DateOnly(2026, 12, 7)).ToDictionary(p => p.Label, p => (p.From, p.To));

        periods["The last 12 months"].ShouldBe((new DateOnly(2025, 12, 8), new DateOnly(2026, 12, 7)));
        periods["This financial year (2026 to 27) so far"].ShouldBe((new DateOnly(2026, 4, 1), new DateOnly(2026, 12, 7)));
        periods["The last financial year (2025 to 26)"].ShouldBe((new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31)));
        periods["The last quarter"].ShouldBe((new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)));
        periods["The last month"].ShouldBe((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Periods_InJanuaryToMarch_BelongToTheYearThatStartedLastApril()
    {
        var periods = DashboardFilter.Periods(new DateOnly(2027, 2, 15)).ToDictionary(p => p.Label, p => (p.From, p.To));

        periods["This financial year (2026 to 27) so far"].ShouldBe((new DateOnly(2026, 4, 1), new DateOnly(2027, 2, 15)));
        periods["The last quarter"].ShouldBe((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)));
        periods["The last month"].ShouldBe((new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31)));
    }
}
