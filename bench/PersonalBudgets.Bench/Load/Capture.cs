using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PersonalBudgets.Bench.Load;

/// <summary>
/// Records the SQL each page sends, as EF Core and Npgsql send it, by asking for the page once at a time while
/// PostgreSQL logs every statement (log_statement = all), and writes each request's statements as a pgbench script
/// with the parameters written in as literals. New rows' keys become gen_random_uuid() so that a script can be run
/// again and again.
/// </summary>
public static partial class Capture
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var url = new Uri(options.Required("url"));
        var dir = options.Required("dir");
        var log = options.Required("log");
        var application = options.Get("application", "pb-service");
        var perPage = options.GetInt("per-page", 10);
        var counts = new List<string>();

        foreach (var page in BenchPage.All)
        {
            var cookie = await File.ReadAllTextAsync(Path.Combine(dir, $"cookie-{page.Role}.txt"));
            var targets = page.Kind == "reallocate"
                ? File.ReadAllLines(Path.Combine(dir, "targets", "reallocate-capture.txt"))
                : File.ReadAllLines(Prepare.TargetsFile(dir, page.Name));
            var output = Path.Combine(dir, "sql", page.Name);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.CreateDirectory(output);
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = url };
            var statements = new List<int>();
            // A step is reallocated once here (its revision then moves on), so the write is captured at most once per step.
            var requests = page.Kind == "reallocate" ? Math.Min(perPage, targets.Length) : perPage;
            for (var i = 0; i < requests; i++)
            {
                var target = targets[i % targets.Length];
                var before = new FileInfo(log).Length;
                using (var request = BuildRequest(page, target, cookie))
                using (var response = await http.SendAsync(request))
                {
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{page.Name}: {request.Method} {request.RequestUri} answered {(int)response.StatusCode}");
                    }
                }

                await Task.Delay(50);
                var sql = ReadStatements(log, before, application);
                if (sql.Count == 0)
                {
                    throw new InvalidOperationException($"{page.Name}: no statements from '{application}' in the PostgreSQL log; is log_statement = all set?");
                }

                statements.Add(sql.Count);
                await File.WriteAllTextAsync(Path.Combine(output, $"{i:D2}.sql"), ToPgbenchScript(sql));
            }

            counts.Add(string.Create(CultureInfo.InvariantCulture, $"{page.Name}\t{statements.Min()}\t{statements.Max()}"));
            Console.WriteLine($"{page.Name}: {requests} requests captured, {statements.Min()}–{statements.Max()} statements each");
        }

        await File.WriteAllLinesAsync(Path.Combine(dir, "sql", "statements.tsv"), counts);
        return 0;
    }

    private static HttpRequestMessage BuildRequest(BenchPage page, string target, string cookie)
    {
        HttpRequestMessage request;
        if (page.Kind == "reallocate")
        {
            // "stepId revision ownerA ownerB": give the step to ownerA (the capture steps are used once each).
            var p = target.Split(' ');
            request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/steps/{p[0]}/owner")
            {
                Content = new StringContent($$"""{"ownerId":"{{p[2]}}","reason":"Benchmark: reallocated","revision":{{p[1]}}}""", Encoding.UTF8, "application/json"),
            };
        }
        else
        {
            var p = target.Split(' ');
            request = new HttpRequestMessage(new HttpMethod(p[0]), p[1]);
        }

        request.Headers.Add("Cookie", cookie);
        request.Headers.Add(StaffClient.ForwardedProto, "https");
        return request;
    }

    /// <summary>The statements one application sent, from a byte offset of a PostgreSQL log with log_line_prefix '%m [%p] &lt;%a&gt; '.</summary>
    public static List<string> ReadStatements(string log, long from, string application)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var entries = new List<(string App, string Kind, StringBuilder Text)>();
        while (reader.ReadLine() is { } line)
        {
            var prefix = LogLine().Match(line);
            if (prefix.Success)
            {
                entries.Add((prefix.Groups["app"].Value, prefix.Groups["kind"].Value, new StringBuilder(prefix.Groups["text"].Value)));
            }
            else if (entries.Count > 0)
            {
                entries[^1].Text.Append('\n').Append(line);
            }
        }

        var statements = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (app, kind, text) = entries[i];
            if (app != application || kind != "LOG")
            {
                continue;
            }

            var statement = Statement().Match(text.ToString());
            if (!statement.Success)
            {
                continue;
            }

            var sql = statement.Groups["sql"].Value;
            if (i + 1 < entries.Count && entries[i + 1].App == application && entries[i + 1].Kind == "DETAIL"
                && entries[i + 1].Text.ToString().StartsWith("parameters: ", StringComparison.Ordinal))
            {
                var values = Parameter().Matches(entries[i + 1].Text.ToString())
                    .ToDictionary(m => m.Groups["n"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
                sql = Placeholder().Replace(sql, m => values.TryGetValue(m.Groups["n"].Value, out var v) ? v : m.Value);
            }

            statements.Add(sql.Trim());
        }

        return KeysOfNewRows(statements);
    }

    /// <summary>The key an INSERT gives a new row (its first column, "Id") is made fresh each run.</summary>
    private static List<string> KeysOfNewRows(List<string> statements) =>
        statements.Select(sql => NewRowKey().Replace(sql, m => m.Groups["before"].Value + "gen_random_uuid()")).ToList();

    private static string ToPgbenchScript(List<string> statements) =>
        string.Join("\n", statements.Select(s => s.TrimEnd(';') + ";")) + "\n";

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] <(?<app>[^>]*)> (?<kind>[A-Z]+):  (?<text>.*)$")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"^(?:execute [^:]+|statement): (?<sql>.*)$", RegexOptions.Singleline)]
    private static partial Regex Statement();

    [GeneratedRegex(@"\$(?<n>\d+) = (?<value>'(?:[^']|'')*'|NULL)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\$(?<n>\d+)\b")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<before>^INSERT INTO ""[^""]+"" \(""Id"",.*?(?:VALUES|\),)\s*\()'[0-9a-fA-F-]{36}'", RegexOptions.Singleline)]
    private static partial Regex NewRowKey();
}
