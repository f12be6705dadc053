using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace PersonalBudgets.Data;

/// <summary>Recognises a database that cannot be reached just now, as opposed to a fault in the request or the code.</summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// True when the exception (or one it wraps) says the database is unreachable or busy for the moment: the retries
    /// ran out, the connection was refused or dropped, the server is shutting down or starting, or SQLite stayed busy
    /// or locked beyond its timeout. Such a request can be tried again later.
    /// </summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow:
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                case DbException { IsTransient: true } when e is not PostgresException:
                    return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Npgsql's retrying execution strategy, where the unit of work allows it. A query or a <c>SaveChanges</c> on its own
/// is a whole unit (SaveChanges runs in its own transaction), so a transient failure is retried a few times, briefly.
/// Inside a transaction the service began itself (an account change with its roles, the escalation batch, an API
/// request made with an Idempotency-Key) a single statement cannot be retried on its own without splitting the unit,
/// so nothing is retried there: the transaction rolls back, the caller gets 503 with Retry-After, and retrying the whole
/// request is safe. (The stock strategy refuses user transactions outright unless each is wrapped in
/// <c>ExecuteAsync</c>, which would re-run code that is not written to run twice.)
/// </summary>
public sealed class WholeUnitRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    public const int MaxRetries = 3;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private bool InUserTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

    public override TResult Execute<TState, TResult>(TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded) =>
        InUserTransaction ? operation(Dependencies.CurrentContext.Context, state) : base.Execute(state, operation, verifySucceeded);

    public override Task<TResult> ExecuteAsync<TState, TResult>(TState state, Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded, CancellationToken cancellationToken = default) =>
        InUserTransaction ? operation(Dependencies.CurrentContext.Context, state, cancellationToken) : base.ExecuteAsync(state, operation, verifySucceeded, cancellationToken);
}
