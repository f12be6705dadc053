using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace PersonalBudgets.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the built web app as a real process on a free loopback port, in Development with a fresh SQLite database
/// (the demo data seeds itself on first start), for the whole test assembly.
/// </summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    /// <summary>
    /// Start-up (migrations, demo data, then the server) is CPU work: on two cores shared with other builds it took
    /// more than 90 s while it logged progress all along. So a start fails when the app stops making progress (no
    /// output and no answer for this long), or exits, rather than at a fixed time; <see cref="StartLimit"/> bounds it.
    /// </summary>
    private static readonly TimeSpan StartStall = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(5);
    private const int OutputLinesKept = 300;

    /// <summary>
    /// Set PB_E2E_APP_LOG to a file to keep all the app's output with the time each line arrived (for investigating a
    /// slow run, with Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=Information for request timings).
    /// </summary>
    private static readonly string? AppLogFile = Environment.GetEnvironmentVariable("PB_E2E_APP_LOG") is { Length: > 0 } f ? f : null;

    private readonly ConcurrentQueue<string> output = new();
    private readonly string tempFolder = Path.Combine(Path.GetTempPath(), "pb-e2e-" + Guid.NewGuid().ToString("N"));
    private Process? process;
    private long lastOutputAt = Environment.TickCount64;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var repoRoot = RepositoryRoot();
        var webProject = Path.Combine(repoRoot, "src", "PersonalBudgets.Web");
        var webDll = WebAssemblyPath(webProject);
        Directory.CreateDirectory(tempFolder);

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__PersonalBudgets"] = $"Data Source={Path.Combine(tempFolder, "e2e.db")}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                // Already gone, or would not die in time: nothing more a test run can do.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(tempFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the system temp folder.
        }
    }

    /// <summary>The app's recent console output, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, output);

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer yet";
        while (deadline.Elapsed < StartLimit && TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastOutputAt)) < StartStall)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"The web app exited with code {process.ExitCode} before it was ready. Its output:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await WarmUpAsync();
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"The web app at {BaseAddress} did not answer 200 on /health/ready after {deadline.Elapsed.TotalSeconds:0} s, the last {StartStall.TotalSeconds:0} s of them " +
            $"without progress, or within {StartLimit.TotalMinutes:0} minutes (last: {last}). Its output:{Environment.NewLine}{RecentOutput}");
    }

    /// <summary>
    /// The first request to a fresh app compiles the page pipeline (layout, antiforgery, sign-in): do it once here, so
    /// that its cost is not charged to the first test's first page.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = StartStall };
        using var response = await http.GetAsync(new Uri("/Account/SignIn", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Exchange(ref lastOutputAt, Environment.TickCount64);
        if (AppLogFile is { } file)
        {
            lock (output)
            {
                File.AppendAllText(file, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}{Environment.NewLine}");
            }
        }

        output.Enqueue(line);
        while (output.Count > OutputLinesKept && output.TryDequeue(out _))
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PersonalBudgets.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds PersonalBudgets.slnx.");
    }

    /// <summary>The web app's build output for the configuration this test assembly was built in.</summary>
    private static string WebAssemblyPath(string webProject)
    {
        var metadata = typeof(AppServerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var configuration = metadata.GetValueOrDefault("Configuration") ?? "Debug";
        var framework = metadata.GetValueOrDefault("TargetFramework") ?? "net10.0";
        var expected = Path.Combine(webProject, "bin", configuration, framework, "PersonalBudgets.Web.dll");
        if (File.Exists(expected))
        {
            return expected;
        }

        // Any other layout (a RuntimeIdentifier folder, say): the newest build for this configuration.
        var configurationFolder = Path.Combine(webProject, "bin", configuration);
        var found = Directory.Exists(configurationFolder)
            ? Directory.EnumerateFiles(configurationFolder, "PersonalBudgets.Web.dll", SearchOption.AllDirectories)
                .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"PersonalBudgets.Web.dll was not found under {configurationFolder}. Build the solution first (dotnet build PersonalBudgets.slnx -c {configuration}).");
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
