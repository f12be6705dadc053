using System.Globalization;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
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
    /// <summary>The analysis as one table (header, then rows of text, whole numbers and pounds), for both downloads.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<object?[]> Rows) Table(RasAnalysisView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Result ?? throw new InvalidOperationException("No analysis to write.");
        var rows = new List<object?[]>();
        void Row(params object?[] cells) => rows.Add(cells);

        Row("Everyone", "Worked out under both versions", r.Included, r.Cohort, r.MedianChange, 0m, null);
        Row("Everyone", "Not worked out under the draft", r.NotWorkedOutUnderDraft, r.Cohort, null, null, null);
        Row("Everyone", "Not worked out under the version in force", r.NotWorkedOutInForce, r.Cohort, null, null, null);
        Row("Direction", "Up", r.Up.Count, r.Up.Of, null, null, null);
        Row("Direction", "Down", r.Down.Count, r.Down.Of, null, null, null);
        Row("Direction", "No change", r.Unchanged.Count, r.Unchanged.Of, null, null, null);
        foreach (var b in r.Bands)
        {
            Row("Change per person", b.Label, b.People.Count, b.People.Of, null, null, null);
        }

        foreach (var c in r.Characteristics)
        {
            foreach (var g in c.Groups)
            {
                Row(c.Name, g.Group, g.People.Count, g.People.Of, g.MedianChange, g.DifferenceFromEveryone, g.Flagged ? "Yes" : "No");
            }
        }

        Row("Summary", "10th percentile of the weekly change", null, null, r.Percentile10Change, null, null);
        Row("Summary", "90th percentile of the weekly change", null, null, r.Percentile90Change, null, null);
        Row("Summary", $"Total weekly cost, version {view.InForce!.Number} in force", null, null, r.TotalWeeklyInForce, null, null);
        Row("Summary", $"Total weekly cost, draft version {view.Version.Number}", null, null, r.TotalWeeklyDraft, null, null);
        Row("Summary", "Flag threshold (pounds a week)", null, null, r.FlagThreshold, null, null);
        return (["Section", "Group", "People", "Out of", "Median weekly change", "Difference from everyone's median", "Flagged"], rows);
    }

    public static byte[] Csv(RasAnalysisView view)
    {
        var (header, rows) = Table(view);
        var sb = new StringBuilder();
        void Line(IEnumerable<string> cells) => sb.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        Line(header);
        foreach (var row in rows)
        {
            Line(row.Select(v => v switch
            {
                null => "",
                decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }));
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    /// <summary>The same table as an Excel workbook: a title, then the header and rows, counts and pounds as numbers.</summary>
    public static byte[] Xlsx(RasAnalysisView view)
    {
        var (header, rows) = Table(view);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Analysis");
        sheet.Cell(1, 1).SetValue($"Analysis of draft version {view.Version.Number} against version {view.InForce!.Number} in force");
        sheet.Cell(1, 1).Style.Font.Bold = true;
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(3, c + 1).SetValue(header[c]);
            sheet.Cell(3, c + 1).Style.Font.Bold = true;
        }

        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 4, c + 1);
                switch (rows[r][c])
                {
                    case int n:
                        cell.Value = n;
                        break;
                    case decimal d:
                        cell.Value = d;
                        cell.Style.NumberFormat.Format = "0.00";
                        break;
                    case string text:
                        // Text stays text: a label such as "=1" is never a formula.
                        cell.SetValue(text);
                        break;
                }
            }
        }

        // Fixed widths: measuring the text needs fonts a server may not have.
        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 60;
        sheet.Columns(3, header.Count).Width = 16;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
