using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Monitoring;

/// <summary>One row of a statement as read from the file.</summary>
public sealed record StatementRow(int RowNumber, DateOnly Date, string Description, decimal Amount, decimal Balance, string? MerchantCategory, string LineKey);

/// <summary>A statement file read whole: its hash and its rows, oldest first as in the file.</summary>
public sealed record ParsedStatement(string FileHash, IReadOnlyList<StatementRow> Rows);

/// <summary>
/// Reads a prepaid card or managed account statement (ADR 0035). The format is the common one: a header row naming the
/// columns Date, Description, Amount, Balance and Merchant category (any order, any case; "MCC" and "Category" are
/// accepted for the last, which may be left out), then one row per transaction. Dates are 2026-03-05 or 05/03/2026;
/// amounts are signed pounds and pence (money out is negative; a £ sign and thousands commas are allowed); fields may be
/// quoted. Any malformed row makes the whole file refused, naming each row (counting the header as row 1) and its problem.
/// Each row's key is a hash of its date, description, amount and balance and how many identical rows came before it in
/// the file, so the same transaction read from the same or an overlapping statement is recognised.
/// </summary>
public static class StatementCsv
{
    public const int MaxRows = 20_000;
    public const int MaxErrorsReported = 20;
    public const int DescriptionMaxLength = 300;
    public const int CategoryMaxLength = 100;
    public const string Field = "Content";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static string Hash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.Replace("\r\n", "\n", StringComparison.Ordinal))));

    public static ParsedStatement Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new ValidationFailedException([new FieldError(Field, "Choose a statement file: the file is empty")]);
        }

        var records = ReadRecords(content);
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(params string[] names) => header.FindIndex(h => names.Contains(h));
        var date = Col("date", "transaction date");
        var description = Col("description", "details");
        var amount = Col("amount");
        var balance = Col("balance");
        var category = Col("merchant category", "merchant_category", "mcc", "category");
        var missing = new List<string>();
        if (date < 0) missing.Add("Date");
        if (description < 0) missing.Add("Description");
        if (amount < 0) missing.Add("Amount");
        if (balance < 0) missing.Add("Balance");
        if (missing.Count > 0)
        {
            throw new ValidationFailedException([new FieldError(Field, $"Row 1: the header must name the columns Date, Description, Amount, Balance and Merchant category; missing {string.Join(", ", missing)}")]);
        }

        if (records.Count - 1 > MaxRows)
        {
            throw new ValidationFailedException([new FieldError(Field, $"The file has more than {MaxRows} rows: split it into smaller statements")]);
        }

        var errors = new List<FieldError>();
        var rows = new List<StatementRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var problems = new List<string>();
            string Get(int i) => i >= 0 && i < fields.Count ? fields[i].Trim() : "";
            if (fields.Count < header.Count)
            {
                problems.Add($"it has {fields.Count} columns, the header has {header.Count}");
            }

            var dateText = Get(date);
            if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d < PlausibleDates.EarliestRecord)
            {
                problems.Add($"the date '{Shorten(dateText)}' is not a date like 2026-03-05 or 05/03/2026");
            }

            var what = Get(description);
            if (what.Length == 0)
            {
                problems.Add("the description is empty");
            }
            else if (what.Length > DescriptionMaxLength)
            {
                problems.Add($"the description is longer than {DescriptionMaxLength} characters");
            }

            var amountText = Get(amount);
            var a = ParseMoney(amountText);
            if (a is null)
            {
                problems.Add($"the amount '{Shorten(amountText)}' is not an amount of money like -12.50");
            }

            var balanceText = Get(balance);
            var b = ParseMoney(balanceText);
            if (b is null)
            {
                problems.Add($"the balance '{Shorten(balanceText)}' is not an amount of money like 1250.00");
            }

            var cat = category >= 0 ? Get(category) : "";
            if (cat.Length > CategoryMaxLength)
            {
                problems.Add($"the merchant category is longer than {CategoryMaxLength} characters");
            }

            if (problems.Count > 0)
            {
                if (errors.Count < MaxErrorsReported)
                {
                    errors.Add(new FieldError(Field, $"Row {row}: {string.Join("; ", problems)}"));
                }

                continue;
            }

            var identity = string.Join('\u001f', d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), what, a!.Value.ToString("0.00", CultureInfo.InvariantCulture), b!.Value.ToString("0.00", CultureInfo.InvariantCulture));
            var occurrence = seen.GetValueOrDefault(identity);
            seen[identity] = occurrence + 1;
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}\u001f{occurrence}")));
            rows.Add(new StatementRow(row, d, what, a.Value, b.Value, cat.Length == 0 ? null : cat, key));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        if (rows.Count == 0)
        {
            throw new ValidationFailedException([new FieldError(Field, "The file has a header but no transactions")]);
        }

        return new ParsedStatement(Hash(content), rows);
    }

    private static string Shorten(string s) => s.Length > 30 ? s[..30] + "…" : s;

    private static decimal? ParseMoney(string text)
    {
        var t = text.Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (t.StartsWith('(') && t.EndsWith(')'))
        {
            t = "-" + t[1..^1];
        }

        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            && decimal.Round(v, 2) == v && Math.Abs(v) <= 10_000_000m ? v : null;
    }

    /// <summary>RFC 4180 records with their row numbers (a quoted field may hold commas, quotes as "" and line breaks).</summary>
    private static List<(int Row, List<string> Fields)> ReadRecords(string content)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var row = 1;
        var startRow = 1;
        var text = content.TrimStart('\uFEFF');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n') row++;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add((startRow, fields));
                fields = [];
                row++;
                startRow = row;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((startRow, fields));
        }

        if (quoted)
        {
            throw new ValidationFailedException([new FieldError(Field, $"Row {startRow}: a quoted field is not closed")]);
        }

        return records;
    }
}
