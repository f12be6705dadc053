using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>
/// The real application on a real database of the given provider, in the Testing environment, with the demo
/// accounts and people seeded.
/// </summary>
public sealed class PersonalBudgetsFactory(DatabaseProvider provider, string connectionString, string? sqliteFile) : WebApplicationFactory<Program>
{
    public DatabaseProvider Provider => provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(DatabaseSettings.ProviderKey, provider.ToString());
        builder.UseSetting(DatabaseSettings.ConnectionStringKey, connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Seed", "true");
        // Uprating runs are worked by the tests themselves (UpratingTests), part by part, not by the background service.
        builder.UseSetting("Charging:UpratingPollSeconds", "0");
        // Every test signs in from one address: the person area's rate limit has its own test (PersonRateLimitTests).
        builder.UseSetting("Security:PersonCodeAttemptsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new TestOutputLoggerProvider()));

        // Requests run in the calling test's context, so the application's log lines reach that test's output.
        builder.ConfigureServices(services => services.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true));

        // Staff passwords are hashed with PBKDF2 at Identity's 100,000 iterations in the service (about 150 ms a hash on a
        // 2-core CI machine), and these tests sign staff in thousands of times: they test who may sign in, not what a hash
        // costs, so their hashes (the seeded template's too) use fewer. The browser tests run the service as it ships, and
        // SignInCostTests counts the hashes a sign-in makes.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    /// <summary>
    /// A client that behaves like one browser: it keeps cookies, and uses https because the session and antiforgery
    /// cookies are Secure outside Development. Redirects are not followed so tests can see them.
    /// </summary>
    public Browser CreateBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
