using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Charging;

/// <summary>A change the contribution made, for the caller to audit (a request through the audit log, a run directly).</summary>
public delegate void ContributionChanged(string recordType, Guid recordId, FieldChange change, string summary);

/// <summary>The completed financial assessment a contribution comes from: its version, when it was completed and its start.</summary>
public sealed record ContributionSource(Guid AssessmentId, int Version, DateOnly CompletedOn, DateOnly? EffectiveFrom)
{
    public string Describe() =>
        $"From financial assessment version {Version}, completed {UkFormat.Date(CompletedOn)}" + (EffectiveFrom is { } from ? $", from {UkFormat.Date(from)}" : "");
}

/// <summary>
/// Where a completed financial assessment's contribution goes (ADR 0032): the person's draft plans and the budget in
/// place, from its date. One home for completing, correcting and the April uprating run.
/// </summary>
public static class ContributionFlow
{
    /// <summary>The weekly cost each person can be charged for: their latest plan's cost less any NHS share; absent with no plan.</summary>
    public static async Task<IReadOnlyDictionary<Guid, decimal>> ChargeableWeeklyCostsAsync(PersonalBudgetsDbContext db, IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plans = await db.SupportPlans.AsNoTracking().Where(p => personIds.Contains(p.PersonId) && p.Status != PlanStatus.Superseded)
            .Select(p => new { p.PersonId, p.Status, p.Number, p.WeeklyCost, p.NhsShareWeekly }).ToListAsync(ct);
        return plans.GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g =>
        {
            var plan = g.OrderBy(p => p.Status == PlanStatus.Draft ? 0 : p.Status == PlanStatus.AwaitingApproval ? 1 : 2).ThenByDescending(p => p.Number).First();
            return Math.Max(0m, plan.WeeklyCost - plan.NhsShareWeekly);
        });
    }

    /// <summary>The assessments contributions come from (outcome only: version and dates, no evidence).</summary>
    public static async Task<IReadOnlyDictionary<Guid, ContributionSource>> SourcesAsync(PersonalBudgetsDbContext db, IReadOnlyCollection<Guid> assessmentIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (assessmentIds.Count == 0)
        {
            return new Dictionary<Guid, ContributionSource>();
        }

        var rows = await db.FinancialAssessments.AsNoTracking().Where(f => assessmentIds.Contains(f.Id) && f.CompletedAt != null)
            .Select(f => new { f.Id, f.Version, f.CompletedAt, f.EffectiveFrom }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ContributionSource(r.Id, r.Version, UkTime.DateOf(r.CompletedAt!.Value), r.EffectiveFrom));
    }

    public static async Task ApplyAsync(PersonalBudgetsDbContext db, FinancialAssessment fa, decimal weekly, DateOnly from, bool section117, Actor actor, DateTimeOffset now, ContributionChanged changed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fa);
        ArgumentNullException.ThrowIfNull(changed);
        foreach (var plan in await db.SupportPlans.Where(p => p.PersonId == fa.PersonId && p.Status == PlanStatus.Draft).ToListAsync(ct))
        {
            var before = plan.AssessedContributionWeekly;
            if (plan.UseAssessedContribution(fa.Id, weekly, section117, actor, now))
            {
                changed("SupportPlan", plan.Id, new FieldChange("Assessed contribution (weekly)", UkFormat.Money(before), UkFormat.Money(plan.AssessedContributionWeekly)),
                    $"Plan version {plan.Number}: the contribution now comes from financial assessment version {fa.Version}");
            }
        }

        foreach (var budget in await db.PersonalBudgets.Where(b => b.PersonId == fa.PersonId && b.EndDate == null).ToListAsync(ct))
        {
            var before = budget.ContributionWeekly;
            if (budget.ApplyAssessedContribution(fa.Id, weekly, from))
            {
                changed("PersonalBudget", budget.Id, new FieldChange("Contribution (weekly)", UkFormat.Money(before), UkFormat.Money(budget.ContributionWeekly)),
                    $"The personal budget statement takes the contribution from financial assessment version {fa.Version} from {UkFormat.Date(budget.ContributionFrom!.Value)}");
            }
        }
    }
}
