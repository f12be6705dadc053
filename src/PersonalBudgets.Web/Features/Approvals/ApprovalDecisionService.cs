using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>A decision as entered: the outcome, its reasons, the changes an approval depends on, and the revision the decider saw.</summary>
public sealed record DecisionInput(ApprovalOutcome? Outcome, string? Reasons, string? Changes, int Revision);

/// <summary>What a decision did: the request, and the budget it put in place when it approved the plan.</summary>
public sealed record DecisionResult(ApprovalRequest Request, PersonalBudget? Budget);

/// <summary>
/// Records a decision on a plan, for the team manager and for the panel alike, in one unit of work: the decision,
/// the plan's status, the personal budget (ending the one it replaces), the pathway's move, a notification to the
/// plan's author, and the audit entries. The domain refuses the author, a decider above their limit or without the
/// right role, and a stale revision.
/// </summary>
public sealed class ApprovalDecisionService(
    PersonalBudgetsDbContext db,
    RecordAccessService access,
    PathwayService pathway,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock)
{
    public const string BudgetRecordType = "PersonalBudget";
    public const string DecisionReadyMessage = "The decision on a support plan is ready";

    /// <summary>Decides the request. With <paramref name="meetingId"/>, the request must be on that meeting's agenda.</summary>
    public async Task<DecisionResult> DecideAsync(Guid requestId, Guid? meetingId, DecisionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await db.ApprovalRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new NotFoundException("The approval request");
        if (meetingId is not null && request.PanelMeetingId != meetingId)
        {
            throw new NotFoundException("The plan on this meeting's agenda");
        }

        var route = await access.EnsureAccessAsync(request.PersonId, ct);
        var plan = await db.SupportPlans.SingleAsync(p => p.Id == request.PlanId, ct);
        var standards = await pathway.StandardsAsync(ct);
        var now = clock.GetUtcNow();
        var actor = currentUser.Actor;
        request.Decide(input.Outcome, input.Reasons, input.Changes, input.Revision, currentUser.Id, ApprovalService.RolesOf(currentUser.Principal),
            standards.TeamManagerWeeklyLimit, actor, now);

        var part = plan.Participation is { } p ? new PersonsPart(p, plan.BestInterestsConsulted) : null;
        PersonalBudget? budget = null;
        PathwayStep? step = null;
        var outcome = request.Outcome!.Value;
        var summary = $"Version {plan.Number} of the support plan ({UkFormat.Money(request.WeeklyCost)} a week): {outcome.Label().ToLowerInvariant()}";
        switch (outcome)
        {
            case ApprovalOutcome.Approved or ApprovalOutcome.ApprovedWithChanges:
                (budget, step) = await ApproveAsync(request, plan, part, standards, ct);
                summary += $"; personal budget from {UkFormat.Date(budget.StartDate)}";
                break;
            case ApprovalOutcome.Declined:
                plan.ReturnToDraft(actor, now);
                step = await pathway.AdvanceAsync(plan.PersonId, PathwayStage.Approval, PathwayStage.SupportPlanning, part, plan.Id,
                    await pathway.StaffAsync(plan.AuthorId, ct), note: request.Reasons, cancellationToken: ct);
                summary += "; the plan returns to support planning";
                break;
            default:
                // Deferred: the request stays open, off any agenda, and the pathway stays at approval.
                break;
        }

        db.Notifications.Add(Notification.Create(plan.AuthorId, plan.PersonId, step?.Id, DecisionReadyMessage, $"/Approvals/{request.Id}", now));
        audit.Add(AuditAction.Decided, ApprovalService.RecordType, request.Id.ToString(), request.PersonId,
            summary: summary + (request.Changes is null ? "" : $". Changes: {request.Changes}"), reason: request.Reasons, isBreakGlass: route == AccessRoute.BreakGlass);
        // Someone else may decide (or change) the request first: the revision, or the one budget per plan, catches it.
        await db.SaveChangesOrConflictAsync(async (_, c) =>
        {
            var current = await db.ApprovalRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, c);
            return current.IsOpen
                ? new ConcurrencyConflictException(current.DecidedByName ?? current.RequestedByName, current.DecidedAt ?? current.RequestedAt)
                : new ConflictException("approval-decided",
                    $"This plan was already decided on {UkFormat.DateTime(current.DecidedAt!.Value)} by {current.DecidedByName}: {current.Outcome!.Value.Label().ToLowerInvariant()}");
        }, ct);

        return new DecisionResult(request, budget);
    }

    private async Task<(PersonalBudget Budget, PathwayStep? Step)> ApproveAsync(ApprovalRequest request, SupportPlan plan, PersonsPart? part, ServiceStandards standards, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var actor = currentUser.Actor;
        var today = pathway.Today;
        var earliest = plan.Elements.Count == 0 ? today : plan.Elements.Min(e => e.StartDate);
        var start = earliest > today ? earliest : today;
        var person = await db.People.AsNoTracking().SingleAsync(x => x.Id == plan.PersonId, ct);
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, person.Section117InForceOn(start));

        plan.MarkApproved(actor, now);
        var previous = await db.SupportPlans.Where(x => x.PersonId == plan.PersonId && x.Status == PlanStatus.Approved && x.Id != plan.Id).ToListAsync(ct);
        foreach (var old in previous)
        {
            old.MarkSuperseded(actor, now);
        }

        var previousIds = previous.Select(x => x.Id).ToList();
        var replaced = await db.PersonalBudgets.Where(b => b.PersonId == plan.PersonId && b.EndDate == null && (previousIds.Contains(b.PlanId) || b.StartDate < start)).ToListAsync(ct);
        foreach (var old in replaced)
        {
            old.End(start.AddDays(-1));
            audit.Add(AuditAction.Updated, BudgetRecordType, old.Id.ToString(), plan.PersonId,
                summary: $"Personal budget from version {old.PlanNumber} of the plan ended on {UkFormat.Date(old.EndDate!.Value)}: replaced by version {plan.Number}");
        }

        var budget = PersonalBudget.Create(plan.PersonId, plan.Id, plan.Number, request.Id, start, statement, actor, now);
        db.PersonalBudgets.Add(budget);
        audit.Add(AuditAction.Created, BudgetRecordType, budget.Id.ToString(), plan.PersonId,
            summary: $"Personal budget in place from {UkFormat.Date(start)}: {UkFormat.Money(budget.WeeklyCost)} a week, the council's share {UkFormat.Money(budget.CouncilShareWeekly)}"
                + (budget.Section117 ? " (section 117 aftercare: no charge)" : ""));

        var owner = await pathway.StaffAsync(plan.AuthorId, ct) ?? await pathway.KeyWorkerAsync(plan.PersonId, ct);
        var step = await pathway.AdvanceAsync(plan.PersonId, PathwayStage.Approval, PathwayStage.BudgetInPlace, part, budget.Id, owner,
            DueDates.For(PathwayStage.BudgetInPlace, start, standards, EnglandBankHolidays.All), request.Reasons, ct);
        return (budget, step);
    }
}
