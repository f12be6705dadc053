using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging;

public sealed record ChargingPolicySummary(Guid Id, int Number, int FinancialYearStart, string Name, ChargingPolicyStatus Status, bool IsCurrent, bool IsExample, int Unconfirmed, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>
/// The council's charging policy, versioned per financial year like the RAS (ADR 0032): a draft per year, changed with
/// its revision, checked before publishing; published versions never change. Every change is audited.
/// </summary>
public sealed class ChargingPolicyService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "ChargingPolicyVersion";

    public async Task<IReadOnlyList<ChargingPolicySummary>> ListAsync(CancellationToken ct = default)
    {
        var versions = await db.ChargingPolicyVersions.AsNoTracking().OrderByDescending(v => v.FinancialYearStart).ThenByDescending(v => v.Number).ToListAsync(ct);
        return versions.Select(v => new ChargingPolicySummary(v.Id, v.Number, v.FinancialYearStart, v.Name, v.Status, v.IsCurrent, v.IsExample, v.Definition.Unconfirmed.Count,
            v.CreatedAt, v.CreatedByName, v.PublishedAt, v.PublishedByName)).ToList();
    }

    public async Task<ChargingPolicyVersion> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.ChargingPolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("The charging policy version");

    /// <summary>The version in force for the financial year a date falls in, or null when that year has none published.</summary>
    public async Task<ChargingPolicyVersion?> InForceOnAsync(DateOnly date, CancellationToken ct = default)
    {
        var year = ChargingPolicyVersion.FinancialYearOf(date);
        return await db.ChargingPolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.FinancialYearStart == year && v.IsCurrent, ct);
    }

    /// <summary>A new draft for a financial year, copying that year's version in force, or its latest, or the year before's.</summary>
    public async Task<ChargingPolicyVersion> CreateDraftAsync(int? financialYearStart, string? name, CancellationToken ct = default)
    {
        if (financialYearStart is not { } year || year is < 2015 or > 2100)
        {
            throw new ValidationFailedException([new("FinancialYearStart", "Enter the year the financial year starts, for example 2027")]);
        }

        if (await db.ChargingPolicyVersions.AsNoTracking().AnyAsync(v => v.FinancialYearStart == year && v.Status == ChargingPolicyStatus.Draft, ct))
        {
            throw new ConflictException("charging-policy-draft-exists", $"There is already a draft for {ChargingPolicyDefinition.FinancialYearLabel(year)}. Change or publish it");
        }

        var source = await db.ChargingPolicyVersions.AsNoTracking().Where(v => v.FinancialYearStart <= year)
            .OrderByDescending(v => v.FinancialYearStart).ThenByDescending(v => v.IsCurrent).ThenByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        var definition = (source?.Definition ?? ExampleChargingPolicies.For2025To2026) with { FinancialYearStart = year };
        if (source is not null && source.FinancialYearStart != year)
        {
            // Figures carried over from another year are unconfirmed until checked against this year's circular.
            definition = definition with { Unconfirmed = definition.Figures().Select(f => f.Name).ToList() };
        }

        var number = (await db.ChargingPolicyVersions.MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = ChargingPolicyVersion.CreateDraft(number, name, definition, isExample: false, currentUser.Actor, clock.GetUtcNow());
        db.ChargingPolicyVersions.Add(version);
        audit.Add(AuditAction.Created, RecordType, version.Id.ToString(), summary: $"Created draft charging policy version {number} for {definition.FinancialYear}" + (source is null ? "" : $" from version {source.Number}"));
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(
            new ConflictException("charging-policy-draft-exists", "Someone has just created a draft for that year. Open it from the list")), ct);
        return version;
    }

    /// <summary>Changes a draft's figures; every changed figure is in the audit entry.</summary>
    public async Task<ChargingPolicyVersion> UpdateDraftAsync(Guid id, int revision, ChargingPolicyDefinition definition, CancellationToken ct = default)
    {
        var version = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("The charging policy version");
        var before = version.Definition;
        version.UpdateDraft(definition with { FinancialYearStart = version.FinancialYearStart }, revision);
        var changes = before.Figures().Zip(definition.Figures(), (b, a) => (b.Label, Before: b.Amount, After: a.Amount)).Where(x => x.Before != x.After)
            .Select(x => new FieldChange(x.Label, UkFormat.Money(x.Before), UkFormat.Money(x.After))).ToList();
        if (before.Discretions != definition.Discretions)
        {
            changes.Add(new FieldChange("Discretions", before.Discretions.ToString(), definition.Discretions.ToString()));
        }

        audit.Add(AuditAction.Updated, RecordType, version.Id.ToString(), changes: changes, summary: $"Changed draft charging policy version {version.Number}");
        await SaveAsync(version, ct);
        return version;
    }

    public async Task<ChargingPolicyVersion> PublishAsync(Guid id, int revision, CancellationToken ct = default)
    {
        var version = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("The charging policy version");
        if (version.Revision != revision)
        {
            throw new ConcurrencyConflictException(version.PublishedByName ?? version.CreatedByName, version.PublishedAt ?? version.CreatedAt);
        }

        var current = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.FinancialYearStart == version.FinancialYearStart && v.IsCurrent, ct);
        version.Publish(currentUser.Actor, clock.GetUtcNow(), current);
        audit.Add(AuditAction.Updated, RecordType, version.Id.ToString(), summary: $"Published charging policy version {version.Number} for {version.Definition.FinancialYear}"
            + (current is null ? "" : $", replacing version {current.Number}"));
        await SaveAsync(version, ct);
        return version;
    }

    private Task SaveAsync(ChargingPolicyVersion version, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConcurrencyConflictException(version.CreatedByName, version.CreatedAt)), ct);
}
