using System.Data;
using Microsoft.EntityFrameworkCore;

namespace PersonalBudgets.Data;

/// <summary>
/// A unit of work in a PostgreSQL transaction of its own, inside the execution strategy: the one place that opens such a
/// transaction for a lock (<see cref="OneAtATime"/>) or for settings (the dashboard's sections, ADR 0044).
/// </summary>
public static class OwnTransaction
{
    /// <summary>
    /// On PostgreSQL: begins a transaction at <paramref name="isolation"/>, sends <paramref name="first"/> (a lock, or
    /// settings that last for the transaction), runs <paramref name="work"/> and commits. A transient failure retries the
    /// whole, with what the context tracked in the failed try forgotten, so the work must start from the database. SQLite
    /// (one writer at a time, no parallel plans) runs the work as it is.
    /// </summary>
    public static async Task<T> InOwnTransactionAsync<T>(this PersonalBudgetsDbContext db, IsolationLevel isolation, string first,
        Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
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

            await using var transaction = await db.Database.BeginTransactionAsync(isolation, token);
            await db.Database.ExecuteSqlRawAsync(first, token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }
}
