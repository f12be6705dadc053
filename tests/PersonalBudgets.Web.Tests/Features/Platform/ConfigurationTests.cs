using System.Diagnostics;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>Start-up validates configuration: a wrong setting stops the real process with a message naming it.</summary>
public sealed class ConfigurationTests
{
    private static async Task<(int ExitCode, string Output)> StartAsync(params (string Name, string Value)[] environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PersonalBudgets.Web.dll");
        File.Exists(dll).ShouldBeTrue($"the web application should be built beside the tests ({dll})");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The application kept running with a wrong configuration instead of stopping.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Start_WithUnreachablePostgreSql_StopsNamingTheSettingButNotThePassword()
    {
        var (exitCode, output) = await StartAsync(
            ("Database__Provider", "PostgreSQL"),
            ("ConnectionStrings__PersonalBudgets", "Host=127.0.0.1;Port=1;Database=nowhere;Username=app;Password=NotThisSecret;Timeout=3"));

        exitCode.ShouldBe(1);
        output.ShouldContain("ConnectionStrings:PersonalBudgets");
        output.ShouldNotContain("NotThisSecret");
    }

    [Fact]
    public async Task Start_WithMalformedPostgreSqlConnectionString_StopsNamingTheSetting()
    {
        var (exitCode, output) = await StartAsync(("Database__Provider", "PostgreSQL"), ("ConnectionStrings__PersonalBudgets", "Host=;;==nonsense"));

        exitCode.ShouldBe(1);
        output.ShouldContain("ConnectionStrings:PersonalBudgets is not a valid PostgreSQL connection string");
    }

    [Fact]
    public async Task Start_WithPostgreSqlButNoConnectionString_StopsNamingTheSetting()
    {
        var (exitCode, output) = await StartAsync(("Database__Provider", "PostgreSQL"));

        exitCode.ShouldBe(1);
        output.ShouldContain("ConnectionStrings:PersonalBudgets");
    }

    [Fact]
    public async Task Start_WithUnknownProvider_StopsNamingTheSetting()
    {
        var (exitCode, output) = await StartAsync(("Database__Provider", "Oracle"));

        exitCode.ShouldBe(1);
        output.ShouldContain("Database:Provider");
        output.ShouldContain("Use Sqlite or PostgreSQL");
    }

    [Fact]
    public async Task Migrate_OnAFreshSqliteDatabase_AppliesMigrationsAndExits()
    {
        var folder = Directory.CreateTempSubdirectory("pb-migrate-");
        try
        {
            var (exitCode, output) = await StartAsyncWithArgs(folder.FullName);

            exitCode.ShouldBe(0, output);
            output.ShouldContain("Migrations applied.");
            File.Exists(Path.Combine(folder.FullName, "migrated.db")).ShouldBeTrue();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> StartAsyncWithArgs(string folder)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PersonalBudgets.Web.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "migrate"]) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__PersonalBudgets"] = $"Data Source={Path.Combine(folder, "migrated.db")}";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
