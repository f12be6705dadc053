using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run, started from the Debian server binaries: one server per run,
/// one database per test class. It fails (never skips) when PostgreSQL is not installed.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinariesRoot = "/usr/lib/postgresql";
    private const string ServiceUser = "postgres";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? shared;

    private readonly string root;
    private readonly string binDirectory;
    private readonly bool runAsServiceUser;
    private bool stopped;
    private string options = "";

    private PostgresServer(string root, string binDirectory, bool runAsServiceUser, int port)
    {
        this.root = root;
        this.binDirectory = binDirectory;
        this.runAsServiceUser = runAsServiceUser;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(root, "data");
    private string SocketDirectory => Path.Combine(root, "sock");
    private string LogFile => Path.Combine(root, "server.log");

    /// <summary>The server shared by every test class, started on first use.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is null)
            {
                shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.StopAsync().AsTask().GetAwaiter().GetResult();
            }

            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async ValueTask StopSharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is not null)
            {
                await shared.StopAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>
    /// Creates a database with a unique name and returns its connection string: empty, or a copy of the named template
    /// database (which nobody may be connected to).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = "pb_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync("CREATE DATABASE \"" + name + "\"" + (template is null ? "" : " TEMPLATE \"" + template + "\""));
        return ConnectionString(name);
    }

    /// <summary>Closes every connection to a database, so that it can be copied as a template.</summary>
    public Task DisconnectAllAsync(string database) =>
        ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.Replace("'", "''", StringComparison.Ordinal) + "' AND pid <> pg_backend_pid()");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var runAsServiceUser = Environment.IsPrivilegedProcess;
        var root = Path.Combine(Path.GetTempPath(), "pb-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        var server = new PostgresServer(root, bin, runAsServiceUser, FreePort());
        try
        {
            if (runAsServiceUser)
            {
                // initdb refuses to run as root: the cluster belongs to the postgres user that the Debian package creates.
                await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root], $"The user '{ServiceUser}' is missing. Install the Debian package postgresql (apt-get install postgresql).");
            }

            await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "--auth=trust", "-U", ServiceUser, "-E", "UTF8", "--locale=C", "--no-sync"]);
            server.options = string.Join(' ',
                $"-p {server.Port.ToString(CultureInfo.InvariantCulture)}",
                $"-k {server.SocketDirectory}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=1000");
            await server.ResumeAsync();
            return server;
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>
    /// A server of its own, for a test that stops and starts it (a database restart) without disturbing the others.
    /// Dispose it to stop it and delete its files.
    /// </summary>
    public static Task<PostgresServer> StartPrivateAsync() => StartAsync();

    /// <summary>Stops the server as an administrator's restart does (fast shutdown), keeping its data.</summary>
    public Task PauseAsync() => RunToolAsync("pg_ctl", ["-w", "-D", DataDirectory, "-m", "fast", "stop"]);

    /// <summary>Starts the server (again) on the same port.</summary>
    public Task ResumeAsync() => RunToolAsync("pg_ctl", ["-w", "-t", "120", "-D", DataDirectory, "-l", LogFile, "-o", options, "start"]);

    public ValueTask DisposeAsync() => StopAsync();

    private async ValueTask StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        try
        {
            await RunToolAsync("pg_ctl", ["-w", "-D", DataDirectory, "-m", "fast", "stop"]);
        }
        finally
        {
            TryDelete(root);
        }
    }

    private static string FindBinaries()
    {
        var bin = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(d => (Directory: d, Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => d.Version >= 0)
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "bin"))
                .FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            : null;
        return bin ?? throw new InvalidOperationException(
            $"The PostgreSQL server binaries (initdb and pg_ctl) were not found under {BinariesRoot}/*/bin. " +
            "Install the Debian package postgresql (apt-get install postgresql; ./test.sh does this). " +
            "Every database test runs on PostgreSQL as well as SQLite, so these tests fail rather than skip without it.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binDirectory, tool);
        return runAsServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], LogTail())
            : RunAsync(path, arguments, LogTail());
    }

    private string LogTail()
    {
        try
        {
            return File.Exists(LogFile) ? "Server log:\n" + string.Join('\n', File.ReadLines(LogFile).TakeLast(30)) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string hint)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.\n{await stdout}\n{await stderr}\n{hint}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Stops the shared PostgreSQL server when the test run ends.</summary>
public sealed class PostgresServerLifetime : IAsyncDisposable
{
    public ValueTask DisposeAsync() => PostgresServer.StopSharedAsync();
}
