using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>
/// Databases that start with the migrations applied and the demo data seeded. Applying the migrations and seeding
/// costs seconds per database, and every test class has a database of its own on each provider: so the application
/// does it once per run per provider, on a template, and each class's database is a copy of that template (a file
/// copy on SQLite, <c>CREATE DATABASE ... TEMPLATE</c> on PostgreSQL). The application still starts on the copy as
/// it would in production: it finds the migrations applied and the demo data present, and goes on.
/// </summary>
public static class SeededDatabases
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<DatabaseProvider, Task<string>> Templates = [];

    /// <summary>An application (not yet started) on a new database of its own, copied from the seeded template.</summary>
    public static async Task<PersonalBudgetsFactory> NewFactoryAsync(DatabaseProvider provider)
    {
        var template = await TemplateAsync(provider);
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var server = await PostgresServer.SharedAsync();
            return new PersonalBudgetsFactory(provider, await server.CreateDatabaseAsync(template), null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"pb-test-{Guid.NewGuid():N}.db");
        File.Copy(template, file);
        return new PersonalBudgetsFactory(provider, $"Data Source={file}", file);
    }

    private static Task<string> TemplateAsync(DatabaseProvider provider)
    {
        lock (Gate)
        {
            if (!Templates.TryGetValue(provider, out var template) || template.IsFaulted || template.IsCanceled)
            {
                template = provider == DatabaseProvider.PostgreSQL ? PostgresTemplateAsync() : SqliteTemplateAsync();
                Templates[provider] = template;
            }

            return template;
        }
    }

    /// <summary>The template's file name.</summary>
    private static async Task<string> SqliteTemplateAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pb-template-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        var connectionString = $"Data Source={file}";
        await SeedAsync(new PersonalBudgetsFactory(DatabaseProvider.Sqlite, connectionString, sqliteFile: null));

        // The pool keeps the file open: close its connections so that the copies see every committed page.
        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        return file;
    }

    /// <summary>The template database's name.</summary>
    private static async Task<string> PostgresTemplateAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await SeedAsync(new PersonalBudgetsFactory(DatabaseProvider.PostgreSQL, connectionString, sqliteFile: null));

        // A database can be copied only while nobody is connected to it: close the application's pooled connections.
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await server.DisconnectAllAsync(database);
        return database;
    }

    /// <summary>Starts the application on the template (which migrates and seeds it), then stops it.</summary>
    private static async Task SeedAsync(PersonalBudgetsFactory factory)
    {
        await using (factory)
        {
            await factory.StartOnItsOwnThreadAsync();
        }
    }
}

public static class ApplicationStart
{
    /// <summary>
    /// Starts the application. WebApplicationFactory starts it synchronously, blocking until the app's start-up has
    /// run: do that wait on a thread of its own, not on a thread-pool thread that the start-up itself (its async
    /// database work) and the other tests' requests need.
    /// </summary>
    public static Task StartOnItsOwnThreadAsync(this WebApplicationFactory<Program> app, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Task.Factory.StartNew(app.StartServer, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
