using System.Globalization;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Html;
using PersonalBudgets.Core.Reporting;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// One figure of a table: a numerator with its denominator (shown as "3 of 8 (37.5%)"), a count, or a number such as a
/// median; with the link to the people or steps behind it when there is a list.
/// </summary>
public sealed record Cell(long? Numerator, long? Denominator, decimal? Value, string? Link, string? Label = null)
{
    public static readonly Cell Empty = new(null, null, null, null);

    public static Cell Of(long numerator, long denominator, string? link = null) => new(numerator, denominator, null, link);

    public static Cell Count(long count, string? link = null) => new(count, null, null, link);

    public static Cell Number(decimal? value) => new(null, null, value, null);

    /// <summary>Words, for the lists behind figures (an identifier, an age band).</summary>
    public static Cell Words(string? text) => new(null, null, null, null, text ?? "");

    public decimal? Rate => Numerator is { } n && Denominator is { } d ? Statistics.Rate(n, d) : null;

    /// <summary>What the chart draws: the rate when there is a denominator, else the count or number.</summary>
    public decimal? Plotted => Denominator is not null ? Rate : Numerator is { } n ? n : Value;

    public string Text => this switch
    {
        { Label: { } words } => words,
        { Numerator: { } n, Denominator: { } d } => $"{N(n)} of {N(d)} ({(Rate is { } r ? Pct(r) : "no one to count")})",
        { Numerator: { } n } => N(n),
        { Value: { } v } => v.ToString("0.#", CultureInfo.InvariantCulture),
        _ => "None",
    };

    private static string N(long n) => n.ToString("#,0", CultureInfo.GetCultureInfo("en-GB"));

    private static string Pct(decimal r) => r.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

public sealed record ReportRow(string Label, IReadOnlyList<Cell> Cells);

/// <summary>
/// A table of the dashboard: its rows and columns are what the chart beside it draws (the column <see cref="ChartColumn"/>,
/// or none), and what its CSV and Excel downloads hold.
/// </summary>
public sealed record ReportTable(string Id, string Title, string Description, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows, int? ChartColumn = 0, string? ChartUnit = null)
{
    public bool HasChart => ChartColumn is { } c && Rows.Any(r => r.Cells.Count > c && r.Cells[c].Plotted is > 0);
}

/// <summary>CSV and Excel downloads of a table: numerator, denominator and rate in columns of their own.</summary>
public static class ReportExports
{
    public static IReadOnlyList<string> Header(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var header = new List<string> { "" };
        foreach (var (column, i) in table.Columns.Select((c, i) => (c, i)))
        {
            if (table.Rows.Any(r => r.Cells.Count > i && r.Cells[i].Denominator is not null))
            {
                header.AddRange([$"{column}: number", $"{column}: out of", $"{column}: %"]);
            }
            else
            {
                header.Add(column);
            }
        }

        return header;
    }

    public static IEnumerable<IReadOnlyList<object?>> Values(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var withDenominator = table.Columns.Select((_, i) => table.Rows.Any(r => r.Cells.Count > i && r.Cells[i].Denominator is not null)).ToList();
        foreach (var row in table.Rows)
        {
            var values = new List<object?> { row.Label };
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var cell = i < row.Cells.Count ? row.Cells[i] : Cell.Empty;
                if (withDenominator[i])
                {
                    values.AddRange([cell.Numerator, cell.Denominator, cell.Rate]);
                }
                else
                {
                    values.Add(cell.Label is { } words ? words : cell.Numerator is { } n ? n : cell.Value);
                }
            }

            yield return values;
        }
    }

    public static byte[] Csv(ReportTable table)
    {
        var text = new StringBuilder();
        // RFC 4180: lines end CRLF whatever the server's platform.
        text.Append(string.Join(',', Header(table).Select(Quote))).Append("\r\n");
        foreach (var row in Values(table))
        {
            text.Append(string.Join(',', row.Select(v => Quote(v switch
            {
                null => "",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            })))).Append("\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    /// <summary>A workbook of one sheet: the table's title, then its header and rows (numbers as numbers).</summary>
    public static byte[] Xlsx(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(table.Title));
        sheet.Cell(1, 1).Value = table.Title;
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = table.Description;
        var header = Header(table);
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(4, c + 1).Value = header[c];
            sheet.Cell(4, c + 1).Style.Font.Bold = true;
        }

        var r = 5;
        foreach (var row in Values(table))
        {
            for (var c = 0; c < row.Count; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case long n:
                        cell.Value = n;
                        break;
                    case decimal d:
                        cell.Value = d;
                        break;
                    case string s:
                        // Text stays text: a label such as "=1" is never a formula.
                        cell.SetValue(s);
                        break;
                }
            }

            r++;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// A cell as CSV: quoted, and a value a spreadsheet would run as a formula (starting =, +, -, @) is prefixed with an
    /// apostrophe (OWASP's advice on CSV injection); numbers are written plainly.
    /// </summary>
    private static string Quote(string value)
    {
        var numeric = decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
        if (!numeric && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string SheetName(string title)
    {
        var name = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        return name.Length > 31 ? name[..31] : name.Length == 0 ? "Table" : name;
    }
}

/// <summary>
/// A horizontal bar chart drawn on the server as SVG (docs/adr/0027): role="img" with a title and a description naming
/// every bar's figure, and a text label on each bar, so it needs no script and reads the same to a screen reader as the
/// table beside it (which it always has).
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int LabelWidth = 220;
    private const int BarHeight = 24;
    private const int Gap = 10;

    public static IHtmlContent Bars(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var column = table.ChartColumn ?? 0;
        var bars = table.Rows.Select(r => (r.Label, Cell: r.Cells.Count > column ? r.Cells[column] : Cell.Empty)).ToList();
        var isRate = bars.Any(b => b.Cell.Denominator is not null);
        var max = isRate ? 100m : Math.Max(1m, bars.Max(b => b.Cell.Plotted ?? 0m));
        var height = (bars.Count * (BarHeight + Gap)) + Gap;
        var id = "chart-" + table.Id;
        var what = isRate ? $"{table.Columns[column]}, as a percentage" : table.Columns[column] + (table.ChartUnit is null ? "" : $" ({table.ChartUnit})");
        var desc = $"{what}: " + string.Join("; ", bars.Select(b => $"{b.Label}: {b.Cell.Text}")) + ".";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"app-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(table.Title)}: chart</title><desc id=\"{id}-desc\">{E(desc)}</desc>");
        var y = Gap;
        foreach (var (label, cell) in bars)
        {
            var value = cell.Plotted ?? 0m;
            var length = (int)Math.Round((Width - LabelWidth - 150) * (value / max));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"app-chart__label\">{E(Shorten(label))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Math.Max(length, 1)}\" height=\"{BarHeight}\" class=\"app-chart__bar\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + Math.Max(length, 1) + 6}\" y=\"{y + 17}\" class=\"app-chart__value\">{E(isRate ? (cell.Rate is { } r ? r.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "none") : cell.Text)}</text>");
            y += BarHeight + Gap;
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Shorten(string label) => label.Length > 30 ? label[..29] + "…" : label;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
