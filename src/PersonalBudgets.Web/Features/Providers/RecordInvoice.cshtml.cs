using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>One line of the invoice form, kept as typed so nothing is lost on an error.</summary>
public sealed class InvoiceLineForm
{
    public Guid? CommissionedServiceId { get; set; }
    public string? Description { get; set; }
    public string? Units { get; set; }
    public string? Rate { get; set; }

    public bool IsBlank => CommissionedServiceId is null && string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Units) && string.IsNullOrWhiteSpace(Rate);
}

/// <summary>
/// Records a provider's invoice (issue 15 item 3, ADR 0038): number, period and lines, each naming the commissioned
/// service it bills (or none). The form has a few blank lines; "Add another line" re-renders it with what was typed
/// and one more, so it works without JavaScript. Blank lines are left out. Saved, it opens the invoice matched
/// against the plan, to approve or query.
/// </summary>
[RequirePermission(Permission.PayProviders)]
public sealed partial class RecordInvoiceModel(CommissioningService commissioning, ProviderService providers) : GovukPageModel
{
    public const int BlankLines = 3;

    [BindProperty] public string? InvoiceNumber { get; set; }
    [BindProperty] public DateInput PeriodStart { get; set; } = new();
    [BindProperty] public DateInput PeriodEnd { get; set; } = new();
    [BindProperty] public List<InvoiceLineForm> Lines { get; set; } = [];

    public string ProviderName { get; private set; } = "";

    public IReadOnlyList<SelectListItem> ServiceItems { get; private set; } = [];

    /// <summary>Which line of the form each posted non-blank line came from, so the domain's "Lines[n]" errors land on it.</summary>
    private List<int> lineRows = [];

    public async Task OnGetAsync(Guid providerId)
    {
        Lines = [.. Enumerable.Range(0, BlankLines).Select(_ => new InvoiceLineForm())];
        await LoadAsync(providerId);
    }

    /// <summary>"Add another line": shows the form again with what was typed and one more blank line. Nothing is saved.</summary>
    public async Task<IActionResult> OnPostAddLineAsync(Guid providerId)
    {
        ModelState.Clear();
        if (Lines.Count < Invoice.MaxLines)
        {
            Lines.Add(new InvoiceLineForm());
        }

        await LoadAsync(providerId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid providerId)
    {
        var errors = new List<FieldError>();
        var (start, startError) = PeriodStart.Parse("The first day of the period", required: true);
        if (startError is not null) errors.Add(new FieldError(nameof(PeriodStart), startError));
        var (end, endError) = PeriodEnd.Parse("The last day of the period", required: true);
        if (endError is not null) errors.Add(new FieldError(nameof(PeriodEnd), endError));

        var inputs = new List<InvoiceLineInput>();
        lineRows = [];
        for (var row = 0; row < Lines.Count; row++)
        {
            var line = Lines[row];
            if (line.IsBlank)
            {
                continue;
            }

            // Named as the domain names lines (the non-blank ones, in order); ErrorKey takes each back to its row.
            var units = Number(line.Units, $"Lines[{inputs.Count}].Units", $"Line {row + 1}: the units", errors);
            var rate = Number(line.Rate, $"Lines[{inputs.Count}].Rate", $"Line {row + 1}: the rate", errors);
            lineRows.Add(row);
            inputs.Add(new InvoiceLineInput(line.CommissionedServiceId, line.Description, units, rate));
        }

        // The period's and lines' typed problems, then the invoice's own rules, all shown at once.
        if (errors.Count > 0)
        {
            var domain = ProblemsOf(() => Invoice.Record(providerId, InvoiceNumber, start, end, inputs, new Actor(Guid.Empty, ""), DateTimeOffset.UnixEpoch));
            var typed = errors.Select(e => e.Field).ToHashSet();
            EnsureValid(errors.Concat(domain.Where(d => !typed.Contains(d.Field))));
        }

        var view = await commissioning.RecordInvoiceAsync(providerId, InvoiceNumber, start, end, inputs, HttpContext.RequestAborted);
        Flash($"Invoice {view.Invoice.InvoiceNumber} recorded: {UkFormat.Money(view.Invoice.Total)}, {(view.Match.HasDifferences ? "it differs from the plan" : "it matches the plan")}");
        return RedirectToPage("/Providers/Invoice", new { providerId, invoiceId = view.Invoice.Id });
    }

    /// <summary>The domain numbers the non-blank lines it was given; each error goes back to the form's own line.</summary>
    protected override string ErrorKey(string field)
    {
        if (field == "Lines")
        {
            return "Lines[0].Description";
        }

        var m = LineField().Match(field);
        if (m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < lineRows.Count)
        {
            return $"Lines[{lineRows[n]}].{m.Groups[2].Value}";
        }

        return field;
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        if (Lines.Count == 0)
        {
            Lines = [new InvoiceLineForm()];
        }

        await LoadAsync(reload.Get<Guid>("providerId"));
    }

    private async Task LoadAsync(Guid providerId)
    {
        ProviderName = (await providers.GetAsync(providerId, HttpContext.RequestAborted)).Provider.Name;
        var services = await commissioning.ForProviderAsync(providerId, HttpContext.RequestAborted);
        ServiceItems =
        [
            new SelectListItem("None: not in a plan", ""),
            .. services.Select(s => new SelectListItem(
                $"{s.PersonIdentifier}: {s.Service.Description} ({s.Service.Service}, {s.Service.UnitsPerWeek} a week at {UkFormat.Money(s.Service.Rate)}, from {UkFormat.Date(s.Service.StartDate)}{(s.Service.EndDate is { } e ? $" to {UkFormat.Date(e)}" : "")})",
                s.Service.Id.ToString())),
        ];
    }

    /// <summary>A number of units or a rate as typed: blank is left to the invoice's rules; anything else must be a number.</summary>
    private static decimal? Number(string? text, string field, string label, List<FieldError> errors)
    {
        var t = text?.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new FieldError(field, $"{label} must be a number, like 4.5"));
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^Lines\[(\d+)\]\.(\w+)$")]
    private static partial Regex LineField();
}
