using Microsoft.EntityFrameworkCore;

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
    /// Runs <paramref name="work"/> holding the lock <paramref name="lockId"/> (any fixed number nothing else uses). A
    /// transient failure retries the whole work, with what the context tracked in the failed try forgotten, so the work
    /// must start from the database, not from entities tracked before it.
    /// </summary>
    public static async Task<T> OneAtATimeAsync<T>(this PersonalBudgetsDbContext db, long lockId, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (!db.Database.IsNpgsql())
        {
            return await work(ct);
        }

        var tries = 0;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            if (tries++ > 0)
            {
                db.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }
}
