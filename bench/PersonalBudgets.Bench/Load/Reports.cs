using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PersonalBudgets.Bench.Load;

/// <summary>
/// The reporting jobs of issue 12, timed one at a time as their users run them (not under load): the implementation
/// dashboard for a team manager and an analyst, the people behind a figure, the CLD return's data-quality report and
/// file for a year, ASCOF 3D, and the analysis of a draft resource allocation system over every past indicative budget.
/// Each is asked for <c>--repeat</c> times after one warm-up; the table gives the median and the slowest against the
/// issue's target, and is written to <c>--output</c> (markdown) for bench/run.sh to put in docs/benchmarks.md.
/// </summary>
public static partial class Reports
{
    private sealed record Job(string Name, string Who, TimeSpan Target, Func<Task<HttpStatusCode>> Run);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var url = new Uri(options.Required("url"));
        var output = options.Required("output");
        var repeat = options.GetInt("repeat", 5);
        var password = options.Get("password", "Bench-password-2026");
        using var manager = await StaffClient.SignInAsync(url, options.Get("manager", "manager@bench.example"), password);
        using var analyst = await StaffClient.SignInAsync(url, options.Get("analyst", "analyst@bench.example"), password);
        using var admin = await StaffClient.SignInAsync(url, options.Get("admin", "admin@bench.example"), password);

        // The last quarter that has ended: the CLD return covers the twelve months up to it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var quarterEnd = LastQuarterEnd(today);
        var period = quarterEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // A figure's people: the first drill-down link the manager's dashboard offers.
        var dashboard = await manager.GetTextAsync("/Dashboard");
        var drill = DrillDown().Match(dashboard) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

        // A draft of the adults' resource allocation system to analyse: the one there is, or a copy of the published version.
        var draft = await Prepare.RasDraftAsync(admin);

        var returnsToken = await analyst.FormTokenAsync("/Returns/New");
        var jobs = new List<Job>
        {
            new("Dashboard, the last 12 months", "team manager", TimeSpan.FromSeconds(1), () => Get(manager, "/Dashboard")),
            new("Dashboard, the last 12 months, every team", "analyst", TimeSpan.FromSeconds(1), () => Get(analyst, "/Dashboard")),
            new("CLD data-quality report, a year to " + period, "analyst", TimeSpan.FromSeconds(10), () => Get(analyst, $"/Returns/Check?PeriodEnd={period}")),
            new("CLD file made and stored, a year to " + period, "analyst", TimeSpan.FromSeconds(10), () => analyst.PostFormAsync($"/Returns/Check?PeriodEnd={period}", returnsToken, new() { ["PeriodEnd"] = period })),
            new("ASCOF 3D (from the year's CLD rows; no target of its own: the return's)", "analyst", TimeSpan.FromSeconds(10), () => Get(analyst, "/Returns/Ascof")),
            new("RAS analysis of a draft over every past indicative budget", "administrator", TimeSpan.FromSeconds(2), () => Get(admin, $"{draft}/Analysis")),
        };
        if (drill is not null)
        {
            jobs.Insert(2, new("The people behind a dashboard figure", "team manager", TimeSpan.FromSeconds(1), () => Get(manager, drill)));
        }

        var table = new StringBuilder();
        table.AppendLine("| Job | As | Target | Median | Slowest | Runs |");
        table.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var job in jobs)
        {
            await job.Run(); // warm-up (JIT, plan caches)
            var times = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                var watch = Stopwatch.StartNew();
                var status = await job.Run();
                watch.Stop();
                if (status is not (HttpStatusCode.OK or HttpStatusCode.Redirect))
                {
                    throw new InvalidOperationException($"{job.Name} answered {(int)status}");
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var median = times[times.Count / 2];
            var line = $"| {job.Name} | {job.Who} | {Format(job.Target.TotalMilliseconds)} | {(median <= job.Target.TotalMilliseconds ? "" : "**")}{Format(median)}{(median <= job.Target.TotalMilliseconds ? "" : "**")} | {Format(times[^1])} | {repeat} |";
            Console.WriteLine(line);
            table.AppendLine(line);
        }

        await File.WriteAllTextAsync(output, table.ToString());
        return 0;
    }

    public static DateOnly LastQuarterEnd(DateOnly today)
    {
        var firstOfQuarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return firstOfQuarter.AddDays(-1);
    }

    private static async Task<HttpStatusCode> Get(StaffClient client, string path)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    private static string Format(double ms) => ms >= 1000 ? $"{ms / 1000:0.00} s" : $"{ms:0} ms";

    [GeneratedRegex("href=\"(/Dashboard/People[^\"]*)\"")]
    private static partial Regex DrillDown();
}
