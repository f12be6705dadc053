using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>
/// The built web app (PersonalBudgets.Web.dll of this test build's configuration) run as a process of its own with
/// real Kestrel on a free loopback port: for tests of several instances on one database. Its console output is kept
/// for the failure message; disposing kills it (and anything it started).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 2000;
    private readonly ConcurrentQueue<string> output = new();
    private readonly Process process;

    private AppProcess(string name, Process process, Uri? address)
    {
        Name = name;
        this.process = process;
        Address = address;
    }

    public string Name { get; }

    /// <summary>Where it listens (http on loopback), or null for a command that does not serve.</summary>
    public Uri? Address { get; }

    public IReadOnlyList<string> Output => output.ToList();

    public string OutputText => $"--- {Name} ---{Environment.NewLine}{string.Join(Environment.NewLine, output)}";

    /// <summary>Starts the app serving on a free port, with these settings as environment variables.</summary>
    public static AppProcess Serve(string name, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        return Start(name, settings, ["--urls", address.ToString().TrimEnd('/')], address);
    }

    /// <summary>Runs a command of the app (such as <c>migrate</c>) to its end; fails with its output unless it exits with 0.</summary>
    public static async Task RunAsync(string command, IReadOnlyDictionary<string, string> settings, TimeSpan limit)
    {
        await using var app = Start(command, settings, [command], null);
        try
        {
            await app.process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{command}' did not finish within {limit.TotalSeconds:0} s.{Environment.NewLine}{app.OutputText}");
        }

        app.process.WaitForExit(); // drains the output
        if (app.process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {app.process.ExitCode}.{Environment.NewLine}{app.OutputText}");
        }
    }

    /// <summary>Waits until /health/ready answers 200; fails with the output if the process exits or the limit passes.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before it was ready.{Environment.NewLine}{OutputText}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} at {Address} was not ready within {limit.TotalSeconds:0} s (last: {last}).{Environment.NewLine}{OutputText}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or would not die in time: nothing more a test can do.
        }

        process.Dispose();
    }

    private static AppProcess Start(string name, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> arguments, Uri? address)
    {
        var dll = WebAssemblyPath();
        var start = new ProcessStartInfo(DotnetHost())
        {
            // The content root (appsettings.json and wwwroot with the built front end): the web project's folder.
            WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(variable);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(name, process, address);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > OutputLinesKept && output.TryDequeue(out _))
        {
        }
    }

    /// <summary>The web project's own build output for the configuration and framework this test assembly was built in.</summary>
    private static string WebAssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent?.Name ?? "Release";
        for (var dir = testOutput; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PersonalBudgets.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "PersonalBudgets.Web", "bin", configuration, framework, "PersonalBudgets.Web.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new InvalidOperationException($"{dll} was not found. Build the solution first (dotnet build PersonalBudgets.slnx -c {configuration}).");
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds PersonalBudgets.slnx.");
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

/// <summary>
/// The load balancer in front of the instances, as the test's HttpClient sees it: the client talks https to one
/// address, and each request goes to the instance the test chose (<see cref="Target"/>) over http, with
/// X-Forwarded-Proto: https and X-Forwarded-For as a TLS-ending proxy on loopback sends them. Cookies (Secure ones
/// too) are kept for the https address, so one cookie jar is shared by every instance as a browser's would be.
/// </summary>
public sealed class LoadBalancerHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    public static readonly Uri PublicAddress = new("https://127.0.0.1");

    /// <summary>The instance the next requests go to.</summary>
    public Uri Target { get; set; } = target;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.RequestUri = new Uri(Target, original.PathAndQuery);
        request.Headers.Remove("X-Forwarded-Proto");
        request.Headers.Remove("X-Forwarded-For");
        request.Headers.Add("X-Forwarded-Proto", original.Scheme);
        request.Headers.Add("X-Forwarded-For", "192.0.2.10");
        var response = await base.SendAsync(request, cancellationToken);

        // The client's cookie handler files the answer's cookies under the address it asked for.
        request.RequestUri = original;
        return response;
    }
}
