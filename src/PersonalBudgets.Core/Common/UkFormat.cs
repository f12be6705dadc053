using System.Globalization;

namespace PersonalBudgets.Core.Common;

/// <summary>UK formats for dates and times on screen (e.g. "5 March 2026"); data uses ISO 8601.</summary>
public static class UkFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public static string Date(DateOnly? date) => date is null ? "" : Date(date.Value);

    /// <summary>The UK date on which an instant falls (not its UTC date).</summary>
    public static string Date(DateTimeOffset instant) => Date(UkTime.DateOf(instant));

    public static string DateTime(DateTimeOffset instant)
    {
        var local = UkTime.LocalOf(instant);
        return local.ToString("d MMMM yyyy 'at' h:mmtt", Culture).Replace("AM", "am", StringComparison.Ordinal).Replace("PM", "pm", StringComparison.Ordinal);
    }

    public static string Money(decimal amount) => amount.ToString("£#,##0.00", Culture);
}
