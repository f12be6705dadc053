using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Data;
using BankDetails = PersonalBudgets.Core.DirectPayments.BankDetails;

namespace PersonalBudgets.Web.Features.DirectPayments;

/// <summary>Something due to a provider that a run leaves out, and why (today only: no bank details recorded).</summary>
public sealed record UnpayableItem(Guid ProviderId, string ProviderName, PayableSource Kind, string Reference, decimal Amount);

/// <summary>An invoice a finance officer has still to check (received or queried): not paid until it is approved.</summary>
public sealed record WaitingInvoice(Guid ProviderId, string ProviderName, Guid InvoiceId, string InvoiceNumber, InvoiceStatus Status, decimal Total);

/// <summary>One payment made to a provider: the run, the day it was approved, what it paid for.</summary>
public sealed record ProviderPaymentRow(Guid RunId, string BatchReference, DateOnly RunDate, DateTimeOffset PaidAt, PayableSource Kind, string Reference, DateOnly PeriodStart, DateOnly LastDay, decimal Amount);

/// <summary>
/// What a payment run pays providers (issue 15, ADR 0037): each individual service fund's periods by its schedule, and each
/// approved invoice once at its approved amount. A provider without bank details is left out of the run and listed, so
/// one missing account never stops everyone else being paid. The once-only index on payments holds for these kinds too.
/// </summary>
public static class ProviderPayables
{
    /// <summary>The payments due to providers by <paramref name="date"/> that no live run has taken, and what cannot be paid.</summary>
    public static async Task<(List<Payment> Payments, List<UnpayableItem> Unpayable)> DueAsync(PersonalBudgetsDbContext db, Guid runId, DateOnly date, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var payments = new List<Payment>();
        var unpayable = new List<UnpayableItem>();

        var funds = await db.CommissionedServices.AsNoTracking()
            .Where(s => s.Deployment == Core.SupportPlans.Deployment.IndividualServiceFund && s.StartDate <= date).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Approved
                && !db.Payments.Any(p => p.SourceKind == PayableSource.ProviderInvoice && p.SourceId == i.Id && p.Status != PaymentStatus.Cancelled))
            .ToListAsync(ct);
        var providerIds = funds.Select(f => f.ProviderId).Concat(invoices.Select(i => i.ProviderId)).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, HasBank = p.SortCode != null && p.AccountNumber != null }).ToDictionaryAsync(p => p.Id, ct);

        var fundIds = funds.Select(f => f.Id).ToList();
        var taken = (await db.Payments.AsNoTracking()
            .Where(p => p.SourceKind == PayableSource.IndividualServiceFund && fundIds.Contains(p.SourceId) && p.Status != PaymentStatus.Cancelled).ToListAsync(ct))
            .ToLookup(p => p.SourceId);
        foreach (var fund in funds.OrderBy(f => f.StartDate))
        {
            var live = taken[fund.Id].ToList();
            var through = live.Count == 0 ? (DateOnly?)null : live.Max(p => p.PeriodEnd);
            var due = PaymentSchedule.Due(fund.Terms(), through, live.Sum(p => p.Amount), date);
            var provider = providers[fund.ProviderId];
            if (due.Count == 0)
            {
                continue;
            }

            if (!provider.HasBank)
            {
                unpayable.Add(new UnpayableItem(fund.ProviderId, provider.Name, PayableSource.IndividualServiceFund, fund.Reference, due.Sum(p => p.Amount)));
                continue;
            }

            payments.AddRange(due.Select(period => Payment.ProposeServiceFund(runId, fund, provider.Name, period)));
        }

        foreach (var invoice in invoices.OrderBy(i => i.ApprovedAt))
        {
            var provider = providers[invoice.ProviderId];
            if (!provider.HasBank)
            {
                unpayable.Add(new UnpayableItem(invoice.ProviderId, provider.Name, PayableSource.ProviderInvoice, invoice.InvoiceNumber, invoice.ApprovedAmount ?? 0m));
                continue;
            }

            payments.Add(Payment.ProposeInvoice(runId, invoice, provider.Name));
        }

        return (payments, unpayable);
    }

    /// <summary>The provider's bank account for each provider payment of the run, keyed by the payment's source (for the file).</summary>
    public static async Task<Dictionary<Guid, BankDetails>> AccountsAsync(PersonalBudgetsDbContext db, IReadOnlyCollection<Payment> payments, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var toProviders = payments.Where(p => p.ProviderId is not null).ToList();
        var ids = toProviders.Select(p => p.ProviderId!.Value).Distinct().ToList();
        var banks = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.AccountName, p.SortCode, p.AccountNumber }).ToDictionaryAsync(p => p.Id, ct);
        var accounts = new Dictionary<Guid, BankDetails>();
        foreach (var payment in toProviders)
        {
            var b = banks[payment.ProviderId!.Value];
            accounts[payment.SourceId] = new BankDetails(b.AccountName ?? b.Name, b.SortCode ?? "", b.AccountNumber ?? "");
        }

        return accounts;
    }

    /// <summary>
    /// Marks each invoice the approved run pays as paid with the run's batch reference, in the approval's unit of work (the
    /// caller saves): a retried approval finds the run approved and changes nothing; a cancelled run leaves them approved.
    /// </summary>
    public static async Task MarkInvoicesPaidAsync(PersonalBudgetsDbContext db, PaymentRun run, IReadOnlyCollection<Payment> payments, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var ids = payments.Where(p => p.SourceKind == PayableSource.ProviderInvoice && p.Status == PaymentStatus.Paid).Select(p => p.SourceId).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var invoice in await db.Invoices.Where(i => ids.Contains(i.Id)).ToListAsync(ct))
        {
            invoice.MarkPaid(run.BatchReference, now);
        }
    }

    /// <summary>Invoices received or queried, not yet approved, oldest first: a run does not pay them.</summary>
    public static async Task<IReadOnlyList<WaitingInvoice>> WaitingAsync(PersonalBudgetsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Received || i.Status == InvoiceStatus.Queried)
            .Join(db.Providers, i => i.ProviderId, p => p.Id, (i, p) => new { i, p.Name })
            .OrderBy(x => x.i.PeriodStart).ThenBy(x => x.i.InvoiceNumber)
            .Select(x => new WaitingInvoice(x.i.ProviderId, x.Name, x.i.Id, x.i.InvoiceNumber, x.i.Status, x.i.Total))
            .ToListAsync(ct);
    }

    /// <summary>What has been paid to a provider (approved runs only), newest first.</summary>
    public static async Task<IReadOnlyList<ProviderPaymentRow>> PaidToAsync(PersonalBudgetsDbContext db, Guid providerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Payments.AsNoTracking().Where(p => p.ProviderId == providerId && p.Status == PaymentStatus.Paid && p.Amount > 0)
            .Join(db.PaymentRuns, p => p.RunId, r => r.Id, (p, r) => new { p, r.BatchReference, r.RunDate })
            .ToListAsync(ct);
        return rows.OrderByDescending(x => x.p.PaidAt).ThenBy(x => x.p.Reference, StringComparer.Ordinal)
            .Select(x => new ProviderPaymentRow(x.p.RunId, x.BatchReference, x.RunDate, x.p.PaidAt!.Value, x.p.SourceKind, x.p.Reference, x.p.PeriodStart, x.p.LastDay, x.p.Amount))
            .ToList();
    }
}
