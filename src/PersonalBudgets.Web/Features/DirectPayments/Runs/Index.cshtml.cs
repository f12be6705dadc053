using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments.Runs;

/// <summary>Payment runs: the list, and a new run for a date (every period due by then and not yet paid).</summary>
[RequirePermission(Permission.ManageDirectPayments)]
public sealed class IndexModel(DirectPaymentService service) : GovukPageModel
{
    [BindProperty] public DateInput RunDate { get; set; } = new();

    public IReadOnlyList<PaymentRun> Runs { get; private set; } = [];

    public IReadOnlyList<DirectPaymentWorkItem> SetUps { get; private set; } = [];

    /// <summary>What each run pays: direct payments, individual service funds, provider invoices.</summary>
    public ILookup<Guid, PayableSource> Kinds { get; private set; } = Array.Empty<PayableSource>().ToLookup(k => Guid.Empty);

    public IReadOnlyList<WaitingInvoice> InvoicesWaiting { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (date, error) = RunDate.Parse("The date of the payment run", required: true);
        EnsureValid(error is null ? [] : [new FieldError(nameof(RunDate), error)]);
        var run = await service.CreateRunAsync(date);
        Flash($"Payment run {run.BatchReference} created: another finance officer approves it");
        return RedirectToPage("/DirectPayments/Runs/Details", new { runId = run.Id });
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync();

    private async Task LoadAsync()
    {
        Runs = await service.RunsAsync();
        SetUps = await service.MineAsync();
        Kinds = await service.RunKindsAsync(Runs.Select(r => r.Id).ToList());
        InvoicesWaiting = await service.InvoicesWaitingAsync();
    }
}
