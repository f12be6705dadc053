using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.ServiceStandards;

/// <summary>The standards in force (the newest version, or the defaults when none is stored) and the earlier versions.</summary>
public sealed record StandardsOverview(Core.Pathways.ServiceStandards Current, ServiceStandardsVersion? CurrentVersion, IReadOnlyList<ServiceStandardsVersion> Earlier)
{
    /// <summary>The number of the version in force, 0 for the defaults (the form carries it to detect a change meanwhile).</summary>
    public int Number => CurrentVersion?.Number ?? 0;
}

/// <summary>
/// Versioned service standards: each change creates a new version with who, when and why; due dates already set
/// keep theirs, new ones use the newest version.
/// </summary>
public sealed class ServiceStandardsService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "ServiceStandards";

    public async Task<StandardsOverview> OverviewAsync(CancellationToken ct = default)
    {
        var versions = await db.ServiceStandardsVersions.AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(ct);
        var current = versions.FirstOrDefault();
        return new StandardsOverview(current?.Standards ?? Core.Pathways.ServiceStandards.Default, current, versions.Skip(1).ToList());
    }

    /// <summary>
    /// Publishes a new version (number + 1; the first is number 1). <paramref name="expectedNumber"/> is the version
    /// the form was loaded from: if another has been saved since, the change is refused with who saved it and when.
    /// </summary>
    public async Task<ServiceStandardsVersion> SaveAsync(Core.Pathways.ServiceStandards standards, string? reason, int? expectedNumber, CancellationToken ct = default)
    {
        var latest = await db.ServiceStandardsVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        var number = (latest?.Number ?? 0) + 1;
        var version = ServiceStandardsVersion.Create(number, standards, reason, currentUser.Actor, clock.GetUtcNow());
        if (expectedNumber is { } expected && latest is not null && latest.Number != expected)
        {
            throw new ConcurrencyConflictException(latest.CreatedByName, latest.CreatedAt);
        }

        var before = latest?.Standards ?? Core.Pathways.ServiceStandards.Default;
        db.ServiceStandardsVersions.Add(version);
        audit.Add(AuditAction.Updated, RecordType, version.Id.ToString(), null, Changes(before, standards),
            summary: $"Service standards version {number} published", reason: version.Reason);
        // The unique number catches a version saved by someone else at the same moment.
        await db.SaveChangesOrConflictAsync(db.ServiceStandardsVersions.Where(v => v.Number == number).Select(v => new LastChange(v.CreatedByName, v.CreatedAt)), ct);

        return version;
    }

    private static List<FieldChange> Changes(Core.Pathways.ServiceStandards before, Core.Pathways.ServiceStandards after)
    {
        var changes = new List<FieldChange>();
        void Add(string field, object b, object a)
        {
            var bs = Convert.ToString(b, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var @as = Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (bs != @as)
            {
                changes.Add(new FieldChange(field, bs, @as));
            }
        }

        Add(nameof(before.AssessmentDaysFromReferral), before.AssessmentDaysFromReferral, after.AssessmentDaysFromReferral);
        Add(nameof(before.EligibilityWorkingDays), before.EligibilityWorkingDays, after.EligibilityWorkingDays);
        Add(nameof(before.IndicativeBudgetWorkingDays), before.IndicativeBudgetWorkingDays, after.IndicativeBudgetWorkingDays);
        Add(nameof(before.PlanDaysFromEligibility), before.PlanDaysFromEligibility, after.PlanDaysFromEligibility);
        Add(nameof(before.ApprovalWorkingDays), before.ApprovalWorkingDays, after.ApprovalWorkingDays);
        Add(nameof(before.FirstReviewWeeksAfterStart), before.FirstReviewWeeksAfterStart, after.FirstReviewWeeksAfterStart);
        Add(nameof(before.ReviewMonths), before.ReviewMonths, after.ReviewMonths);
        Add(nameof(before.DirectPaymentFirstReviewMonths), before.DirectPaymentFirstReviewMonths, after.DirectPaymentFirstReviewMonths);
        Add(nameof(before.TeamManagerWeeklyLimit), UkFormat.Money(before.TeamManagerWeeklyLimit), UkFormat.Money(after.TeamManagerWeeklyLimit));
        Add(nameof(before.PlanVariancePercent), before.PlanVariancePercent, after.PlanVariancePercent);
        return changes;
    }
}
