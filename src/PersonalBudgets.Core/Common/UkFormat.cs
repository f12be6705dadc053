using System.Globalization;

namespace PersonalBudgets.Core.Common;

/// <summary>UK formats for dates and times on screen (e.g. "5 March 2026"); data uses ISO 8601.</summary>
public static class UkFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo UkTime = FindUkTimeZone();

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public static string Date(DateOnly? date) => date is null ? "" : Date(date.Value);

    public static string DateTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, UkTime);
        return local.ToString("d MMMM yyyy 'at' h:mmtt", Culture).Replace("AM", "am", StringComparison.Ordinal).Replace("PM", "pm", StringComparison.Ordinal);
    }

    public static string Money(decimal amount) => amount.ToString("£#,##0.00", Culture);

    private static TimeZoneInfo FindUkTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
