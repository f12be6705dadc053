using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.BudgetStatements;

/// <summary>A budget with the decision it came from.</summary>
/// <param name="Contribution">The completed financial assessment the contribution comes from; null while it is provisional (typed in the plan).</param>
public sealed record BudgetDecision(PersonalBudget Budget, ApprovalOutcome? Outcome, string? DecidedBy, DateTimeOffset? DecidedAt, string? Changes, Charging.ContributionSource? Contribution = null);

/// <summary>The person's budget in force (the latest not ended), and the earlier ones.</summary>
public sealed record PersonalBudgetOverview(PersonRecord Record, BudgetDecision? Current, IReadOnlyList<BudgetDecision> Earlier);

public sealed record BudgetStatementView(PersonRecord Record, BudgetDecision Budget, IReadOnlyList<TeamRef> Teams);

/// <summary>
/// The personal budget statement (Care Act s26) as approved: for the person's record tab, the printable statement
/// and the API. Every view checks the legitimate relationship and is audited.
/// </summary>
public sealed class PersonalBudgetService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit)
{
    public const string RecordType = "PersonalBudget";
    public const int HistoryLimit = 50;

    public async Task<PersonalBudgetOverview> OverviewAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        var budgets = await WithDecisions(db.PersonalBudgets.AsNoTracking().Where(b => b.PersonId == personId)
            .OrderBy(b => b.EndDate != null).ThenByDescending(b => b.StartDate).ThenByDescending(b => b.CreatedAt).Take(HistoryLimit), ct);
        var current = budgets.FirstOrDefault(b => b.Budget.EndDate is null);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, current?.Budget.Id.ToString(), personId,
            summary: current is null ? "Viewed the personal budget (none in place)" : "Viewed the personal budget statement", cancellationToken: ct);
        return new PersonalBudgetOverview(record, current, budgets.Where(b => b != current).ToList());
    }

    public async Task<BudgetStatementView> StatementAsync(Guid budgetId, CancellationToken ct = default)
    {
        var budget = await db.PersonalBudgets.AsNoTracking().SingleOrDefaultAsync(b => b.Id == budgetId, ct)
            ?? throw new NotFoundException("The personal budget");
        var record = await people.LoadForEditAsync(budget.PersonId, ct);
        var decided = (await WithDecisions(db.PersonalBudgets.AsNoTracking().Where(b => b.Id == budgetId), ct)).Single();
        await audit.RecordAsync(AuditAction.Viewed, RecordType, budgetId.ToString(), budget.PersonId,
            summary: "Viewed the personal budget statement", cancellationToken: ct);
        return new BudgetStatementView(record, decided, record.Teams);
    }

    /// <summary>
    /// The person's own budget in force, for their own area (ADR 0029): the person id comes from their sign-in, not a
    /// route, so there is no staff relationship to check. Audited with the person as the actor. Null when none is in place.
    /// </summary>
    public async Task<BudgetDecision?> PersonsOwnCurrentAsync(Guid personId, CancellationToken ct = default)
    {
        var current = (await WithDecisions(db.PersonalBudgets.AsNoTracking().Where(b => b.PersonId == personId && b.EndDate == null)
            .OrderByDescending(b => b.StartDate).ThenByDescending(b => b.CreatedAt).Take(1), ct)).SingleOrDefault();
        await audit.RecordAsync(AuditAction.Viewed, RecordType, current?.Budget.Id.ToString(), personId,
            summary: current is null ? "The person looked for their personal budget (none in place)" : "The person viewed their personal budget statement", cancellationToken: ct);
        return current;
    }

    /// <summary>The budgets (already ordered and bounded by the caller) with their decisions: two queries.</summary>
    private async Task<IReadOnlyList<BudgetDecision>> WithDecisions(IQueryable<PersonalBudget> budgets, CancellationToken ct)
    {
        var list = await budgets.ToListAsync(ct);
        var ids = list.Select(b => b.ApprovalRequestId).ToList();
        var decisions = await db.ApprovalRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Outcome, r.DecidedByName, r.DecidedAt, r.Changes }).ToDictionaryAsync(r => r.Id, ct);
        var sources = await Charging.ContributionFlow.SourcesAsync(db, list.Where(b => b.ContributionAssessmentId is not null).Select(b => b.ContributionAssessmentId!.Value).ToList(), ct);
        Charging.ContributionSource? SourceOf(PersonalBudget b) => b.ContributionAssessmentId is { } id && sources.TryGetValue(id, out var s) ? s : null;
        return list.Select(b => decisions.TryGetValue(b.ApprovalRequestId, out var d)
            ? new BudgetDecision(b, d.Outcome, d.DecidedByName, d.DecidedAt, d.Changes, SourceOf(b))
            : new BudgetDecision(b, null, null, null, null, SourceOf(b))).ToList();
    }
}
