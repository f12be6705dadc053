using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Approvals;

/// <summary>What a decision put in place: the new budget, the plans it superseded and the budgets it ended.</summary>
public sealed record ApprovalEffects(PersonalBudget? Budget, IReadOnlyList<SupportPlan> Superseded, IReadOnlyList<PersonalBudget> EndedBudgets);

/// <summary>
/// What a decision on a plan does beyond the decision itself. Approved: the plan is in force, the version it replaces
/// is superseded, the personal budget starts on the day of approval (or when the first support starts, if later) with
/// its s26 statement worked out once, and the budgets it replaces end the day before. Declined: the plan returns to
/// support planning as a draft. Deferred: nothing moves. Raises <see cref="ApprovalDecided"/> for the pathway.
/// </summary>
public static class PlanApproval
{
    /// <summary>The day the budget starts: the day of approval, or the first element's start if that is later.</summary>
    public static DateOnly BudgetStart(SupportPlan plan, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var earliest = plan.Elements.Count == 0 ? today : plan.Elements.Min(e => e.StartDate);
        return earliest > today ? earliest : today;
    }

    /// <param name="request">The request, already decided.</param>
    /// <param name="versions">The person's other plan versions (those in force are superseded on approval).</param>
    /// <param name="openBudgets">The person's budgets with no end date.</param>
    public static ApprovalEffects Apply(ApprovalRequest request, SupportPlan plan, Person person, IEnumerable<SupportPlan> versions, IEnumerable<PersonalBudget> openBudgets,
        DateOnly today, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(openBudgets);
        if (request.Outcome is not { } outcome || request.PlanId != plan.Id || plan.PersonId != person.Id)
        {
            throw new ArgumentException("Apply a decided request to its own plan and person.", nameof(request));
        }

        var effects = new ApprovalEffects(null, [], []);
        switch (outcome)
        {
            case ApprovalOutcome.Approved or ApprovalOutcome.ApprovedWithChanges:
            {
                var start = BudgetStart(plan, today);
                var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, person.Section117InForceOn(start));
                plan.MarkApproved(actor, now);
                var superseded = PlanVersions.SupersededBy(plan, versions);
                foreach (var old in superseded)
                {
                    old.MarkSuperseded(actor, now);
                }

                var supersededIds = superseded.Select(p => p.Id).ToHashSet();
                var ended = openBudgets.Where(b => b.PersonId == plan.PersonId && b.EndDate is null && (supersededIds.Contains(b.PlanId) || b.StartDate < start)).ToList();
                foreach (var old in ended)
                {
                    old.End(start.AddDays(-1));
                }

                var budget = PersonalBudget.Create(plan.PersonId, plan.Id, plan.Number, request.Id, start, statement, actor, now);
                effects = new ApprovalEffects(budget, superseded, ended);
                break;
            }

            case ApprovalOutcome.Declined:
                plan.ReturnToDraft(actor, now);
                break;
        }

        request.AddDomainEvent(new ApprovalDecided(plan.PersonId, request.Id, plan.Id, plan.Number, outcome, plan.AuthorId, effects.Budget?.Id, effects.Budget?.StartDate,
            request.Reasons, plan.PersonsPart));
        return effects;
    }
}
