using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>A draft's analysis, or why there is none: the version is not a draft, or nothing of its kind is in force.</summary>
public sealed record RasAnalysisView(RasVersion Version, RasVersion? InForce, RasAnalysisResult? Result);

/// <summary>
/// Runs a draft resource allocation system over the answers of everyone's latest indicative budget of its kind (issue
/// 12, item 4). Loading is one narrow projection (answers and the four characteristics, no entities, no query per
/// person); identical answers are parsed once and worked out once. The figures come from <see cref="RasAnalysis"/>.
/// </summary>
public sealed class RasAnalysisService(PersonalBudgetsDbContext db, RasService ras, AuditLog audit, TimeProvider clock)
{
    /// <summary>The analysis of a draft; for a published or retired version, the view says so and has no result.</summary>
    public async Task<RasAnalysisView> AnalyseAsync(Guid id, decimal flagShare, CancellationToken ct = default)
    {
        var version = await ras.GetAsync(id, ct);
        if (version.Status != RasVersionStatus.Draft)
        {
            return new RasAnalysisView(version, null, null);
        }

        var inForce = await ras.PublishedAsync(version.Kind, ct);
        if (inForce is null)
        {
            return new RasAnalysisView(version, null, null);
        }

        var kind = version.Kind;
        var rows = await db.IndicativeBudgets.AsNoTracking()
            .Join(db.RasVersions.Where(v => v.Kind == kind), b => b.RasVersionId, v => v.Id, (b, v) => b)
            .Join(db.People, b => b.PersonId, p => p.Id, (b, p) => new
            {
                b.PersonId, b.CalculatedAt, b.AnswersJson, p.DateOfBirth, p.Gender, p.Ethnicity, p.PrimarySupportReason,
            })
            .ToListAsync(ct);

        // Each person's latest budget of this kind; the same answers share one parsed dictionary.
        var latest = new Dictionary<Guid, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!latest.TryGetValue(rows[i].PersonId, out var j) || rows[i].CalculatedAt > rows[j].CalculatedAt)
            {
                latest[rows[i].PersonId] = i;
            }
        }

        var parsed = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var cohort = latest.Values.Select(i =>
        {
            var r = rows[i];
            if (!parsed.TryGetValue(r.AnswersJson, out var answers))
            {
                answers = JsonSerializer.Deserialize<Dictionary<string, string>>(r.AnswersJson, RasDefinition.Json) ?? [];
                parsed[r.AnswersJson] = answers;
            }

            return new RasCohortMember(answers, r.DateOfBirth, r.Gender, r.Ethnicity, r.PrimarySupportReason);
        });

        var result = RasAnalysis.Analyse(inForce.Definition, version.Definition, cohort, clock.UkToday(), flagShare);

        // Figures about groups, not a person's record; recorded all the same, as who looked at what.
        await audit.RecordAsync(AuditAction.Viewed, RasService.RecordType, version.Id.ToString(),
            summary: $"Analysed draft version {version.Number} against version {inForce.Number} over {result.Cohort} indicative budgets", cancellationToken: ct);
        return new RasAnalysisView(version, inForce, result);
    }

    /// <summary>
    /// The analysis as one CSV table (UTF-8, comma separated, quoted where needed) for the council to publish: a section
    /// column says which table each row belongs to; counts come with what they count out of; money in pounds a week.
    /// </summary>
    public static byte[] Csv(RasAnalysisView view)
    {
        var r = view.Result ?? throw new InvalidOperationException("No analysis to write.");
        var sb = new StringBuilder();
        void Row(params string[] cells) => sb.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

        Row("Section", "Group", "People", "Out of", "Median weekly change", "Difference from everyone's median", "Flagged");
        Row("Everyone", "Worked out under both versions", Count(r.Included), Count(r.Cohort), Money(r.MedianChange), Money(0), "");
        Row("Everyone", "Not worked out under the draft", Count(r.NotWorkedOutUnderDraft), Count(r.Cohort), "", "", "");
        Row("Everyone", "Not worked out under the version in force", Count(r.NotWorkedOutInForce), Count(r.Cohort), "", "", "");
        Row("Direction", "Up", Count(r.Up.Count), Count(r.Up.Of), "", "", "");
        Row("Direction", "Down", Count(r.Down.Count), Count(r.Down.Of), "", "", "");
        Row("Direction", "No change", Count(r.Unchanged.Count), Count(r.Unchanged.Of), "", "", "");
        foreach (var b in r.Bands)
        {
            Row("Change per person", b.Label, Count(b.People.Count), Count(b.People.Of), "", "", "");
        }

        foreach (var c in r.Characteristics)
        {
            foreach (var g in c.Groups)
            {
                Row(c.Name, g.Group, Count(g.People.Count), Count(g.People.Of), Money(g.MedianChange), Money(g.DifferenceFromEveryone), g.Flagged ? "Yes" : "No");
            }
        }

        Row("Summary", "10th percentile of the weekly change", "", "", Money(r.Percentile10Change), "", "");
        Row("Summary", "90th percentile of the weekly change", "", "", Money(r.Percentile90Change), "", "");
        Row("Summary", $"Total weekly cost, version {view.InForce!.Number} in force", "", "", Money(r.TotalWeeklyInForce), "", "");
        Row("Summary", $"Total weekly cost, draft version {view.Version.Number}", "", "", Money(r.TotalWeeklyDraft), "", "");
        Row("Summary", "Flag threshold (pounds a week)", "", "", Money(r.FlagThreshold), "", "");
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
