using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Npgsql;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// The PostgreSQL connection string the app uses: pooled connections are not reset (DISCARD ALL) before reuse, since the
/// app keeps no session state on them, and PostgreSQL's JIT compilation is off (ADR 0036), unless the operator's string
/// says otherwise.
/// </summary>
public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings Settings(string connectionString) => DatabaseSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "PostgreSql",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build(),
        new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });

    [Fact]
    public void PostgreSql_WithoutTheSetting_DoesNotResetPooledConnections_AndKeepsTheRest()
    {
        var settings = new NpgsqlConnectionStringBuilder(Settings("Host=db;Database=pb;Username=app;Password=secret;Maximum Pool Size=50").ConnectionString);

        settings.NoResetOnClose.ShouldBeTrue();
        settings.Host.ShouldBe("db");
        settings.Database.ShouldBe("pb");
        settings.Username.ShouldBe("app");
        settings.Password.ShouldBe("secret");
        settings.MaxPoolSize.ShouldBe(50);
    }

    [Theory]
    [InlineData("Host=db;Database=pb;No Reset On Close=false")]
    [InlineData("Host=db;Database=pb;noresetonclose=false")]
    public void PostgreSql_WhenTheOperatorSetsIt_KeepsTheirChoice(string connectionString) =>
        new NpgsqlConnectionStringBuilder(Settings(connectionString).ConnectionString).NoResetOnClose.ShouldBeFalse();

    [Fact]
    public void PostgreSql_WithoutServerOptions_TurnsJitOff() =>
        new NpgsqlConnectionStringBuilder(Settings("Host=db;Database=pb;Username=app").ConnectionString).Options.ShouldBe("-c jit=off");

    [Theory]
    [InlineData("Host=db;Database=pb;Options=-c statement_timeout=30000", "-c statement_timeout=30000")]
    [InlineData("Host=db;Database=pb;options=-c jit=on", "-c jit=on")]
    public void PostgreSql_WhenTheOperatorSetsServerOptions_KeepsTheirs(string connectionString, string options) =>
        new NpgsqlConnectionStringBuilder(Settings(connectionString).ConnectionString).Options.ShouldBe(options);
}
