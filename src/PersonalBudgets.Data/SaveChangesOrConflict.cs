using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Data;

/// <summary>Who last changed a record and when, read after a save lost a race.</summary>
public sealed record LastChange(string By, DateTimeOffset At);

/// <summary>
/// The one way a service saves: when someone else got there first (a stale revision, or a unique index that caught
/// a duplicate made at the same moment) the caller gets a conflict with a plain message, never a 500.
/// </summary>
public static class SaveChangesOrConflictExtensions
{
    /// <summary>The error code of a duplicate caught by a unique index.</summary>
    public const string DuplicateCode = "duplicate";

    /// <summary>The message when a unique index catches a duplicate and the service has nothing more particular to say.</summary>
    public const string DuplicateMessage = "Someone else saved the same thing at the same moment. Reload the page to see it";

    /// <summary>
    /// Saves. If someone else saved the record between our read and our write (its revision moved on, or a unique
    /// index caught a row of it that they added at the same moment) the caller gets "This record was changed by X at
    /// Y", with X and Y read by <paramref name="lastChange"/>, a query that runs only then. When that record is not
    /// there (it was new, and a unique index refused it) the caller gets <see cref="DuplicateMessage"/>.
    /// </summary>
    public static Task SaveChangesOrConflictAsync(this PersonalBudgetsDbContext db, IQueryable<LastChange> lastChange,
        CancellationToken ct = default) =>
        db.SaveChangesOrConflictAsync(async (_, c) =>
            await lastChange.SingleOrDefaultAsync(c) is { } last
                ? new ConcurrencyConflictException(last.By, last.At)
                : new ConflictException(DuplicateCode, DuplicateMessage), ct);

    /// <summary>
    /// Saves a unit of work that adds records: if a unique index refuses one (someone else added the same "only one"
    /// record at the same moment) or a row we change moved on, the caller gets <see cref="DuplicateMessage"/>.
    /// </summary>
    public static Task SaveChangesOrDuplicateAsync(this PersonalBudgetsDbContext db, CancellationToken ct = default) =>
        db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException(DuplicateCode, DuplicateMessage)), ct);

    /// <summary>
    /// Saves. On a concurrency failure or a unique-index violation the change tracker is cleared (nothing of ours is
    /// kept) and the exception <paramref name="conflict"/> builds is thrown. Any other database error is not a race
    /// and is left alone.
    /// </summary>
    public static async Task SaveChangesOrConflictAsync(this PersonalBudgetsDbContext db,
        Func<SaveFailure, CancellationToken, Task<Exception>> conflict, CancellationToken ct = default)
    {
        SaveFailure failure;
        try
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        catch (DbUpdateConcurrencyException)
        {
            failure = SaveFailure.Concurrency;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            failure = SaveFailure.Duplicate;
        }

        db.ChangeTracker.Clear();
        throw await conflict(failure, ct);
    }

    /// <summary>True when a unique index (or primary key) refused the row, on SQLite or PostgreSQL.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>Why a save lost a race.</summary>
public enum SaveFailure
{
    /// <summary>The row's revision changed since it was read.</summary>
    Concurrency,

    /// <summary>A unique index caught a duplicate.</summary>
    Duplicate,
}
