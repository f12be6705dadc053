using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>
/// A provider's invoice matched line by line against the plan (over units, over rate, not in the plan), approved for
/// payment or queried with a reason by finance staff.
/// </summary>
[RequirePermission(Permission.PayProviders)]
public sealed class InvoiceModel(CommissioningService commissioning) : GovukPageModel
{
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public InvoiceView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid providerId, Guid invoiceId) => View = await commissioning.GetInvoiceAsync(providerId, invoiceId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostApproveAsync(Guid providerId, Guid invoiceId)
    {
        var v = await commissioning.ApproveAsync(providerId, invoiceId, Revision, Note, HttpContext.RequestAborted);
        Flash($"Invoice {v.Invoice.InvoiceNumber} approved for payment: {Core.Common.UkFormat.Money(v.Invoice.ApprovedAmount!.Value)}");
        return RedirectToPage(new { providerId, invoiceId });
    }

    public async Task<IActionResult> OnPostQueryAsync(Guid providerId, Guid invoiceId)
    {
        var v = await commissioning.QueryAsync(providerId, invoiceId, Revision, Reason, HttpContext.RequestAborted);
        Flash($"Invoice {v.Invoice.InvoiceNumber} queried with the provider");
        return RedirectToPage(new { providerId, invoiceId });
    }

    protected override async Task OnReloadAsync(PageReload reload) =>
        View = await commissioning.GetInvoiceAsync(reload.Get<Guid>("providerId"), reload.Get<Guid>("invoiceId"), HttpContext.RequestAborted);
}
