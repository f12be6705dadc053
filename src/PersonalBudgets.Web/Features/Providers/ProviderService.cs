using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>A provider in a list: names and contacts, which every member of staff may read.</summary>
public sealed record ProviderSummary(Guid Id, string Name, ProviderType Type, string? CqcLocationId, string? ContactName, string? ContactEmail, string? ContactPhone);

/// <summary>A provider with what the signed-in user may see: bank details in full only for finance staff.</summary>
public sealed record ProviderView(Provider Provider, bool MaySeeBankDetails, bool MayManage)
{
    public string BankDetailsShown => !Provider.HasBankDetails ? "Not recorded"
        : MaySeeBankDetails ? $"{Provider.AccountName}, sort code {BankDetails.FormatSortCode(Provider.SortCode!)}, account {Provider.AccountNumber}"
        : BankDetails.Masked(Provider.AccountNumber);
}

/// <summary>
/// The provider register (issue 15, ADR 0035). Administrators and finance staff add and change providers and their rates;
/// only finance staff see and record bank details, whose values never go into the audit trail or the logs (the trail says
/// that they changed, and who looked at them).
/// </summary>
public sealed class ProviderService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "Provider";

    private bool MaySeeBankDetails => currentUser.Principal.Has(Permission.ViewBankDetails);

    public async Task<IReadOnlyList<ProviderSummary>> ListAsync(CancellationToken ct = default) =>
        await db.Providers.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProviderSummary(p.Id, p.Name, p.Type, p.CqcLocationId, p.ContactName, p.ContactEmail, p.ContactPhone))
            .ToListAsync(ct);

    public async Task<ProviderView> GetAsync(Guid id, CancellationToken ct = default)
    {
        var provider = await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("The provider");
        if (MaySeeBankDetails && provider.HasBankDetails)
        {
            await audit.RecordAsync(AuditAction.Viewed, RecordType, id.ToString(), summary: $"Viewed {provider.Name} with its bank details", cancellationToken: ct);
        }

        return new ProviderView(provider, MaySeeBankDetails, currentUser.Principal.Has(Permission.ManageProviders));
    }

    public async Task<Provider> CreateAsync(ProviderDetails details, CancellationToken ct = default)
    {
        var provider = Provider.Create(details, currentUser.Actor, clock.GetUtcNow());
        db.Providers.Add(provider);
        audit.Add(AuditAction.Created, RecordType, provider.Id.ToString(), summary: $"Added {provider.Name} ({provider.Type.Label()}) to the provider register");
        await db.SaveChangesOrDuplicateAsync(ct);
        return provider;
    }

    public async Task<Provider> UpdateAsync(Guid id, int revision, ProviderDetails details, CancellationToken ct = default)
    {
        var provider = await LoadAsync(id, ct);
        var before = (provider.Name, provider.CqcLocationId, provider.Type, provider.ContactName, provider.ContactEmail, provider.ContactPhone);
        provider.Update(details, revision, currentUser.Actor, clock.GetUtcNow());
        var changes = new List<FieldChange>();
        void Changed(string field, string? from, string? to)
        {
            if (from != to) changes.Add(new FieldChange(field, from ?? "None", to ?? "None"));
        }

        Changed("Name", before.Name, provider.Name);
        Changed("CQC location ID", before.CqcLocationId, provider.CqcLocationId);
        Changed("Type", before.Type.Label(), provider.Type.Label());
        Changed("Contact", before.ContactName, provider.ContactName);
        Changed("Email", before.ContactEmail, provider.ContactEmail);
        Changed("Phone", before.ContactPhone, provider.ContactPhone);
        audit.Add(AuditAction.Updated, RecordType, id.ToString(), changes: changes, summary: $"Changed {provider.Name}'s details");
        await SaveAsync(provider, ct);
        return provider;
    }

    /// <summary>Records bank details. The audit trail and logs say that they changed, never what they are.</summary>
    public async Task<Provider> SetBankDetailsAsync(Guid id, int revision, string? sortCode, string? accountNumber, string? accountName, CancellationToken ct = default)
    {
        var provider = await LoadAsync(id, ct);
        var had = provider.HasBankDetails;
        provider.SetBankDetails(sortCode, accountNumber, accountName, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, id.ToString(),
            changes: [new FieldChange("Bank details", had ? "Recorded" : "Not recorded", "Recorded (changed)")],
            summary: $"{(had ? "Changed" : "Recorded")} {provider.Name}'s bank details");
        await SaveAsync(provider, ct);
        return provider;
    }

    public async Task<(Provider Provider, ProviderRate Rate)> AddRateAsync(Guid id, int revision, string? service, RateUnit? unit, decimal? rate, DateOnly? from, CancellationToken ct = default)
    {
        var provider = await LoadAsync(id, ct);
        var added = provider.AddRate(service, unit, rate, from, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Created, RecordType, id.ToString(),
            summary: $"Added a rate for {provider.Name}: {added.Service}, {UkFormat.Money(added.Rate)} a {added.Unit.Label().ToLowerInvariant()} from {UkFormat.Date(added.From)}");
        await SaveAsync(provider, ct);
        return (provider, added);
    }

    private async Task<Provider> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Providers.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("The provider");

    private Task SaveAsync(Provider provider, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(db.Providers.AsNoTracking().Where(p => p.Id == provider.Id).Select(p => new LastChange(p.UpdatedByName, p.UpdatedAt)), ct);
}
