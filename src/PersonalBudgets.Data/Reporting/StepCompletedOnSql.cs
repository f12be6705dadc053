namespace PersonalBudgets.Data.Reporting;

/// <summary>
/// Fills <c>PathwaySteps.CompletedOn</c> (the UK day a step was completed) for steps completed before the column existed,
/// from <c>CompletedAt</c>. The migration that adds the column runs this text, and a test runs it against steps completed
/// either side of UK midnight in winter and summer time and either side of the clock changes. Changing it needs a new
/// migration; copy the text the older migration used into that migration first, so it keeps doing what it did.
/// </summary>
public static class StepCompletedOnSql
{
    /// <summary>PostgreSQL: the instant in the Europe/London zone, as a date.</summary>
    public const string PostgreSql = """
        UPDATE "PathwaySteps" SET "CompletedOn" = ("CompletedAt" AT TIME ZONE 'Europe/London')::date
        WHERE "CompletedAt" IS NOT NULL AND "CompletedOn" IS NULL;
        """;

    /// <summary>
    /// SQLite keeps a DateTimeOffset as EF Core's binary form: the local ticks divided by 1,000, shifted left 11 bits, with
    /// the offset in minutes (signed, 11 bits) below. This turns it into Unix seconds (UTC), and adds an hour when British
    /// Summer Time is in force: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
    /// </summary>
    public const string Sqlite = $"""
        UPDATE "PathwaySteps" SET "CompletedOn" = date({Seconds}, 'unixepoch',
            CASE WHEN datetime({Seconds}, 'unixepoch') >= datetime(date(strftime('%Y', {Seconds}, 'unixepoch') || '-03-31', '-6 days', 'weekday 0'), '+1 hour')
                  AND datetime({Seconds}, 'unixepoch') < datetime(date(strftime('%Y', {Seconds}, 'unixepoch') || '-10-31', '-6 days', 'weekday 0'), '+1 hour')
                 THEN '+1 hour' ELSE '+0 hours' END)
        WHERE "CompletedAt" IS NOT NULL AND "CompletedOn" IS NULL;
        """;

    private const string OffsetMinutes = """(CASE WHEN ("CompletedAt" & 2047) >= 1024 THEN ("CompletedAt" & 2047) - 2048 ELSE ("CompletedAt" & 2047) END)""";

    private const string Seconds = $"""((("CompletedAt" >> 11) * 1000 - {OffsetMinutes} * 600000000 - 621355968000000000) / 10000000)""";
}
