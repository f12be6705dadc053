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
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>
/// A decision as entered: the outcome, its reasons, the changes an approval depends on, the revision the decider saw,
/// and for a panel's decision who attended the meeting.
/// </summary>
public sealed record DecisionInput(ApprovalOutcome? Outcome, string? Reasons, string? Changes, int Revision, string? Attendees = null);

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
    PathwayService pathway,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock,
    PageLinks links)
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

        var plan = await db.SupportPlans.SingleAsync(p => p.Id == request.PlanId, ct);
        var standards = await pathway.StandardsAsync(ct);
        var now = clock.GetUtcNow();
        var actor = currentUser.Actor;
        // A panel decides at its meeting: the meeting on the request's agenda gives the date the decision may be made from.
        var meeting = request.PanelMeetingId is { } onAgenda ? await db.PanelMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == onAgenda, ct) : null;
        var sitting = meeting is null ? null : new PanelSitting(meeting.MeetingDate, pathway.Today, input.Attendees);
        request.Decide(input.Outcome, input.Reasons, input.Changes, input.Revision, currentUser.Id, ApprovalService.RolesOf(currentUser.Principal),
            standards.TeamManagerWeeklyLimit, actor, now, sitting);

        var person = await db.People.AsNoTracking().SingleAsync(x => x.Id == plan.PersonId, ct);
        var versions = await db.SupportPlans.Where(x => x.PersonId == plan.PersonId && x.Id != plan.Id && x.Status == PlanStatus.Approved).ToListAsync(ct);
        var openBudgets = await db.PersonalBudgets.Where(b => b.PersonId == plan.PersonId && b.EndDate == null).ToListAsync(ct);
        var effects = PlanApproval.Apply(request, plan, person, versions, openBudgets, pathway.Today, actor, now);
        var budget = effects.Budget;
        var outcome = request.Outcome!.Value;
        var summary = $"Version {plan.Number} of the support plan ({UkFormat.Money(request.WeeklyCost)} a week): {outcome.Label().ToLowerInvariant()}";
        foreach (var old in effects.EndedBudgets)
        {
            audit.Add(AuditAction.Updated, BudgetRecordType, old.Id.ToString(), plan.PersonId,
                summary: $"Personal budget from version {old.PlanNumber} of the plan ended on {UkFormat.Date(old.EndDate!.Value)}: replaced by version {plan.Number}");
        }

        if (budget is not null)
        {
            db.PersonalBudgets.Add(budget);
            audit.Add(AuditAction.Created, BudgetRecordType, budget.Id.ToString(), plan.PersonId,
                summary: $"Personal budget in place from {UkFormat.Date(budget.StartDate)}: {UkFormat.Money(budget.WeeklyCost)} a week, the council's share {UkFormat.Money(budget.CouncilShareWeekly)}"
                    + (budget.Section117 ? " (section 117 aftercare: no charge)" : ""));
            summary += $"; personal budget from {UkFormat.Date(budget.StartDate)}";
        }
        else if (outcome == ApprovalOutcome.Declined)
        {
            summary += "; the plan returns to support planning";
        }

        // Approved: to budget in place, owned by the plan's author; declined: back to support planning; deferred: stays at approval.
        var opened = await pathway.ApplyEventsAsync(ct);
        var step = opened.Count > 0 ? opened[0] : null;
        db.Notifications.Add(Notification.Create(plan.AuthorId, plan.PersonId, step?.Id, DecisionReadyMessage, links.ApprovalDetails(request.Id), now));
        audit.Add(AuditAction.Decided, ApprovalService.RecordType, request.Id.ToString(), request.PersonId,
            summary: summary + (meeting is null ? "" : $"; at the {meeting.Kind.Label().ToLowerInvariant()} on {UkFormat.Date(meeting.MeetingDate)}, attended by {request.PanelAttendees}")
                + (request.Changes is null ? "" : $". Changes: {request.Changes}"),
            reason: request.Reasons);
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
}
