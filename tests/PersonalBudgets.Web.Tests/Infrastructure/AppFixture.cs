using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>
/// One application per database provider, shared by the tests of one class (each class has its own databases).
/// Each application is started on first use.
/// </summary>
public sealed class AppFixture : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<DatabaseProvider, Task<PersonalBudgetsFactory>> factories = [];

    public Task<PersonalBudgetsFactory> FactoryAsync(DatabaseProvider provider)
    {
        lock (gate)
        {
            if (!factories.TryGetValue(provider, out var factory))
            {
                factory = StartAsync(provider);
                factories[provider] = factory;
            }

            return factory;
        }
    }

    /// <summary>A new browser (its own cookies) on the application for the provider.</summary>
    public async Task<Browser> BrowserAsync(DatabaseProvider provider) => (await FactoryAsync(provider)).CreateBrowser();

    /// <summary>A new browser signed in as a demo account.</summary>
    public async Task<Browser> SignedInAsync(DatabaseProvider provider, string email)
    {
        var browser = await BrowserAsync(provider);
        await browser.SignInAsync(email);
        return browser;
    }

    /// <summary>Runs a query against the application's database, for arranging and checking data.</summary>
    public async Task<T> QueryAsync<T>(DatabaseProvider provider, Func<PersonalBudgetsDbContext, Task<T>> query)
    {
        var factory = await FactoryAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
        return await query(db);
    }

    /// <summary>An application (not yet started) on a new, empty database of the provider's own.</summary>
    public static async Task<PersonalBudgetsFactory> NewFactoryAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var server = await PostgresServer.SharedAsync();
            return new PersonalBudgetsFactory(provider, await server.CreateDatabaseAsync(), null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"pb-test-{Guid.NewGuid():N}.db");
        return new PersonalBudgetsFactory(provider, $"Data Source={file}", file);
    }

    private static async Task<PersonalBudgetsFactory> StartAsync(DatabaseProvider provider)
    {
        // A copy of the run's seeded template: starting the host finds the migrations applied and the demo data present.
        var factory = await SeededDatabases.NewFactoryAsync(provider);
        await factory.StartOnItsOwnThreadAsync();
        var people = await QueryStartedAsync(factory, db => db.People.CountAsync());
        if (people == 0)
        {
            throw new InvalidOperationException($"The {provider} test application started without demo data: check DemoData:Seed.");
        }

        return factory;
    }

    private static async Task<T> QueryStartedAsync<T>(PersonalBudgetsFactory factory, Func<PersonalBudgetsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        List<Task<PersonalBudgetsFactory>> started;
        lock (gate)
        {
            started = [.. factories.Values];
            factories.Clear();
        }

        foreach (var task in started)
        {
            if (task.IsCompletedSuccessfully)
            {
                await task.Result.DisposeAsync();
            }
        }
    }
}

/// <summary>Both database providers: every test that touches the database runs on each.</summary>
public sealed class BothDatabases : TheoryData<DatabaseProvider>
{
    public BothDatabases()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.PostgreSQL);
    }
}

/// <summary>A person as the database holds them, for checking whole lists.</summary>
public sealed record DemoPerson(Guid Id, string DisplayName, string PersonIdentifier, string? NhsNumber, Guid? KeyWorkerId, IReadOnlyList<string> Teams)
{
    public bool InTeam(string team) => Teams.Contains(team);
}

public static class DemoPeople
{
    /// <summary>
    /// Every person with their current teams, in identifier order: for a test that checks a whole list (a team's
    /// people, the people a practitioner may see). A test that needs a person creates one (<see cref="Arrange.NewPerson"/>).
    /// </summary>
    public static Task<IReadOnlyList<DemoPerson>> AllAsync(this AppFixture app, DatabaseProvider provider) => app.QueryAsync(provider, async db =>
    {
        var people = await db.People.AsNoTracking().OrderBy(p => p.PersonIdentifier).ToListAsync();
        var allocations = await db.TeamAllocations.AsNoTracking().Where(a => a.EndedAt == null)
            .Join(db.Teams, a => a.TeamId, t => t.Id, (a, t) => new { a.PersonId, t.Name }).ToListAsync();
        return (IReadOnlyList<DemoPerson>)people.Select(p => new DemoPerson(p.Id, p.DisplayName, p.PersonIdentifier, p.NhsNumber, p.KeyWorkerId,
            allocations.Where(a => a.PersonId == p.Id).Select(a => a.Name).Order().ToList())).ToList();
    });
}
