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
