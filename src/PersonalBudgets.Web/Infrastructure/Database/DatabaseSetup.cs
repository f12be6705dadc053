using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Thrown at start-up when configuration is wrong; the message names the setting to fix.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:PersonalBudgets";

    /// <summary>Reads and validates the database settings, failing with a message that names the setting.</summary>
    public static DatabaseSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var providerText = configuration[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new ConfigurationException(
                $"The setting {ProviderKey} (environment variable Database__Provider) is '{providerText}'. Use Sqlite or PostgreSQL.");
        }

        var connectionString = configuration[ConnectionStringKey];
        var migrate = configuration.GetValue("Database:MigrateOnStartup", environment.IsDevelopment() || environment.IsEnvironment("Testing"));

        if (provider == DatabaseProvider.PostgreSQL)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new ConfigurationException(
                    $"{ProviderKey} is PostgreSQL but {ConnectionStringKey} (environment variable ConnectionStrings__PersonalBudgets) is not set. Set it to a connection string such as 'Host=db;Database=personal_budgets;Username=app;Password=…'.");
            }

            try
            {
                var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
                // The app keeps no session state on a connection (no SET, temporary tables, prepared statements or
                // session advisory locks), so Npgsql's DISCARD ALL before each reuse of a pooled connection is pure
                // overhead: half of all statements under load. Off unless the operator's string says otherwise.
                var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
                    .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToList();
                if (!given.Any(k => string.Equals(k, "NoResetOnClose", StringComparison.OrdinalIgnoreCase)))
                {
                    npgsql.NoResetOnClose = true;
                }

                // PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high, as the reporting
                // queries' is at a region's scale: 35 to 80 ms of compiling for queries that then run in 100 to 400 ms.
                // The service runs many such queries, never one for minutes, so JIT is off unless the operator's
                // string sets its own server options (ADR 0036).
                if (!given.Any(k => string.Equals(k, "Options", StringComparison.OrdinalIgnoreCase)))
                {
                    npgsql.Options = "-c jit=off";
                }

                connectionString = npgsql.ConnectionString;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ConfigurationException(
                    $"The setting {ConnectionStringKey} is not a valid PostgreSQL connection string: {ex.Message}", ex);
            }

            return new DatabaseSettings(provider, connectionString, migrate);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var folder = Path.Combine(environment.ContentRootPath, "data");
            connectionString = $"Data Source={Path.Combine(folder, "personal-budgets.db")}";
        }

        try
        {
            var sqlite = new DbConnectionStringBuilder { ConnectionString = connectionString };
            if (sqlite.TryGetValue("Data Source", out var source) && source is string path && !path.StartsWith(':'))
            {
                var full = Path.GetFullPath(path, environment.ContentRootPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                sqlite["Data Source"] = full;
                connectionString = sqlite.ConnectionString;
            }
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"The setting {ConnectionStringKey} is not a valid SQLite connection string: {ex.Message}", ex);
        }

        return new DatabaseSettings(provider, connectionString, migrate);
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({new DbConnectionStringBuilder { ConnectionString = ConnectionString }["Data Source"]})"
        : $"PostgreSQL ({new NpgsqlConnectionStringBuilder(ConnectionString).Host}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database})";
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddPersonalBudgetsDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.PostgreSQL)
        {
            services.AddDbContext<PersonalBudgetsDbContext, PostgresPersonalBudgetsDbContext>(o =>
                o.UseNpgsql(settings.ConnectionString, n => n.ExecutionStrategy(d => new WholeUnitRetryingExecutionStrategy(d))));
        }
        else
        {
            services.AddDbContext<PersonalBudgetsDbContext, SqlitePersonalBudgetsDbContext>(o =>
                o.UseSqlite(settings.ConnectionString));
        }

        return services;
    }

    /// <summary>
    /// Checks the database can be reached and applies migrations when asked. A failure stops start-up with a
    /// message naming the setting (never the password).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool migrate, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
        try
        {
            if (settings.Provider == DatabaseProvider.PostgreSQL)
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            if (migrate)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException or RetryLimitExceededException)
        {
            throw new ConfigurationException(
                $"Could not use the {settings.Provider} database set by {DatabaseSettings.ConnectionStringKey} ({settings.Describe()}): {ex.GetBaseException().Message}", ex);
        }
    }
}
