using System.Globalization;

namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>The three boxes of a GOV.UK date input, kept as typed so nothing entered is lost on an error.</summary>
public sealed class DateInput
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateInput From(DateOnly? date) => date is { } d
        ? new DateInput { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateInput();

    /// <summary>Parses the date, returning the GOV.UK-style error message when it is missing or not real.</summary>
    public (DateOnly? Date, string? Error) Parse(string label, bool required)
    {
        if (IsEmpty)
        {
            return (null, required ? $"Enter {label.ToLowerInvariant()}" : null);
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Day)) missing.Add("a day");
        if (string.IsNullOrWhiteSpace(Month)) missing.Add("a month");
        if (string.IsNullOrWhiteSpace(Year)) missing.Add("a year");
        if (missing.Count > 0)
        {
            return (null, $"{label} must include {string.Join(" and ", missing)}");
        }

        if (!int.TryParse(Day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(Month!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (null, $"{label} must be a real date");
        }

        if (Year.Trim().Length != 4)
        {
            return (null, "Year must include 4 numbers");
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, $"{label} must be a real date");
        }

        return (new DateOnly(year, month, day), null);
    }
}
