using System.Data;
using System.Globalization;

namespace PersonalBudgets.Data;

/// <summary>
/// Work that must not run twice at once across every instance of the service: on PostgreSQL it runs in a transaction
/// that first takes a transaction-scoped advisory lock, so a second caller waits until the first has committed and then
/// sees what it wrote (each statement under READ COMMITTED takes a fresh snapshot). SQLite has one writer at a time and
/// runs the work as it is.
/// </summary>
public static class OneAtATime
{
    /// <summary>
    /// Runs <paramref name="work"/> holding the lock <paramref name="lockId"/> (any fixed number nothing else uses), in a
    /// transaction of its own (<see cref="OwnTransaction.InOwnTransactionAsync{T}"/>: a transient failure retries it whole).
    /// </summary>
    public static Task<T> OneAtATimeAsync<T>(this PersonalBudgetsDbContext db, long lockId, Func<CancellationToken, Task<T>> work, CancellationToken ct = default) =>
        db.InOwnTransactionAsync(IsolationLevel.ReadCommitted, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({lockId})"), work, ct);
}
