using System.Text;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments.Runs;

/// <summary>A payment run: its payments and control totals; another finance officer approves it (or it is cancelled); the file to download.</summary>
[RequirePermission(Permission.ManageDirectPayments)]
public sealed class DetailsModel(DirectPaymentService service) : GovukPageModel
{
    [BindProperty] public string? Reason { get; set; }

    public PaymentRunView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid runId) => View = await service.RunAsync(runId);

    public async Task<IActionResult> OnPostApproveAsync(Guid runId)
    {
        var run = await service.ApproveRunAsync(runId);
        Flash($"Payment run {run.BatchReference} approved: download the payment file for the finance system");
        return RedirectToPage(new { runId });
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid runId)
    {
        var run = await service.CancelRunAsync(runId, Reason);
        Flash($"Payment run {run.BatchReference} cancelled: its payments can go in a later run");
        return RedirectToPage(new { runId });
    }

    public async Task<IActionResult> OnGetFileAsync(Guid runId)
    {
        var (name, csv) = await service.FileAsync(runId);
        return File(Encoding.UTF8.GetBytes(csv), "text/csv", name);
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await service.RunAsync(reload.Get<Guid>("runId"));
}
