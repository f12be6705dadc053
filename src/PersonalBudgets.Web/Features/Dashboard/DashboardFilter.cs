using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reporting;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>What the funnel is compared by: one column per team, profession, age band, gender or ethnicity.</summary>
public enum CompareBy
{
    [Display(Name = "Nothing (all together)")] Nothing,
    [Display(Name = "Team")] Team,
    [Display(Name = "Profession of the key worker")] Profession,
    [Display(Name = "Age band")] AgeBand,
    [Display(Name = "Gender")] Gender,
    [Display(Name = "Ethnicity")] Ethnicity,
}

/// <summary>
/// The dashboard's question: a period (UK dates, inclusive), narrowed to a team, a profession, an age band (on the
/// period's last day), a gender and an ethnicity, and compared by one of them. The same words make every link, so a
/// figure's list and its downloads answer exactly the question the page did.
/// </summary>
public sealed record DashboardFilter(DateOnly From, DateOnly To, Guid? TeamId, Profession? Profession, AgeBand? AgeBand, Gender? Gender, Ethnicity? Ethnicity, CompareBy Compare)
{
    /// <summary>The last 12 months to today.</summary>
    public static DashboardFilter Default(DateOnly today) => new(today.AddYears(-1).AddDays(1), today, null, null, null, null, null, CompareBy.Nothing);

    /// <summary>The query string's words for this filter, with any extra words (the figure, the step).</summary>
    public string Query(params (string Key, string? Value)[] extra)
    {
        var words = new List<(string, string?)>
        {
            ("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("team", TeamId?.ToString()),
            ("profession", Profession?.ToString()),
            ("age", AgeBand?.ToString()),
            ("gender", Gender?.ToString()),
            ("ethnicity", Ethnicity?.ToString()),
            ("compare", Compare == CompareBy.Nothing ? null : Compare.ToString()),
        };
        words.AddRange(extra);
        return string.Join('&', words.Where(w => !string.IsNullOrEmpty(w.Item2)).Select(w => $"{w.Item1}={Uri.EscapeDataString(w.Item2!)}"));
    }

    /// <summary>Reads the words <see cref="Query"/> writes; each word that is not one of its values is an error naming it.</summary>
    public static DashboardFilter Parse(Func<string, string?> read, DateOnly today, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(errors);
        var fallback = Default(today);
        var from = Date(read("from"), "from", "The start of the period", errors) ?? fallback.From;
        var to = Date(read("to"), "to", "The end of the period", errors) ?? fallback.To;
        if (from > to)
        {
            errors.Add(new FieldError("to", "The end of the period must be the same as or after its start"));
        }
        else if (to.DayNumber - from.DayNumber > 366 * 10)
        {
            errors.Add(new FieldError("from", "The period must be 10 years or shorter"));
        }

        Guid? team = null;
        if (read("team") is { Length: > 0 } t)
        {
            if (Guid.TryParse(t, out var id) && id != Guid.Empty)
            {
                team = id;
            }
            else
            {
                errors.Add(new FieldError("team", "Choose a team from the list"));
            }
        }

        return new DashboardFilter(from, to, team,
            Enumeration<Profession>(read("profession"), "profession", "Choose a profession from the list", errors),
            Enumeration<AgeBand>(read("age"), "age", "Choose an age band from the list", errors),
            Enumeration<Gender>(read("gender"), "gender", "Choose a gender from the list", errors),
            Enumeration<Ethnicity>(read("ethnicity"), "ethnicity", "Choose an ethnicity from the list", errors),
            Enumeration<CompareBy>(read("compare"), "compare", "Choose what to compare by from the list", errors) ?? CompareBy.Nothing);
    }

    private static DateOnly? Date(string? text, string field, string label, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ReadDate(text) is { } date)
        {
            return date;
        }

        errors.Add(new FieldError(field, $"{label} must be a real date, for example 1/4/2026, 1 April 2026 or 2026-04-01"));
        return null;
    }

    /// <summary>The ways people write a date here: the links' 2026-04-01, and the UK's 1/4/2026, 01/04/2026, 1 April 2026 and 1 Apr 2026.</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d M yyyy", "d MMMM yyyy", "d MMM yyyy"];

    /// <summary>A date as a person in the UK writes it (day before month), or null when it is not a real date.</summary>
    public static DateOnly? ReadDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return DateOnly.TryParseExact(words, DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 9000
            ? date
            : null;
    }

    /// <summary>
    /// The periods a manager most often asks about, each as a link: the last 12 months (the default), this and the last
    /// financial year (1 April to 31 March), the last quarter that has ended (the CLD return's), and the last month.
    /// </summary>
    public static IReadOnlyList<(string Label, DateOnly From, DateOnly To)> Periods(DateOnly today)
    {
        var yearStart = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(-3);
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return
        [
            ("The last 12 months", Default(today).From, today),
            ($"This financial year ({yearStart.Year} to {(yearStart.Year + 1) % 100:00}) so far", yearStart, today),
            ($"The last financial year ({yearStart.Year - 1} to {yearStart.Year % 100:00})", yearStart.AddYears(-1), yearStart.AddDays(-1)),
            ("The last quarter", quarterStart, quarterStart.AddMonths(3).AddDays(-1)),
            ("The last month", monthStart, monthStart.AddMonths(1).AddDays(-1)),
        ];
    }

    private static T? Enumeration<T>(string? text, string field, string message, List<FieldError> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Names only: a number would name whatever value happens to have it.
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        errors.Add(new FieldError(field, message));
        return null;
    }
}
