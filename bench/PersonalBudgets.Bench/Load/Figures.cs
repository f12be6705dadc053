using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PersonalBudgets.Bench.Load;

/// <summary>One line of results.jsonl: a page driven through the service (wrk) or its SQL driven through pgbench.</summary>
public sealed record Figure(
    string Source, string Page, string Mode, long Requests, double Seconds, double Rps,
    double P50, double P95, double P99, double Max, long Errors, long NotOk, long Spare = 0)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}

/// <summary>
/// Latency percentiles from pgbench's per-transaction logs (--log): the third column is the transaction's time in
/// microseconds. pgbench prints only the average, and the comparison needs p50, p95 and p99. Only transactions that
/// ended in the last --seconds of the run count, so pgbench has a warm-up like wrk's.
/// </summary>
public static partial class PgbenchFigures
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var prefix = options.Required("prefix");
        var seconds = double.Parse(options.Required("seconds"), CultureInfo.InvariantCulture);
        var output = await File.ReadAllTextAsync(options.Required("output"));
        var folder = Path.GetDirectoryName(Path.GetFullPath(prefix))!;
        var name = Path.GetFileName(prefix);
        var transactions = new List<(double Done, double Latency)>();
        foreach (var file in Directory.EnumerateFiles(folder, name + ".*").Where(f => LogFileSuffix().IsMatch(Path.GetFileName(f)[name.Length..])))
        {
            foreach (var line in File.ReadLines(file))
            {
                // client_id transaction_no time script_no time_epoch time_us [schedule_lag]
                var c = line.Split(' ');
                if (c.Length >= 6 && double.TryParse(c[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var micros)
                    && long.TryParse(c[4], CultureInfo.InvariantCulture, out var epoch) && long.TryParse(c[5], CultureInfo.InvariantCulture, out var epochMicros))
                {
                    transactions.Add((epoch + epochMicros / 1e6, micros / 1000));
                }
            }
        }

        // pgbench ran longer than the window (its clients connect first and warm up): count only the last 'seconds'.
        var end = transactions.Count == 0 ? 0 : transactions.Max(t => t.Done);
        var latencies = transactions.Where(t => t.Done >= end - seconds).Select(t => t.Latency).ToList();
        latencies.Sort();
        var failed = Count(FailedLine(), output) + Count(AbortedLine(), output);
        var figure = new Figure("sql", options.Required("page"), options.Required("mode"), latencies.Count, seconds, latencies.Count / seconds,
            Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99), latencies.Count == 0 ? 0 : latencies[^1],
            latencies.Count == 0 ? 1 : failed, 0);
        var json = JsonSerializer.Serialize(figure, Figure.Json);
        Console.WriteLine(json);
        await File.AppendAllTextAsync(options.Required("result"), json + "\n");
        return 0;
    }

    public static double Percentile(List<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static long Count(Regex pattern, string text)
    {
        var match = pattern.Match(text);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^\.\d+(\.\d+)?$")]
    private static partial Regex LogFileSuffix();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"(\d+) of \d+ clients? aborted|aborted in command", RegexOptions.IgnoreCase)]
    private static partial Regex AbortedLine();
}

/// <summary>The table of figures, as Markdown, from results.jsonl.</summary>
public static class Report
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var figures = File.ReadLines(options.Required("result"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<Figure>(l, Figure.Json)!)
            .ToList();
        var open = options.Get("open-label", "open loop");
        var closed = options.Get("closed-label", "closed loop");
        var statements = ReadStatements(Path.Combine(options.Required("dir"), "sql", "statements.tsv"));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"#### Each page alone: service against its own SQL through pgbench");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Page | SQL statements | {open}: service p50 / p95 / p99 ms (rate) | {open}: SQL p95 ms | {closed}: service req/s | p50 / p95 / p99 ms | {closed}: SQL tx/s | SQL p95 ms | p95 service ÷ SQL | errors |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var page in BenchPage.All)
        {
            var so = Find(figures, "service", page.Name, "open");
            var qo = Find(figures, "sql", page.Name, "open");
            var sc = Find(figures, "service", page.Name, "closed");
            var qc = Find(figures, "sql", page.Name, "closed");
            if (so is null && sc is null)
            {
                continue;
            }

            var errors = new[] { so, qo, sc, qc }.Sum(f => f is null ? 0 : f.Errors + f.NotOk);
            var spare = new[] { so, sc }.Sum(f => f?.Spare ?? 0);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {page.Description} | {statements.GetValueOrDefault(page.Name, "?")} | {Triple(so)} ({Rate(so)}/s) | {Ms(qo?.P95)} | {Rate(sc)} | {Triple(sc)} | {Rate(qc)} | {Ms(qc?.P95)} | {Ratio(sc?.P95, qc?.P95)} | {errors}{(spare > 0 ? $" ({spare} spare)" : "")} |");
        }

        var mixes = figures.Where(f => f.Page.StartsWith("mix", StringComparison.Ordinal))
            .GroupBy(f => (f.Page, f.Mode)).Select(g => g.Last()).ToList();
        if (mixes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("#### The whole mix at once");
            text.AppendLine();
            text.AppendLine("| Run | requests/s | p50 / p95 / p99 ms | errors |");
            text.AppendLine("|---|---|---|---|");
            foreach (var mix in mixes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {mix.Page} ({mix.Mode}) | {Rate(mix)} | {Triple(mix)} | {mix.Errors + mix.NotOk} |");
            }
        }

        var head = options.Get("head", "");
        var markdown = (head.Length > 0 ? await File.ReadAllTextAsync(head) : "") + text;
        Console.WriteLine(markdown);
        await File.WriteAllTextAsync(options.Required("out"), markdown);
        var docs = options.Get("docs", "");
        if (docs.Length > 0)
        {
            await WriteSectionAsync(docs, options.Required("section"), markdown);
        }

        return 0;
    }

    /// <summary>
    /// Puts the figures into the document between "&lt;!-- bench:NAME --&gt;" and "&lt;!-- /bench:NAME --&gt;", replacing
    /// what a run before wrote there, or at the end when the document has no such section yet.
    /// </summary>
    public static async Task WriteSectionAsync(string file, string name, string markdown)
    {
        var (start, end) = ($"<!-- bench:{name} -->", $"<!-- /bench:{name} -->");
        var text = File.Exists(file) ? await File.ReadAllTextAsync(file) : "# Benchmarks\n";
        var section = $"{start}\n{markdown.TrimEnd()}\n{end}";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + section + text[(to + end.Length)..]
            : text.TrimEnd() + "\n\n" + section + "\n";
        await File.WriteAllTextAsync(file, text);
    }

    private static Dictionary<string, string> ReadStatements(string file) =>
        !File.Exists(file) ? [] : File.ReadLines(file).Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => p[1] == p[2] ? p[1] : $"{p[1]}–{p[2]}", StringComparer.Ordinal);

    private static Figure? Find(List<Figure> figures, string source, string page, string mode) =>
        figures.LastOrDefault(f => f.Source == source && f.Page == page && f.Mode == mode);

    private static string Ms(double? value) => value is null ? "–" : value.Value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static string Triple(Figure? f) => f is null ? "–" : $"{Ms(f.P50)} / {Ms(f.P95)} / {Ms(f.P99)}";

    private static string Rate(Figure? f) => f is null ? "–" : f.Rps.ToString("0", CultureInfo.InvariantCulture);

    private static string Ratio(double? service, double? sql) =>
        service is null || sql is null || sql == 0 ? "–" : (service.Value / sql.Value).ToString("0.0", CultureInfo.InvariantCulture) + "×";
}
