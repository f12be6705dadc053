using System.Globalization;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Returns;

/// <summary>
/// A CLD reporting period: the rolling twelve months ending on the last day of a quarter (30 June, 30 September,
/// 31 December or 31 March), as every quarterly submission must be (cld-spec §3.1).
/// </summary>
public sealed record ReturnPeriod
{
    public DateOnly Start { get; }
    public DateOnly End { get; }

    private ReturnPeriod(DateOnly end)
    {
        End = end;
        Start = end.AddDays(1).AddMonths(-12);
    }

    public static bool IsQuarterEnd(DateOnly day) =>
        day.Month is 3 or 6 or 9 or 12 && day.Day == DateTime.DaysInMonth(day.Year, day.Month);

    /// <summary>The period ending on <paramref name="quarterEnd"/>; refuses a day that is not a quarter's last day.</summary>
    public static ReturnPeriod EndingOn(DateOnly quarterEnd) => IsQuarterEnd(quarterEnd)
        ? new ReturnPeriod(quarterEnd)
        : throw new DomainException("not-a-quarter-end", "Choose the last day of a quarter: 30 June, 30 September, 31 December or 31 March", "PeriodEnd");

    /// <summary>The latest quarter that has ended before <paramref name="today"/>.</summary>
    public static ReturnPeriod LatestEndedBefore(DateOnly today)
    {
        var end = new DateOnly(today.Year, ((today.Month - 1) / 3) * 3 + 1, 1).AddDays(-1);
        return new ReturnPeriod(end);
    }

    /// <summary>The last <paramref name="count"/> ended quarters, newest first, for a period picker.</summary>
    public static IReadOnlyList<ReturnPeriod> Recent(DateOnly today, int count)
    {
        var latest = LatestEndedBefore(today).End;
        return Enumerable.Range(0, count)
            .Select(i => new ReturnPeriod(new DateOnly(latest.Year, latest.Month, 1).AddMonths(-3 * i).AddMonths(1).AddDays(-1)))
            .ToList();
    }

    /// <summary>The quarter's name, e.g. "Q3 2026/27 (October to December 2026)"; financial years start in April.</summary>
    public string QuarterName
    {
        get
        {
            var quarter = End.Month switch { 6 => 1, 9 => 2, 12 => 3, _ => 4 };
            var fyStart = End.Month == 3 ? End.Year - 1 : End.Year;
            var first = End.AddDays(1).AddMonths(-3);
            var months = $"{first.ToString("MMMM", CultureInfo.InvariantCulture)} to {End.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
            return $"Q{quarter} {fyStart}/{(fyStart + 1) % 100:00} ({months})";
        }
    }

    public bool Contains(DateOnly day) => Start <= day && day <= End;

    /// <summary>Whether a span (open-ended when <paramref name="end"/> is null) overlaps the period.</summary>
    public bool Overlaps(DateOnly start, DateOnly? end) => start <= End && (end is null || end >= Start);
}
