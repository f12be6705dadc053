using PersonalBudgets.Bench.Load;

namespace PersonalBudgets.Web.Tests.Features.Bench;

/// <summary>
/// The benchmark's reading of the PostgreSQL statement log (what becomes each page's pgbench script) and its
/// percentiles. A log written as PostgreSQL 15 writes it with log_line_prefix '%m [%p] &lt;%a&gt; '.
/// </summary>
public sealed class SqlCaptureTests
{
    private const string Log = """
        2026-12-06 19:13:32.001 UTC [101] <pb-service> LOG:  execute <unnamed>: SELECT s."UserId"
        	FROM "StaffSessions" AS s
        	WHERE s."Id" = $1
        	LIMIT 2
        2026-12-06 19:13:32.001 UTC [101] <pb-service> DETAIL:  parameters: $1 = '97d45a6d-10d9-4aeb-9d4d-5cfd7216d277'
        2026-12-06 19:13:32.002 UTC [102] <psql> LOG:  statement: select 1
        2026-12-06 19:13:32.003 UTC [101] <pb-service> LOG:  execute <unnamed>: SELECT p."Id" FROM "People" AS p WHERE p."Name" = $1 AND p."Note" = $10 LIMIT $2
        2026-12-06 19:13:32.003 UTC [101] <pb-service> DETAIL:  parameters: $1 = 'O''Brien', $2 = '25', $10 = NULL
        2026-12-06 19:13:32.004 UTC [101] <pb-service> LOG:  statement: BEGIN
        2026-12-06 19:13:32.005 UTC [101] <pb-service> LOG:  execute <unnamed>: INSERT INTO "StepOwnerChanges" ("Id", "PersonId", "StepId") VALUES ($1, $2, $3)
        2026-12-06 19:13:32.005 UTC [101] <pb-service> DETAIL:  parameters: $1 = '11111111-2222-4333-8444-555555555555', $2 = '97d45a6d-10d9-4aeb-9d4d-5cfd7216d277', $3 = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
        """;

    [Fact]
    public async Task ReadStatements_TakesTheServicesStatementsInOrder_WithTheirParametersWrittenIn()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Log.Replace("\r\n", "\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var statements = Capture.ReadStatements(file, 0, "pb-service");

            statements.Count.ShouldBe(4);
            statements[0].ShouldContain("FROM \"StaffSessions\" AS s");
            statements[0].ShouldContain("WHERE s.\"Id\" = '97d45a6d-10d9-4aeb-9d4d-5cfd7216d277'");
            statements[1].ShouldBe("SELECT p.\"Id\" FROM \"People\" AS p WHERE p.\"Name\" = 'O''Brien' AND p.\"Note\" = NULL LIMIT '25'");
            statements[2].ShouldBe("BEGIN");
            // A new row's key is fresh on every run of the script; the keys it refers to stay as they were.
            statements[3].ShouldBe("INSERT INTO \"StepOwnerChanges\" (\"Id\", \"PersonId\", \"StepId\") VALUES (gen_random_uuid(), '97d45a6d-10d9-4aeb-9d4d-5cfd7216d277', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee')");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ReadStatements_FromAnOffset_ReadsOnlyWhatCameAfter()
    {
        var file = Path.GetTempFileName();
        try
        {
            var text = Log.Replace("\r\n", "\n", StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
            var offset = System.Text.Encoding.UTF8.GetByteCount(text[..text.IndexOf("2026-12-06 19:13:32.004", StringComparison.Ordinal)]);

            Capture.ReadStatements(file, offset, "pb-service").First().ShouldBe("BEGIN");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(50, 50)]
    [InlineData(95, 95)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    public void Percentile_OfOneToAHundred_IsTheNearestRank(double percent, double expected) =>
        PgbenchFigures.Percentile(Enumerable.Range(1, 100).Select(i => (double)i).ToList(), percent).ShouldBe(expected);
}
