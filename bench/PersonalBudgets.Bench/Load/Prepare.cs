using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PersonalBudgets.Bench.Load;

/// <summary>One page of the benchmark's mix: who asks for it, and what it asks.</summary>
public sealed record BenchPage(string Name, string Role, string Kind, string Description)
{
    public static readonly IReadOnlyList<BenchPage> All =
    [
        new("person", "manager", "get", "A person's record (team manager)"),
        new("pathway", "manager", "get", "A person's pathway timeline (team manager)"),
        new("my-work", "practitioner", "get", "My work (practitioner with a caseload)"),
        new("my-work-api", "practitioner", "get", "GET /api/v1/work/mine (practitioner)"),
        new("team-work", "manager", "get", "Team work (manager of the largest team)"),
        new("approvals", "approver", "get", "The approvals queue"),
        new("search-name", "manager", "get", "Search by partial name (3 letters)"),
        new("search-nhs", "manager", "get", "Search by NHS number"),
        new("reallocate", "manager", "reallocate", "Write: reallocate a step (PUT /api/v1/steps/{id}/owner)"),
    ];
}

/// <summary>
/// Signs in as the benchmark's staff and finds, through the service itself, what each page of the mix will ask for:
/// people the manager may see, search links, steps to reallocate and the team members to give them to. Writes a
/// folder the wrk script and the SQL capture read.
/// </summary>
public static class Prepare
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var url = new Uri(options.Required("url"));
        var dir = options.Required("dir");
        var password = options.Get("password", "Bench-password-2026");
        var random = new Random(options.GetInt("seed", 20261206));
        Directory.CreateDirectory(Path.Combine(dir, "targets"));

        var accounts = new Dictionary<string, string>
        {
            ["manager"] = options.Get("manager", "manager@bench.example"),
            ["practitioner"] = options.Get("practitioner", "practitioner@bench.example"),
            ["approver"] = options.Get("approver", "approver@bench.example"),
        };
        var staff = new Dictionary<string, StaffClient>();
        foreach (var (role, email) in accounts)
        {
            staff[role] = await StaffClient.SignInAsync(url, email, password);
            await File.WriteAllTextAsync(Path.Combine(dir, $"cookie-{role}.txt"), staff[role].CookieHeader);
        }

        var manager = staff["manager"];
        var first = await manager.GetJsonAsync("/api/v1/people?page=1&pageSize=100");
        var totalPages = first.GetProperty("totalPages").GetInt32();
        var people = new List<JsonElement>();
        foreach (var page in Enumerable.Range(1, totalPages).OrderBy(_ => random.Next()).Take(4))
        {
            var list = await manager.GetJsonAsync($"/api/v1/people?page={page}&pageSize=100");
            people.AddRange(list.GetProperty("items").EnumerateArray());
        }

        if (people.Count == 0)
        {
            throw new InvalidOperationException($"{manager.Email} sees nobody: generate the data first");
        }

        var ids = people.Select(p => p.GetProperty("id").GetGuid()).Distinct().Take(200).ToList();
        await Write(dir, "person", ids.Select(id => $"GET /People/{id}"));
        await Write(dir, "pathway", ids.Select(id => $"GET /People/{id}/Pathway"));
        await Write(dir, "my-work", ["GET /Work"]);
        await Write(dir, "my-work-api", ["GET /api/v1/work/mine"]);
        await Write(dir, "team-work", ["GET /Work/Team"]);
        await Write(dir, "approvals", ["GET /Approvals"]);

        // Partial names: the first three letters of surnames, as someone half-remembering a name would type.
        var partialNames = people
            .Select(p => p.GetProperty("legalName").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .Where(n => n.Length >= 3).Select(n => n[..3].ToLowerInvariant()).Distinct(StringComparer.Ordinal).Take(30).ToList();
        var nhsNumbers = people
            .Select(p => p.TryGetProperty("nhsNumber", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Take(30).ToList();
        await Write(dir, "search-name", await SearchLinks(manager, partialNames));
        await Write(dir, "search-nhs", await SearchLinks(manager, nhsNumbers));

        await PrepareReallocations(manager, dir, options.GetInt("steps", 800));

        foreach (var page in BenchPage.All.Where(p => p.Kind == "get"))
        {
            var path = File.ReadLines(TargetsFile(dir, page.Name)).First().Split(' ')[1];
            using var response = await staff[page.Role].SendAsync(HttpMethod.Get, path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{page.Name}: GET {path} as {staff[page.Role].Email} answered {(int)response.StatusCode}");
            }
        }

        foreach (var client in staff.Values)
        {
            client.Dispose();
        }

        Console.WriteLine($"Prepared {BenchPage.All.Count} pages in {dir}: {ids.Count} people, {partialNames.Count} partial names, {nhsNumbers.Count} NHS numbers.");
        return 0;
    }

    public static string TargetsFile(string dir, string page) => Path.Combine(dir, "targets", page + ".txt");

    /// <summary>
    /// The adults' draft RAS to analyse (issue 12, item 4): the one there is, or a new copy of the published version,
    /// made through the service as its administrator would. The data is generated once per scale, so a later run finds
    /// the draft an earlier one made. Used by <see cref="Reports"/>.
    /// </summary>
    public static async Task<string> RasDraftAsync(StaffClient admin)
    {
        var list = await admin.GetTextAsync("/Admin/Ras?kind=Adult");
        foreach (System.Text.RegularExpressions.Match row in System.Text.RegularExpressions.Regex.Matches(list, "<tr[^>]*>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var href = System.Text.RegularExpressions.Regex.Match(row.Value, "href=\"(/Admin/Ras/[0-9a-f-]{36})\"");
            if (href.Success && row.Value.Contains(">Draft<", StringComparison.Ordinal))
            {
                return href.Groups[1].Value;
            }
        }

        return await admin.PostFormForRedirectAsync("/Admin/Ras", new() { ["Kind"] = "Adult", ["Name"] = "Benchmark draft" });
    }

    private static Task Write(string dir, string page, IEnumerable<string> lines) => File.WriteAllLinesAsync(TargetsFile(dir, page), lines);

    private static async Task<List<string>> SearchLinks(StaffClient manager, IEnumerable<string> terms)
    {
        var links = new List<string>();
        foreach (var term in terms)
        {
            var location = await manager.PostFormForRedirectAsync("/People", new Dictionary<string, string> { ["Query"] = term });
            links.Add("GET " + location);
        }

        return links;
    }

    /// <summary>
    /// Steps of the manager's first team, each with two members to give it to in turn. The last ten (at most half) are kept
    /// apart for the SQL capture so that wrk and the capture never change the same step.
    /// </summary>
    private static async Task PrepareReallocations(StaffClient manager, string dir, int wanted)
    {
        var teamWork = await manager.GetJsonAsync("/api/v1/work/team");
        var team = teamWork.GetProperty("teams")[0].GetProperty("id").GetGuid();
        // Practitioners own steps; members whose profession is "Other" (panel, finance) cannot.
        var members = (await manager.GetJsonAsync($"/api/v1/teams/{team}")).GetProperty("members").EnumerateArray()
            .Where(m => m.GetProperty("profession").GetString() != "Other")
            .Select(m => m.GetProperty("id").GetGuid()).ToList();
        if (members.Count < 3)
        {
            throw new InvalidOperationException("The manager's first team needs at least three members to reallocate between");
        }

        var steps = new List<(Guid Id, int Revision, Guid? Owner)>();
        foreach (var list in new[] { "unowned", "overdue" })
        {
            for (var page = 1; steps.Count < wanted; page++)
            {
                var work = await manager.GetJsonAsync($"/api/v1/work/team?{list}Page={page}");
                var paged = work.GetProperty(list);
                foreach (var item in paged.GetProperty("items").EnumerateArray())
                {
                    var owner = item.GetProperty("ownerId");
                    steps.Add((item.GetProperty("stepId").GetGuid(), item.GetProperty("revision").GetInt32(),
                        owner.ValueKind == JsonValueKind.String ? owner.GetGuid() : null));
                }

                if (page >= paged.GetProperty("totalPages").GetInt32())
                {
                    break;
                }
            }
        }

        steps = steps.DistinctBy(s => s.Id).ToList();
        if (steps.Count < 8)
        {
            throw new InvalidOperationException($"The manager's teams have only {steps.Count} unowned or overdue steps; the write needs more");
        }

        var lines = steps.Select((s, i) =>
        {
            var candidates = members.Where(m => m != s.Owner).ToList();
            var a = candidates[i % candidates.Count];
            var b = candidates[(i + 1) % candidates.Count];
            return string.Create(CultureInfo.InvariantCulture, $"{s.Id} {s.Revision} {a} {b}");
        }).ToList();

        // Each run gets steps of its own: a run follows the revisions of its steps, the next one starts from the list.
        var shares = new (string Name, double Share)[] { ("capture", 0.05), ("warmup", 0.1), ("open", 0.3), ("closed", 0.55) };
        var start = 0;
        foreach (var (name, share) in shares)
        {
            var count = name == "closed" ? lines.Count - start : Math.Max(1, (int)(lines.Count * share));
            await File.WriteAllLinesAsync(Path.Combine(dir, "targets", $"reallocate-{name}.txt"), lines.Skip(start).Take(count));
            start += count;
        }
    }
}
