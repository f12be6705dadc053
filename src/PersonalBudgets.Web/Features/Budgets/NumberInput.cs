using System.Globalization;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Web.Features.Budgets;

/// <summary>
/// Reads numbers typed into forms (kept as text so what was typed is shown back on an error). Money is pounds and
/// pence: up to 2 decimal places, never negative; a leading £ and thousands commas are accepted.
/// </summary>
public static class NumberInput
{
    private const NumberStyles Decimal = NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign;

    /// <summary>An amount of money, or null when blank (an error is added when <paramref name="required"/>).</summary>
    public static decimal? Money(string? text, string field, string label, bool required, List<FieldError> errors)
    {
        var t = Clean(text)?.TrimStart('£').Trim();
        if (string.IsNullOrEmpty(t))
        {
            if (required) errors.Add(new(field, $"Enter {label.ToLowerInvariant()}"));
            return null;
        }

        if (!decimal.TryParse(t, Decimal, CultureInfo.InvariantCulture, out var value) || t.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new(field, $"{label} must be an amount of money in pounds and pence, like 4.50"));
            return null;
        }

        if (value < 0)
        {
            errors.Add(new(field, $"{label} cannot be negative"));
            return null;
        }

        if (value != Math.Round(value, 2))
        {
            errors.Add(new(field, $"{label} must have no more than 2 decimal places (pounds and pence)"));
            return null;
        }

        if (value > 1_000_000m)
        {
            errors.Add(new(field, $"{label} must be £1,000,000 or less"));
            return null;
        }

        return value;
    }

    /// <summary>A percentage from 0 to 100 with up to 2 decimal places; blank is 0.</summary>
    public static decimal Percent(string? text, string field, string label, List<FieldError> errors)
    {
        var t = Clean(text)?.TrimEnd('%').Trim();
        if (string.IsNullOrEmpty(t))
        {
            return 0m;
        }

        if (!decimal.TryParse(t, Decimal, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(field, $"{label} must be a number from 0 to 100, like 10"));
            return 0m;
        }

        if (value is < 0 or > 100)
        {
            errors.Add(new(field, $"{label} must be from 0 to 100"));
            return 0m;
        }

        if (value != Math.Round(value, 2))
        {
            errors.Add(new(field, $"{label} must have no more than 2 decimal places"));
            return 0m;
        }

        return value;
    }

    /// <summary>A whole number (negative allowed: a draft may hold it, and publishing lists it as a problem).</summary>
    public static int? Whole(string? text, string field, string label, List<FieldError> errors)
    {
        var t = Clean(text);
        if (string.IsNullOrEmpty(t))
        {
            errors.Add(new(field, $"Enter {label.ToLowerInvariant()}"));
            return null;
        }

        if (!int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || Math.Abs((long)value) > 100_000)
        {
            errors.Add(new(field, $"{label} must be a whole number, like 5"));
            return null;
        }

        return value;
    }

    /// <summary>Shows a stored number as a form field value.</summary>
    public static string Show(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";

    public static string ShowPercent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Replace(" ", "", StringComparison.Ordinal);
}
