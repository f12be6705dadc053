using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.ServiceStandards;

/// <summary>The standards in force (the newest version, or the defaults when none is stored) and the earlier versions.</summary>
public sealed record StandardsOverview(Core.Pathways.ServiceStandards Current, ServiceStandardsVersion? CurrentVersion, IReadOnlyList<ServiceStandardsVersion> Earlier)
{
    /// <summary>The number of the version in force, 0 for the defaults (the form carries it to detect a change meanwhile).</summary>
    public int Number => CurrentVersion?.Number ?? 0;
}

/// <summary>One standard on the check page: its value in force now and the value about to be saved.</summary>
public sealed record StandardComparison(string Label, string InForce, string New)
{
    public bool Changed => InForce != New;
}

/// <summary>
/// Versioned service standards: each change creates a new version with who, when and why; due dates already set
/// keep theirs, new ones use the newest version.
/// </summary>
public sealed class ServiceStandardsService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock, PathwayService pathway)
{
    public const string RecordType = "ServiceStandards";

    public async Task<StandardsOverview> OverviewAsync(CancellationToken ct = default)
    {
        var versions = await db.ServiceStandardsVersions.AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(ct);
        var current = versions.FirstOrDefault();
        return new StandardsOverview(current?.Standards ?? Core.Pathways.ServiceStandards.Default, current, versions.Skip(1).ToList());
    }

    /// <summary>
    /// The check step before saving: refuses what saving would refuse (the standards' rules, the reason), saves
    /// nothing, and compares each standard with the version in force.
    /// </summary>
    public async Task<IReadOnlyList<StandardComparison>> CheckAsync(Core.Pathways.ServiceStandards standards, string? reason, int? expectedNumber, CancellationToken ct = default)
    {
        var overview = await OverviewAsync(ct);
        if (expectedNumber is { } expected && overview.CurrentVersion is { } latest && latest.Number != expected)
        {
            throw new ConcurrencyConflictException(latest.CreatedByName, latest.CreatedAt);
        }

        _ = ServiceStandardsVersion.Create(overview.Number + 1, standards, reason, currentUser.Actor, clock.GetUtcNow());
        return Compare(overview.Current, standards);
    }

    /// <summary>Each standard as the page shows it, before and after.</summary>
    public static IReadOnlyList<StandardComparison> Compare(Core.Pathways.ServiceStandards before, Core.Pathways.ServiceStandards after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return
        [
            new("Needs assessment", $"{before.AssessmentDaysFromReferral} days from referral", $"{after.AssessmentDaysFromReferral} days from referral"),
            new("Eligibility", $"{before.EligibilityWorkingDays} working days", $"{after.EligibilityWorkingDays} working days"),
            new("Indicative budget", $"{before.IndicativeBudgetWorkingDays} working days", $"{after.IndicativeBudgetWorkingDays} working days"),
            new("Support plan agreed", $"{before.PlanDaysFromEligibility} days from eligibility", $"{after.PlanDaysFromEligibility} days from eligibility"),
            new("Approval decided", $"{before.ApprovalWorkingDays} working days", $"{after.ApprovalWorkingDays} working days"),
            new("First review", $"{before.FirstReviewWeeksAfterStart} weeks after the budget starts", $"{after.FirstReviewWeeksAfterStart} weeks after the budget starts"),
            new("Reviews", $"At least every {before.ReviewMonths} months", $"At least every {after.ReviewMonths} months"),
            new("First direct payment review", $"Within {before.DirectPaymentFirstReviewMonths} months", $"Within {after.DirectPaymentFirstReviewMonths} months"),
            new("Team manager's weekly limit", UkFormat.Money(before.TeamManagerWeeklyLimit), UkFormat.Money(after.TeamManagerWeeklyLimit)),
            new("Plan variance needing a reason", $"{before.PlanVariancePercent}%", $"{after.PlanVariancePercent}%"),
        ];
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
        if (standards.TeamManagerWeeklyLimit != before.TeamManagerWeeklyLimit)
        {
            await RerouteWaitingApprovalsAsync(standards.TeamManagerWeeklyLimit, ct);
        }

        // The unique number catches a version saved by someone else at the same moment (and a request decided meanwhile
        // moves its revision, so the whole change is refused rather than half made).
        await db.SaveChangesOrConflictAsync(db.ServiceStandardsVersions.Where(v => v.Number == number).Select(v => new LastChange(v.CreatedByName, v.CreatedAt)), ct);

        return version;
    }

    /// <summary>
    /// Moves every approval request still waiting for its first decision to the route the new limit gives, with the
    /// approval step's owner (the team manager or panel member who decides), in this unit of work. Each move is in the
    /// request's history. The due date stays: the person should not wait longer because the council changed its limit.
    /// </summary>
    private async Task RerouteWaitingApprovalsAsync(decimal limit, CancellationToken ct)
    {
        var waiting = await db.ApprovalRequests
            .Where(r => r.Outcome == null && r.PanelMeetingId == null && r.Route != Core.Approvals.ApprovalRoute.RiskEnablementPanel)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var request in waiting)
        {
            if (request.FollowLimit(limit) is not { } from)
            {
                continue;
            }

            var owner = "";
            var step = await db.PathwaySteps.SingleOrDefaultAsync(s => s.SubjectId == request.Id && s.Stage == PathwayStage.Approval && s.CompletedAt == null, ct);
            if (step is not null && await pathway.DeciderAsync(request.PersonId, request.Route, request.PlanAuthorId, request.RequestedById, ct) is { } decider
                && decider.Id != step.OwnerId)
            {
                var change = step.AssignOwner(decider, $"The team manager's limit changed to {UkFormat.Money(limit)} a week", null, currentUser.Actor, now);
                db.StepOwnerChanges.Add(change);
                owner = $"; the approval step moved from {change.FromOwnerName ?? "nobody"} to {change.ToOwnerName}";
            }

            audit.Add(AuditAction.Updated, Approvals.ApprovalService.RecordType, request.Id.ToString(), request.PersonId,
                [new FieldChange("Route", from.Label(), request.Route.Label())],
                summary: $"Version {request.PlanNumber} of the support plan moved from the {from.Label().ToLowerInvariant()} to the {request.Route.Label().ToLowerInvariant()}: the team manager's limit is now {UkFormat.Money(limit)} a week{owner}");
        }
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
