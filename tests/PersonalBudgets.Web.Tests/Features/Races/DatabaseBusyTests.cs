using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Web.Infrastructure.Errors;

namespace PersonalBudgets.Web.Tests.Features.Races;

/// <summary>
/// SQLite serialises writers and waits while the database is locked; if it is still locked when the command times out
/// the answer is 503 (try again), not 500.
/// </summary>
public sealed class DatabaseBusyTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void SqliteBusyOrLocked_AfterTheTimeout_Is503ServiceUnavailable(int sqliteErrorCode)
    {
        var busy = new SqliteException("database is locked", sqliteErrorCode);

        foreach (var thrown in new Exception[] { busy, new DbUpdateException("An error occurred while saving the entity changes.", busy) })
        {
            var answer = ErrorClassifier.Classify(thrown);
            answer.Status.ShouldBe(503);
            answer.ErrorCode.ShouldBe("service-unavailable");
        }
    }

    [Fact]
    public void OtherSqliteErrors_AreNotBusy() =>
        ErrorClassifier.Classify(new SqliteException("disk I/O error", 10)).Status.ShouldBe(500);
}
