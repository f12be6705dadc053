using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.Reporting;

/// <summary>The small pure sums behind the dashboard's figures (docs/adr/0027): rates, medians and percentiles.</summary>
public static class Statistics
{
    /// <summary>The share as a percentage rounded to one decimal place, or null when there is nothing to divide by.</summary>
    public static decimal? Rate(long numerator, long denominator)
    {
        if (numerator < 0 || denominator < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "A count cannot be negative.");
        }

        return denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The median (the mean of the middle two of an even count), or null for no values.</summary>
    public static decimal? Median(IEnumerable<int> values) => Percentile(values, 50);

    /// <summary>
    /// The percentile by linear interpolation between closest ranks (the method of Excel's PERCENTILE.INC and NumPy's
    /// default), so the 50th is the median; rounded to one decimal place (days); null for no values.
    /// </summary>
    public static decimal? Percentile(IEnumerable<int> values, int percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Percentile(values.Select(v => (decimal)v), percentile, 1);
    }

    /// <summary>The median of amounts of money, to the penny (the mean of the middle two of an even count), or null for none.</summary>
    public static decimal? Median(IEnumerable<decimal> amounts) => Percentile(amounts, 50, 2);

    /// <summary>The percentile of amounts of money, by the same interpolation, to the penny; null for none.</summary>
    public static decimal? Percentile(IEnumerable<decimal> amounts, int percentile) => Percentile(amounts, percentile, 2);

    private static decimal? Percentile(IEnumerable<decimal> values, int percentile, int decimals)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (percentile is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), "A percentile is from 0 to 100.");
        }

        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = (sorted.Length - 1) * percentile / 100m;
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        var value = sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }
}

/// <summary>Age bands for reporting (the 18 to 64 and 65 and over split of ASCOF, the working ages in tens).</summary>
public enum AgeBand
{
    [Display(Name = "Under 18")] Under18,
    [Display(Name = "18 to 24")] From18To24,
    [Display(Name = "25 to 34")] From25To34,
    [Display(Name = "35 to 44")] From35To44,
    [Display(Name = "45 to 54")] From45To54,
    [Display(Name = "55 to 64")] From55To64,
    [Display(Name = "65 to 74")] From65To74,
    [Display(Name = "75 and over")] From75,
}

public static class AgeBands
{
    private static readonly (AgeBand Band, int From, int? To)[] Ranges =
    [
        (AgeBand.Under18, 0, 17), (AgeBand.From18To24, 18, 24), (AgeBand.From25To34, 25, 34), (AgeBand.From35To44, 35, 44),
        (AgeBand.From45To54, 45, 54), (AgeBand.From55To64, 55, 64), (AgeBand.From65To74, 65, 74), (AgeBand.From75, 75, null),
    ];

    /// <summary>Age in whole years on a date (a birthday on 29 February falls on 28 February in other years).</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(age) > on ? age - 1 : age;
    }

    public static AgeBand BandOf(DateOnly dateOfBirth, DateOnly on)
    {
        // Born after the date (a record dated before the birth) counts as under 18 rather than failing.
        var age = Math.Max(0, AgeOn(dateOfBirth, on));
        return Ranges.Last(r => age >= r.From).Band;
    }

    /// <summary>
    /// The dates of birth of the people in the band on the date, as an inclusive range (null: no bound), so a database
    /// filters by a range instead of working out each age.
    /// </summary>
    public static (DateOnly? BornFrom, DateOnly? BornTo) DatesOfBirth(AgeBand band, DateOnly on)
    {
        var (_, from, to) = Ranges.Single(r => r.Band == band);
        // Aged at least "from": born on or before the date "from" years ago. At most "to": born after the date to+1 years ago.
        DateOnly? bornTo = on.AddYears(-from);
        DateOnly? bornFrom = to is { } t ? on.AddYears(-(t + 1)).AddDays(1) : null;
        return (bornFrom, bornTo);
    }
}
