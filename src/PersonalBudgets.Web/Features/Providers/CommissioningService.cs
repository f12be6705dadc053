using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>A commissioned service with the provider's name, for lists.</summary>
public sealed record CommissionedServiceItem(CommissionedService Service, string ProviderName);

/// <summary>An invoice matched against the plan, with the people its lines are for (identifier only).</summary>
public sealed record InvoiceView(Invoice Invoice, string ProviderName, InvoiceMatch Match, IReadOnlyDictionary<Guid, string> PersonIdentifiers);

/// <summary>
/// Individual service funds and council-commissioned services from approved plans, and providers' invoices matched
/// against them (issue 15, ADR 0035). Commissioning needs access to the person (their team's legitimate relationship);
/// an invoice's lines name people, so recording or viewing one checks access to each and audits the view for each.
/// </summary>
public sealed class CommissioningService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string ServiceRecordType = "CommissionedService";
    public const string InvoiceRecordType = "ProviderInvoice";

    public async Task<IReadOnlyList<CommissionedServiceItem>> ForPersonAsync(Guid personId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var rows = await db.CommissionedServices.AsNoTracking().Where(s => s.PersonId == personId)
            .Join(db.Providers, s => s.ProviderId, p => p.Id, (s, p) => new { s, p.Name }).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, ServiceRecordType, null, personId, summary: $"Viewed the person's commissioned services: {rows.Count}", cancellationToken: ct);
        return rows.OrderByDescending(r => r.s.StartDate).Select(r => new CommissionedServiceItem(r.s, r.Name)).ToList();
    }

    /// <summary>The services a provider delivers, for recording an invoice (people's identifiers, not names).</summary>
    public async Task<IReadOnlyList<(CommissionedService Service, string PersonIdentifier)>> ForProviderAsync(Guid providerId, CancellationToken ct = default)
    {
        var rows = await db.CommissionedServices.AsNoTracking().Where(s => s.ProviderId == providerId)
            .Join(db.People, s => s.PersonId, p => p.Id, (s, p) => new { s, p.PersonIdentifier }).OrderBy(r => r.PersonIdentifier).ToListAsync(ct);
        return rows.Select(r => (r.s, r.PersonIdentifier)).ToList();
    }

    public async Task<CommissionedService> CommissionAsync(Guid personId, Guid? planId, Guid? elementId, Guid? providerId, string? service, decimal? unitsPerWeek,
        DateOnly? startDate, DateOnly? endDate, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var plan = planId is { } pid ? await db.SupportPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid && p.PersonId == personId, ct) : null;
        if (plan is null)
        {
            throw new ValidationFailedException([new("PlanId", "Select the person's approved plan")]);
        }

        var provider = providerId is { } prov ? await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == prov, ct) : null;
        if (provider is null)
        {
            throw new ValidationFailedException([new("ProviderId", "Select a provider from the register")]);
        }

        var commissioned = CommissionedService.Create(plan, elementId, provider, service, unitsPerWeek, startDate, endDate, currentUser.Actor, clock.GetUtcNow());
        if (await db.CommissionedServices.AnyAsync(s => s.PlanId == commissioned.PlanId && s.ElementId == commissioned.ElementId && s.Status == CommissionedServiceStatus.Active, ct))
        {
            throw new ConflictException("element-commissioned", "This element is already commissioned: end that service first");
        }

        db.CommissionedServices.Add(commissioned);
        audit.Add(AuditAction.Created, ServiceRecordType, commissioned.Id.ToString(), personId,
            summary: $"Commissioned {provider.Name} ({commissioned.Deployment.Label()}) for '{commissioned.Description}': {commissioned.UnitsPerWeek} {commissioned.Unit.Label().ToLowerInvariant()}s a week at {UkFormat.Money(commissioned.Rate)} from {UkFormat.Date(commissioned.StartDate)}");
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("element-commissioned", "This element is already commissioned: end that service first")), ct);
        return commissioned;
    }

    public async Task<IReadOnlyList<Invoice>> InvoicesAsync(Guid providerId, CancellationToken ct = default) =>
        await db.Invoices.AsNoTracking().Where(i => i.ProviderId == providerId).OrderByDescending(i => i.PeriodEnd).ThenBy(i => i.InvoiceNumber).ToListAsync(ct);

    /// <summary>Approved invoices waiting for a payment run: the state and amount a run picks up (ADR 0035).</summary>
    public async Task<IReadOnlyList<Invoice>> ApprovedForPaymentAsync(CancellationToken ct = default) =>
        await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Approved).OrderBy(i => i.ApprovedAt).ToListAsync(ct);

    public async Task<InvoiceView> RecordInvoiceAsync(Guid providerId, string? number, DateOnly? periodStart, DateOnly? periodEnd, IReadOnlyList<InvoiceLineInput>? lines, CancellationToken ct = default)
    {
        var provider = await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, ct) ?? throw new NotFoundException("The provider");
        var invoice = Invoice.Record(providerId, number, periodStart, periodEnd, lines, currentUser.Actor, clock.GetUtcNow());
        var serviceIds = invoice.Lines.Where(l => l.CommissionedServiceId is not null).Select(l => l.CommissionedServiceId!.Value).Distinct().ToList();
        var services = await db.CommissionedServices.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToListAsync(ct);
        foreach (var personId in services.Select(s => s.PersonId).Distinct())
        {
            await people.EnsureAccessAsync(personId, ct);
        }

        if (await db.Invoices.AnyAsync(i => i.ProviderId == providerId && i.InvoiceNumber == invoice.InvoiceNumber, ct))
        {
            throw new ConflictException("invoice-number-exists", $"{provider.Name} already has an invoice numbered {invoice.InvoiceNumber}");
        }

        db.Invoices.Add(invoice);
        var match = InvoiceMatching.Match(providerId, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, services);
        audit.Add(AuditAction.Created, InvoiceRecordType, invoice.Id.ToString(),
            summary: $"Recorded {provider.Name}'s invoice {invoice.InvoiceNumber} for {UkFormat.Date(invoice.PeriodStart)} to {UkFormat.Date(invoice.PeriodEnd)}: {UkFormat.Money(invoice.Total)}, {invoice.Lines.Count} lines, {match.Lines.Count(l => l.Differences != LineDifference.None)} differing from the plan");
        foreach (var personId in services.Select(s => s.PersonId).Distinct())
        {
            audit.Add(AuditAction.Created, InvoiceRecordType, invoice.Id.ToString(), personId, summary: $"{provider.Name}'s invoice {invoice.InvoiceNumber} bills the person's services");
        }

        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(
            new ConflictException("invoice-number-exists", $"{provider.Name} already has an invoice numbered {invoice.InvoiceNumber}")), ct);
        return await ViewAsync(providerId, invoice.Id, audited: false, ct);
    }

    public Task<InvoiceView> GetInvoiceAsync(Guid providerId, Guid invoiceId, CancellationToken ct = default) => ViewAsync(providerId, invoiceId, audited: true, ct);

    public async Task<InvoiceView> ApproveAsync(Guid providerId, Guid invoiceId, int revision, string? note, CancellationToken ct = default)
    {
        var (invoice, match, provider) = await LoadAsync(providerId, invoiceId, ct);
        invoice.Approve(match, note, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, InvoiceRecordType, invoice.Id.ToString(),
            summary: $"Approved {provider}'s invoice {invoice.InvoiceNumber} for payment: {UkFormat.Money(invoice.ApprovedAmount!.Value)}{(match.HasDifferences ? $", with differences of {UkFormat.Money(match.Excess)} above the plan" : "")}",
            reason: invoice.ApprovalNote);
        await SaveAsync(invoice, ct);
        return await ViewAsync(providerId, invoiceId, audited: false, ct);
    }

    public async Task<InvoiceView> QueryAsync(Guid providerId, Guid invoiceId, int revision, string? reason, CancellationToken ct = default)
    {
        var (invoice, _, provider) = await LoadAsync(providerId, invoiceId, ct);
        invoice.Query(reason, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, InvoiceRecordType, invoice.Id.ToString(), summary: $"Queried {provider}'s invoice {invoice.InvoiceNumber}", reason: invoice.QueryReason);
        await SaveAsync(invoice, ct);
        return await ViewAsync(providerId, invoiceId, audited: false, ct);
    }

    private async Task<(Invoice Invoice, InvoiceMatch Match, string ProviderName)> LoadAsync(Guid providerId, Guid invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId && i.ProviderId == providerId, ct) ?? throw new NotFoundException("The invoice");
        var name = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Name).SingleAsync(ct);
        var ids = invoice.Lines.Where(l => l.CommissionedServiceId is not null).Select(l => l.CommissionedServiceId!.Value).ToList();
        var services = await db.CommissionedServices.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        foreach (var personId in services.Select(s => s.PersonId).Distinct())
        {
            await people.EnsureAccessAsync(personId, ct);
        }

        return (invoice, InvoiceMatching.Match(providerId, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, services), name);
    }

    private async Task<InvoiceView> ViewAsync(Guid providerId, Guid invoiceId, bool audited, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId && i.ProviderId == providerId, ct) ?? throw new NotFoundException("The invoice");
        var name = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Name).SingleAsync(ct);
        var ids = invoice.Lines.Where(l => l.CommissionedServiceId is not null).Select(l => l.CommissionedServiceId!.Value).ToList();
        var services = await db.CommissionedServices.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var personIds = services.Select(s => s.PersonId).Distinct().ToList();
        foreach (var personId in personIds)
        {
            await people.EnsureAccessAsync(personId, ct);
            if (audited)
            {
                audit.Add(AuditAction.Viewed, InvoiceRecordType, invoiceId.ToString(), personId, summary: $"Viewed {name}'s invoice {invoice.InvoiceNumber}, which bills the person's services");
            }
        }

        if (audited)
        {
            await db.SaveChangesAsync(ct);
        }

        var identifiers = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PersonIdentifier, ct);
        return new InvoiceView(invoice, name, InvoiceMatching.Match(providerId, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, services), identifiers);
    }

    private Task SaveAsync(Invoice invoice, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(db.Invoices.AsNoTracking().Where(i => i.Id == invoice.Id)
            .Select(i => new LastChange(i.ApprovedByName ?? i.QueriedByName ?? i.RecordedByName, i.ApprovedAt ?? i.QueriedAt ?? i.ReceivedAt)), ct);
}
