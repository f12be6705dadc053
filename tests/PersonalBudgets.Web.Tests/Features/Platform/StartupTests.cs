using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

public sealed class StartupTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task HealthLive_WhenAnonymous_Is200(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var page = await browser.GetAsync("/health/live");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldBe("Healthy");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task HealthReady_WhenAnonymous_Is200AndChecksTheDatabase(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var page = await browser.GetAsync("/health/ready");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldBe("Healthy");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Startup_AppliesEveryMigrationAndUsesTheProvidersOwnContext(DatabaseProvider provider)
    {
        var factory = await app.FactoryAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();

        db.ShouldBeOfType(provider == DatabaseProvider.PostgreSQL ? typeof(PostgresPersonalBudgetsDbContext) : typeof(SqlitePersonalBudgetsDbContext));
        (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ShouldNotBeEmpty();
    }

    [Fact]
    public void SqliteModel_HasNoChangesWithoutAMigration()
    {
        var options = new DbContextOptionsBuilder<SqlitePersonalBudgetsDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqlitePersonalBudgetsDbContext(options);

        db.Database.HasPendingModelChanges().ShouldBeFalse("the model has changed: add a migration for SQLite (see Migrations/Sqlite)");
    }

    [Fact]
    public void PostgreSqlModel_HasNoChangesWithoutAMigration()
    {
        // Comparing the model with the last migration's snapshot needs no server.
        var options = new DbContextOptionsBuilder<PostgresPersonalBudgetsDbContext>().UseNpgsql("Host=localhost;Database=model_check").Options;
        using var db = new PostgresPersonalBudgetsDbContext(options);

        db.Database.HasPendingModelChanges().ShouldBeFalse("the model has changed: add a migration for PostgreSQL (see Migrations/PostgreSql)");
    }
}
