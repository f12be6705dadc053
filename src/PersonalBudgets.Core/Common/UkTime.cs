namespace PersonalBudgets.Core.Common;

/// <summary>
/// The one source of the UK day (Europe/London). Every date the service shows or decides on (today, due dates,
/// "overdue", the day something happened) is a UK date: between midnight and 1 am in British Summer Time the UTC
/// date is still yesterday, so taking the date of a UTC instant would be a day out.
/// </summary>
public static class UkTime
{
    /// <summary>The UK time zone (GMT in winter, BST in summer).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The UK date on which an instant falls.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(LocalOf(instant));

    /// <summary>The UK wall-clock time of an instant.</summary>
    public static DateTime LocalOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant a UK day begins (midnight UK time), for filtering stored instants by UK date.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Today in the UK, from the injected clock.</summary>
    public static DateOnly UkToday(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    private static TimeZoneInfo FindZone()
    {
        // IANA id on Linux and macOS (and Windows with ICU); the Windows id otherwise. Never a silent fall-back to
        // UTC: that would put every date shown or decided a day out for an hour each summer night.
        foreach (var id in new[] { "Europe/London", "GMT Standard Time" })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
            }
        }

        throw new InvalidOperationException("The UK time zone (Europe/London) is not available on this machine: install the time zone data (tzdata).");
    }
}
