using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Dashboard;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>
/// <see cref="DashboardService.OnOneSnapshotAsync{T}"/>, which each dashboard section is built in (ADR 0044): on PostgreSQL
/// one repeatable-read, read-only transaction without parallel workers, so a person added while a section is counted is
/// not half in its figures; the settings end with the section. SQLite builds the section as it is.
/// </summary>
public sealed class DashboardSnapshotTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record Settings(string Parallel, string Isolation, string ReadOnly);

    private static async Task<Settings> SettingsAsync(PersonalBudgetsDbContext db, CancellationToken ct)
    {
        async Task<string> Setting(string name) =>
            await db.Database.SqlQuery<string>($"SELECT current_setting({name}) AS \"Value\"").SingleAsync(ct);
        return new Settings(await Setting("max_parallel_workers_per_gather"), await Setting("transaction_isolation"), await Setting("transaction_read_only"));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ASection_CountsOnOneSnapshot_WithoutParallelWorkers_AndTheSettingsEndWithIt(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = await app.FactoryAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<DashboardService>();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();

        var (before, after, inside) = await dashboard.OnOneSnapshotAsync(async token =>
        {
            var first = await db.People.CountAsync(token);
            // Another user adds a person while the section is being counted.
            await app.NewNorthPersonAsync(provider);
            var second = await db.People.CountAsync(token);
            var settings = provider == DatabaseProvider.PostgreSQL ? await SettingsAsync(db, token) : null;
            return (first, second, settings);
        }, ct);
        var now = await app.QueryAsync(provider, people => people.People.CountAsync(ct));

        now.ShouldBe(before + 1);
        if (provider == DatabaseProvider.PostgreSQL)
        {
            after.ShouldBe(before, "the section's second count sees the snapshot of its first");
            inside.ShouldBe(new Settings("0", "repeatable read", "on"));
            db.Database.CurrentTransaction.ShouldBeNull();
            var outside = await SettingsAsync(db, ct);
            outside.Parallel.ShouldNotBe("0");
            outside.Isolation.ShouldBe("read committed");
            outside.ReadOnly.ShouldBe("off");
        }
        else
        {
            // SQLite: no transaction is opened for the section, so the later count sees the new person.
            after.ShouldBe(before + 1);
            db.Database.CurrentTransaction.ShouldBeNull();
        }
    }

    [Fact]
    public async Task ASection_OnPostgreSql_CannotWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = await app.FactoryAsync(DatabaseProvider.PostgreSQL);
        await using var scope = factory.Services.CreateAsyncScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<DashboardService>();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();

        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            dashboard.OnOneSnapshotAsync(token => db.Database.ExecuteSqlRawAsync("UPDATE \"Teams\" SET \"Name\" = \"Name\"", token), ct));
        error.SqlState.ShouldBe("25006"); // read_only_sql_transaction
    }
}
