using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>
/// A provider: details, bank details (in full for finance staff, masked for others), rates, and for finance staff its
/// invoices. Administrators and finance staff add rates; finance staff record bank details.
/// </summary>
[RequirePermission(Permission.ViewProviders)]
public sealed class DetailsModel(ProviderService providers, CommissioningService commissioning, DirectPayments.DirectPaymentService payments) : GovukPageModel
{
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? Service { get; set; }
    [BindProperty] public RateUnit? Unit { get; set; }
    [BindProperty] public string? Rate { get; set; }
    [BindProperty] public DateInput From { get; set; } = new();
    [BindProperty] public string? AccountName { get; set; }
    [BindProperty] public string? SortCode { get; set; }
    [BindProperty] public string? AccountNumber { get; set; }

    public ProviderView View { get; private set; } = null!;

    /// <summary>The provider's invoices, for finance staff; null for others.</summary>
    public IReadOnlyList<Invoice>? Invoices { get; private set; }

    /// <summary>What payment runs have paid the provider, for finance staff; null for others.</summary>
    public IReadOnlyList<DirectPayments.ProviderPaymentRow>? Paid { get; private set; }

    public Task OnGetAsync(Guid providerId) => LoadAsync(providerId);

    [RequireHandlerPermission(Permission.ManageProviders)]
    public async Task<IActionResult> OnPostRateAsync(Guid providerId)
    {
        var errors = new List<FieldError>();
        var rate = NumberInput.Money(Rate, nameof(Rate), "The rate", required: true, errors);
        var (from, fromError) = From.Parse("The date the rate applies from", required: true);
        if (fromError is not null) errors.Add(new FieldError(nameof(From), fromError));
        EnsureValid(errors);
        var (p, added) = await providers.AddRateAsync(providerId, Revision, Service, Unit, rate, from, HttpContext.RequestAborted);
        Flash($"Rate added: {added.Service}, {Core.Common.UkFormat.Money(added.Rate)} from {Core.Common.UkFormat.Date(added.From)}");
        return RedirectToPage(new { providerId = p.Id });
    }

    [RequireHandlerPermission(Permission.ViewBankDetails)]
    public async Task<IActionResult> OnPostBankAsync(Guid providerId)
    {
        var p = await providers.SetBankDetailsAsync(providerId, Revision, SortCode, AccountNumber, AccountName, HttpContext.RequestAborted);
        Flash($"Bank details saved for {p.Name}");
        return RedirectToPage(new { providerId = p.Id });
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("providerId"));

    private async Task LoadAsync(Guid providerId)
    {
        View = await providers.GetAsync(providerId, HttpContext.RequestAborted);
        if (User.Has(Permission.PayProviders))
        {
            Invoices = await commissioning.InvoicesAsync(providerId, HttpContext.RequestAborted);
            Paid = await payments.PaidToProviderAsync(providerId, HttpContext.RequestAborted);
        }
    }
}
