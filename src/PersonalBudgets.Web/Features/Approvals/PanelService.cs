using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

public sealed record MeetingSummary(Guid Id, PanelKind Kind, DateOnly MeetingDate, string? Location, int PlansOnAgenda);

public sealed record MeetingList(IReadOnlyList<MeetingSummary> Upcoming, IReadOnlyList<MeetingSummary> Past);

/// <summary>A meeting with its agenda, and the open requests of its route that could be added (people of the user's teams only).</summary>
public sealed record MeetingView(PanelMeeting Meeting, IReadOnlyList<ApprovalItem> Agenda, IReadOnlyList<ApprovalItem> Addable, int HiddenAgendaItems);

/// <summary>
/// Panel meetings: scheduling, the agenda, and the plans that can be placed on it. Decisions on agenda items go
/// through <see cref="ApprovalDecisionService"/> like the team manager's. Panel members see only people of their teams.
/// </summary>
public sealed class PanelService(PersonalBudgetsDbContext db, ApprovalService approvals, RecordAccessService access, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "PanelMeeting";
    public const int ListLimit = 50;
    public const int AgendaLimit = 100;

    private DateOnly Today => clock.UkToday();

    /// <summary>Upcoming meetings (soonest first) and past ones (latest first), each bounded.</summary>
    public async Task<MeetingList> ListAsync(CancellationToken ct = default)
    {
        var today = Today;
        var upcoming = await SummariesAsync(db.PanelMeetings.Where(m => m.MeetingDate >= today).OrderBy(m => m.MeetingDate).ThenBy(m => m.Kind), ct);
        var past = await SummariesAsync(db.PanelMeetings.Where(m => m.MeetingDate < today).OrderByDescending(m => m.MeetingDate).ThenBy(m => m.Kind), ct);
        return new MeetingList(upcoming, past);
    }

    private async Task<IReadOnlyList<MeetingSummary>> SummariesAsync(IQueryable<PanelMeeting> meetings, CancellationToken ct) =>
        await meetings.Take(ListLimit)
            .Select(m => new MeetingSummary(m.Id, m.Kind, m.MeetingDate, m.Location, db.ApprovalRequests.Count(r => r.PanelMeetingId == m.Id)))
            .ToListAsync(ct);

    public async Task<PanelMeeting> ScheduleAsync(PanelKind? kind, DateOnly? date, string? location, CancellationToken ct = default)
    {
        var meeting = PanelMeeting.Schedule(kind, date, location, Today, currentUser.Actor, clock.GetUtcNow());
        db.PanelMeetings.Add(meeting);
        audit.Add(AuditAction.Created, RecordType, meeting.Id.ToString(),
            summary: $"{meeting.Kind.Label()} meeting scheduled for {UkFormat.Date(meeting.MeetingDate)}");
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public async Task<PanelMeeting> FindAsync(Guid meetingId, CancellationToken ct = default) =>
        await db.PanelMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct) ?? throw new NotFoundException("The panel meeting");

    /// <summary>The meeting, its agenda and the open requests of its route not on any agenda.</summary>
    public async Task<MeetingView> ViewAsync(Guid meetingId, CancellationToken ct = default)
    {
        var meeting = await FindAsync(meetingId, ct);
        var personIds = access.AccessiblePeople().Select(p => p.Id);
        var agenda = db.ApprovalRequests.Where(r => r.PanelMeetingId == meetingId);
        var total = await agenda.CountAsync(ct);
        var visible = await approvals.ItemsAsync(agenda.Where(r => personIds.Contains(r.PersonId)).OrderBy(r => r.DueDate).ThenBy(r => r.RequestedAt).Take(AgendaLimit), ct);
        var route = RouteFor(meeting.Kind);
        var addable = await approvals.ItemsAsync(approvals.OpenForMyPeople().Where(r => r.Route == route && r.PanelMeetingId == null)
            .OrderBy(r => r.DueDate).ThenBy(r => r.RequestedAt).Take(AgendaLimit), ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, meeting.Id.ToString(),
            summary: $"Viewed the {meeting.Kind.Label().ToLowerInvariant()} on {UkFormat.Date(meeting.MeetingDate)}: {visible.Count} plans on the agenda and {addable.Count} that could be added shown", cancellationToken: ct);
        return new MeetingView(meeting, visible, addable, total - visible.Count);
    }

    /// <summary>Places open requests of the meeting's route on its agenda; every request must be one the user may see.</summary>
    public async Task<int> PlaceOnAgendaAsync(Guid meetingId, IReadOnlyCollection<Guid>? requestIds, CancellationToken ct = default)
    {
        var meeting = await db.PanelMeetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct) ?? throw new NotFoundException("The panel meeting");
        var ids = (requestIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new ValidationFailedException([new FieldError("RequestIds", "Select at least one plan to add to the agenda")]);
        }

        if (ids.Count > AgendaLimit)
        {
            throw new ValidationFailedException([new FieldError("RequestIds", $"Add up to {AgendaLimit} plans at a time")]);
        }

        var requests = await db.ApprovalRequests.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        if (requests.Count != ids.Count)
        {
            throw new NotFoundException("An approval request");
        }

        foreach (var request in requests)
        {
            // The requests come from the form, not the route: check each person here.
            await access.EnsureAccessAsync(request.PersonId, ct);
            if (request.PanelMeetingId is not null && request.PanelMeetingId != meeting.Id)
            {
                throw new ConflictException("approval-on-another-agenda", $"Version {request.PlanNumber} of a plan is already on another meeting's agenda");
            }

            if (request.PanelMeetingId == meeting.Id)
            {
                continue;
            }

            request.PlaceOnAgenda(meeting);
            audit.Add(AuditAction.Updated, ApprovalService.RecordType, request.Id.ToString(), request.PersonId,
                summary: $"Version {request.PlanNumber} of the support plan placed on the agenda of the {meeting.Kind.Label().ToLowerInvariant()} on {UkFormat.Date(meeting.MeetingDate)}");
        }

        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(
            new ConflictException("approval-changed", "One of the plans was changed by someone else while you were choosing. Check the agenda and try again")), ct);

        return requests.Count;
    }

    public static ApprovalRoute RouteFor(PanelKind kind) => kind == PanelKind.Funding ? ApprovalRoute.FundingPanel : ApprovalRoute.RiskEnablementPanel;
}
