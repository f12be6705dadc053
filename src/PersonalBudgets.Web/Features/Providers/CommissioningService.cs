using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
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

/// <summary>A provider's service at its rate today, as an option when commissioning (value: provider id and service).</summary>
public sealed record ProviderServiceOption(Guid ProviderId, string ProviderName, string Service, RateUnit Unit, decimal Rate);

/// <summary>What the commissioning form offers: the person's approved plan, its commissionable elements and the providers' services.</summary>
public sealed record CommissionOptions(SupportPlan? ApprovedPlan, IReadOnlyList<PlanElement> Elements, IReadOnlyList<ProviderServiceOption> Services);

/// <summary>
/// Individual service funds and council-commissioned services from approved plans, and providers' invoices matched
/// against them (issue 15, ADR 0035). Commissioning needs access to the person (their team's legitimate relationship);
/// an invoice's lines name people, so recording or viewing one checks access to each and audits the view for each.
/// </summary>
public sealed class CommissioningService(PersonalBudgetsDbContext db, PersonService people, RecordAccessService access, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string ServiceRecordType = "CommissionedService";
    public const string InvoiceRecordType = "ProviderInvoice";

    /// <summary>Today in the UK, for showing the units and rate in force.</summary>
    public DateOnly Today => clock.UkToday();

    public async Task<IReadOnlyList<CommissionedServiceItem>> ForPersonAsync(Guid personId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var rows = await db.CommissionedServices.AsNoTracking().Where(s => s.PersonId == personId)
            .Join(db.Providers, s => s.ProviderId, p => p.Id, (s, p) => new { s, p.Name }).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, ServiceRecordType, null, personId, summary: $"Viewed the person's commissioned services: {rows.Count}", cancellationToken: ct);
        return rows.OrderByDescending(r => r.s.StartDate).Select(r => new CommissionedServiceItem(r.s, r.Name)).ToList();
    }

    /// <summary>
    /// The services a provider delivers to people the user's teams work with, for recording an invoice (people's
    /// identifiers, not names).
    /// </summary>
    public async Task<IReadOnlyList<(CommissionedService Service, string PersonIdentifier)>> ForProviderAsync(Guid providerId, CancellationToken ct = default)
    {
        var rows = await db.CommissionedServices.AsNoTracking().Where(s => s.ProviderId == providerId)
            .Join(access.AccessiblePeople(), s => s.PersonId, p => p.Id, (s, p) => new { s, p.PersonIdentifier }).ToListAsync(ct);
        rows = rows.OrderBy(r => r.PersonIdentifier, StringComparer.Ordinal).ThenByDescending(r => r.s.StartDate).ToList();
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

    /// <summary>The person's approved plan, its elements that a provider can be commissioned for, and the providers' services with a rate today.</summary>
    public async Task<CommissionOptions> CommissionOptionsAsync(Guid personId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var plan = await db.SupportPlans.AsNoTracking().Where(p => p.PersonId == personId && p.Status == PlanStatus.Approved)
            .OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);
        var elements = plan?.Elements.Where(e => e.Deployment is Deployment.IndividualServiceFund or Deployment.CouncilCommissioned).ToList() ?? [];
        var today = clock.UkToday();
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var services = providers.SelectMany(p => p.Rates.Select(r => r.Service).Distinct(StringComparer.Ordinal)
                .Select(name => p.RateOn(name, today) ?? p.Rates.Where(r => r.Service == name).OrderBy(r => r.From).First())
                .Select(r => new ProviderServiceOption(p.Id, p.Name, r.Service, r.Unit, r.Rate)))
            .ToList();
        return new CommissionOptions(plan, elements, services);
    }

    /// <summary>One of the person's commissioned services, with its provider's name (the view is audited).</summary>
    public async Task<CommissionedServiceItem> GetServiceAsync(Guid personId, Guid serviceId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var row = await db.CommissionedServices.AsNoTracking().Where(s => s.Id == serviceId && s.PersonId == personId)
            .Join(db.Providers, s => s.ProviderId, p => p.Id, (s, p) => new { s, p.Name }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("The commissioned service");
        await audit.RecordAsync(AuditAction.Viewed, ServiceRecordType, serviceId.ToString(), personId, summary: $"Viewed the commissioned service '{row.s.Description}' ({row.Name})", cancellationToken: ct);
        return new CommissionedServiceItem(row.s, row.Name);
    }

    /// <summary>Ends a commissioned service on a date (the last day it is in force).</summary>
    public async Task<CommissionedService> EndAsync(Guid personId, Guid serviceId, int revision, DateOnly? endDate, CancellationToken ct = default)
    {
        var service = await LoadForChangeAsync(personId, serviceId, revision, ct);
        service.End(endDate);
        audit.Add(AuditAction.Updated, ServiceRecordType, service.Id.ToString(), personId,
            changes: [new FieldChange("End date", "", UkFormat.Date(service.EndDate!.Value))],
            summary: $"Ended the commissioned service '{service.Description}' ({service.Service}) from {UkFormat.Date(service.EndDate!.Value.AddDays(1))}");
        await SaveChangeAsync(ct);
        return service;
    }

    /// <summary>
    /// Suspends a service from a date, to a date or until further notice, with a reason (ADR 0040): an individual service
    /// fund is paid nothing for those days, and invoices for a commissioned service are matched as if nothing was planned.
    /// </summary>
    public async Task<CommissionedService> SuspendAsync(Guid personId, Guid serviceId, int revision, DateOnly? from, DateOnly? to, string? reason, CancellationToken ct = default)
    {
        var service = await LoadForChangeAsync(personId, serviceId, revision, ct);
        var added = service.Suspend(from, to, reason, currentUser.Actor, clock.GetUtcNow());
        var days = $"{UkFormat.Date(added.From)}{(added.To is { } t ? $" to {UkFormat.Date(t)}" : " until further notice")}";
        audit.Add(AuditAction.Updated, ServiceRecordType, service.Id.ToString(), personId,
            changes: [new FieldChange("Suspended", "", days)],
            summary: $"Suspended the commissioned service '{service.Description}' ({service.Service}) from {days}", reason: added.Reason);
        await SaveChangeAsync(ct);
        return service;
    }

    /// <summary>Ends the service's suspension until further notice: it is delivered (and a fund paid) again from the day given.</summary>
    public async Task<CommissionedService> ResumeAsync(Guid personId, Guid serviceId, int revision, DateOnly? resumeOn, CancellationToken ct = default)
    {
        var service = await LoadForChangeAsync(personId, serviceId, revision, ct);
        var ended = service.Resume(resumeOn);
        audit.Add(AuditAction.Updated, ServiceRecordType, service.Id.ToString(), personId,
            changes: [new FieldChange("Suspended", $"{UkFormat.Date(ended.From)} until further notice", $"{UkFormat.Date(ended.From)} to {UkFormat.Date(ended.To!.Value)}")],
            summary: $"The commissioned service '{service.Description}' ({service.Service}) resumes on {UkFormat.Date(resumeOn!.Value)}");
        await SaveChangeAsync(ct);
        return service;
    }

    /// <summary>
    /// Records a change of the units a week or the rate from a date (ADR 0040); the rate not given is the provider's rate for
    /// the service on that date. A fund's schedule splits there; a commissioned service's invoices are matched against it.
    /// </summary>
    public async Task<CommissionedService> ChangeAsync(Guid personId, Guid serviceId, int revision, DateOnly? from, decimal? unitsPerWeek, decimal? rate, string? reason, CancellationToken ct = default)
    {
        var service = await LoadForChangeAsync(personId, serviceId, revision, ct);
        var provider = await db.Providers.AsNoTracking().SingleAsync(p => p.Id == service.ProviderId, ct);
        var (unitsBefore, rateBefore) = from is { } day && day >= service.StartDate ? service.ValuesOn(day) : (service.UnitsPerWeek, service.Rate);
        var change = service.ChangeFrom(from, unitsPerWeek, rate, reason, provider, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, ServiceRecordType, service.Id.ToString(), personId,
            changes:
            [
                new FieldChange("Units a week", unitsBefore.ToString(CultureInfo.InvariantCulture), change.UnitsPerWeek.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Rate", UkFormat.Money(rateBefore), UkFormat.Money(change.Rate)),
            ],
            summary: $"Changed the commissioned service '{service.Description}' ({service.Service}) from {UkFormat.Date(change.From)}: {change.UnitsPerWeek} {service.Unit.Label().ToLowerInvariant()}s a week at {UkFormat.Money(change.Rate)}, {UkFormat.Money(change.WeeklyCost)} a week",
            reason: change.Reason);
        await SaveChangeAsync(ct);
        return service;
    }

    private async Task<CommissionedService> LoadForChangeAsync(Guid personId, Guid serviceId, int revision, CancellationToken ct)
    {
        await people.LoadForEditAsync(personId, ct);
        var service = await db.CommissionedServices.SingleOrDefaultAsync(s => s.Id == serviceId && s.PersonId == personId, ct) ?? throw new NotFoundException("The commissioned service");
        if (service.Revision != revision)
        {
            throw new ConflictException("service-changed", "This service has changed since you opened it (it may have been suspended, changed, ended or carried over to a revised plan): check it and try again");
        }

        return service;
    }

    private Task SaveChangeAsync(CancellationToken ct) =>
        db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("service-changed", "This service was changed by someone else at the same moment: check it and try again")), ct);

    /// <summary>
    /// Called as a plan is approved, in the decision's unit of work (which saves): the person's active commissioned
    /// services of earlier versions carry over to the matching element of the approved plan, or end when it has none
    /// (<see cref="CommissioningPolicy"/>, ADR 0038). Each is audited; an ended one is listed on the finance worklist.
    /// </summary>
    public async Task CarryOverOnApprovalAsync(Guid personId, Guid planId, CancellationToken ct = default)
    {
        var plan = db.ChangeTracker.Entries<SupportPlan>().Select(e => e.Entity).FirstOrDefault(p => p.Id == planId)
            ?? await db.SupportPlans.SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return;
        }

        var active = await db.CommissionedServices.Where(s => s.PersonId == personId && s.Status == CommissionedServiceStatus.Active && s.PlanId != planId).ToListAsync(ct);
        foreach (var decision in CommissioningPolicy.OnRevisedPlanApproved(active, plan, clock.UkToday()))
        {
            var s = decision.Service;
            if (decision.To is { } element)
            {
                var was = s.Description;
                s.CarryOverTo(plan, element);
                audit.Add(AuditAction.Updated, ServiceRecordType, s.Id.ToString(), personId,
                    summary: $"Plan version {plan.Number} approved: the commissioned service '{was}' ({s.Service}) carries over to its element '{element.Description}'");
            }
            else
            {
                s.End(decision.EndOn, $"Plan version {plan.Number} has no matching {s.Deployment.Label().ToLowerInvariant()} element");
                audit.Add(AuditAction.Updated, ServiceRecordType, s.Id.ToString(), personId,
                    changes: [new FieldChange("End date", "", UkFormat.Date(s.EndDate!.Value))],
                    summary: $"Plan version {plan.Number} approved without a matching element: the commissioned service '{s.Description}' ({s.Service}) ends on {UkFormat.Date(s.EndDate!.Value)}. Finance: tell the provider, and commission again if the support continues");
            }
        }
    }

    /// <summary>
    /// Finance worklist: services of people in the user's teams that a revised plan ended in the last 28 days, so the
    /// provider is told and the support recommissioned if it continues.
    /// </summary>
    public async Task<IReadOnlyList<(CommissionedService Service, string ProviderName, string PersonIdentifier)>> EndedByRevisedPlansAsync(CancellationToken ct = default)
    {
        var since = clock.UkToday().AddDays(-28);
        var rows = await db.CommissionedServices.AsNoTracking().Where(s => s.EndReason != null && s.EndDate >= since)
            .Join(access.AccessiblePeople(), s => s.PersonId, p => p.Id, (s, p) => new { s, p.PersonIdentifier })
            .Join(db.Providers, r => r.s.ProviderId, p => p.Id, (r, p) => new { r.s, r.PersonIdentifier, p.Name }).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed commissioned services ended by revised plans: {rows.Count}", cancellationToken: ct);
        return rows.OrderByDescending(r => r.s.EndDate).Select(r => (r.s, r.Name, r.PersonIdentifier)).ToList();
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
