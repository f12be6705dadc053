using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Core.Approvals;

/// <summary>Who decides a plan.</summary>
public enum ApprovalRoute
{
    [Display(Name = "Team manager")] TeamManager,
    [Display(Name = "Funding panel")] FundingPanel,
    [Display(Name = "Risk enablement panel")] RiskEnablementPanel,
}

public enum ApprovalOutcome
{
    [Display(Name = "Approved")] Approved,
    [Display(Name = "Approved with changes")] ApprovedWithChanges,
    [Display(Name = "Declined")] Declined,
    [Display(Name = "Deferred")] Deferred,
}

public enum PanelKind
{
    [Display(Name = "Funding panel")] Funding,
    [Display(Name = "Risk enablement panel")] RiskEnablement,
}

/// <summary>
/// The panel meeting that decides a plan: its date, today (the UK day), and who attended (names and roles). A panel
/// decides at its meeting, so not before the meeting's date, and its decision records who took it.
/// </summary>
public sealed record PanelSitting(DateOnly MeetingDate, DateOnly Today, string? Attendees);

/// <summary>Delegated approval limits: who may decide a plan, and the checks on a decision.</summary>
public static class DelegatedLimits
{
    /// <summary>
    /// A plan with significant risk goes to the risk enablement panel; otherwise a team manager decides up to their
    /// weekly limit and the funding panel above it.
    /// </summary>
    public static ApprovalRoute RouteFor(decimal weeklyCost, bool significantRisk, decimal teamManagerWeeklyLimit) =>
        significantRisk ? ApprovalRoute.RiskEnablementPanel
        : weeklyCost <= teamManagerWeeklyLimit ? ApprovalRoute.TeamManager
        : ApprovalRoute.FundingPanel;

    public static PanelKind? PanelFor(ApprovalRoute route) => route switch
    {
        ApprovalRoute.FundingPanel => PanelKind.Funding,
        ApprovalRoute.RiskEnablementPanel => PanelKind.RiskEnablement,
        _ => null,
    };

    /// <summary>Refuses a decision the decider may not make: their own plan, above their limit, or without the right role.</summary>
    public static void EnsureMayDecide(ApprovalRequest request, Guid deciderId, IReadOnlyCollection<Role> deciderRoles, decimal teamManagerWeeklyLimit, PanelSitting? sitting = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(deciderRoles);
        if (request.WroteOrSubmitted(deciderId))
        {
            throw new DomainException("approval-own-plan", "You wrote or submitted this plan, so you cannot approve it: another team manager or the panel must decide");
        }

        switch (request.Route)
        {
            case ApprovalRoute.TeamManager:
                if (!deciderRoles.Contains(Role.TeamManager))
                {
                    throw new DomainException("approval-not-team-manager", "Only a team manager can decide a plan within the delegated limit");
                }

                if (request.WeeklyCost > teamManagerWeeklyLimit)
                {
                    throw new DomainException("approval-above-limit",
                        $"The plan costs {UkFormat.Money(request.WeeklyCost)} a week, above the team manager's limit of {UkFormat.Money(teamManagerWeeklyLimit)}: the funding panel must decide");
                }

                break;
            default:
                if (!deciderRoles.Contains(Role.PanelMember))
                {
                    throw new DomainException("approval-panel-only", $"This plan goes to the {request.Route.Label().ToLowerInvariant()}: only a panel member can record its decision");
                }

                if (request.PanelMeetingId is null)
                {
                    throw new DomainException("approval-not-on-agenda", "Put the plan on a panel meeting's agenda before recording the panel's decision");
                }

                if (sitting is null)
                {
                    throw new DomainException("approval-panel-meeting-unknown", "Record the panel's decision from its meeting's agenda");
                }

                if (sitting.MeetingDate > sitting.Today)
                {
                    throw new DomainException("approval-before-meeting",
                        $"The panel meets on {UkFormat.Date(sitting.MeetingDate)}: its decision can be recorded on or after that day, not before");
                }

                break;
        }
    }
}

/// <summary>A plan sent for a decision, and the decision with its reasons.</summary>
public sealed class ApprovalRequest : AggregateRoot
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public int PlanNumber { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid PlanAuthorId { get; private set; }
    public ApprovalRoute Route { get; private set; }
    public decimal WeeklyCost { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid RequestedById { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public Guid? PanelMeetingId { get; private set; }
    public ApprovalOutcome? Outcome { get; private set; }
    public string? Reasons { get; private set; }
    public string? Changes { get; private set; }

    /// <summary>Who attended the panel meeting that decided (names and roles); null for a team manager's decision.</summary>
    public string? PanelAttendees { get; private set; }

    public Guid? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public int Revision { get; private set; }

    private ApprovalRequest()
    {
    }

    /// <summary>Deferred requests stay open for a later meeting.</summary>
    public bool IsOpen => Outcome is null or ApprovalOutcome.Deferred;

    /// <summary>Nobody decides a plan they wrote or submitted: the one rule, for the decision, the lists and who the pathway asks to decide.</summary>
    public static bool WroteOrSubmitted(Guid planAuthorId, Guid requestedById, Guid userId) => userId == planAuthorId || userId == requestedById;

    public bool WroteOrSubmitted(Guid userId) => WroteOrSubmitted(PlanAuthorId, RequestedById, userId);

    /// <summary>Sends a submitted plan for a decision on its route, due on the given date; the pathway moves to approval.</summary>
    public static ApprovalRequest ForSubmittedPlan(SupportPlan plan, ApprovalRoute route, DateOnly dueDate, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actor);
        if (plan.Status != PlanStatus.AwaitingApproval)
        {
            throw new DomainException("plan-not-submitted", "Only a submitted plan goes for approval");
        }

        var request = Create(plan.Id, plan.Number, plan.PersonId, plan.AuthorId, route, plan.WeeklyCost, dueDate, actor, now);
        request.AddDomainEvent(new PlanSubmitted(plan.PersonId, plan.Id, plan.Number, request.Id, plan.AuthorId, actor.UserId, route, dueDate, plan.PersonsPart));
        return request;
    }

    public static ApprovalRequest Create(Guid planId, int planNumber, Guid personId, Guid planAuthorId, ApprovalRoute route, decimal weeklyCost, DateOnly dueDate, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new ApprovalRequest
        {
            Id = Guid.NewGuid(),
            PlanId = planId,
            PlanNumber = planNumber,
            PersonId = personId,
            PlanAuthorId = planAuthorId,
            Route = route,
            WeeklyCost = weeklyCost,
            RequestedAt = now,
            RequestedById = actor.UserId,
            RequestedByName = actor.DisplayName,
            DueDate = dueDate,
            Revision = 1,
        };
    }

    /// <summary>
    /// When the delegated limit changes, a request still waiting for its first decision (open, not deferred, on no
    /// panel's agenda) moves to the route the new limit gives, so it is never left with a decider who may not decide it
    /// (ADR 0015). A risk enablement request stays: its route is the risk, not the
    /// cost; and one the panel has taken up stays with the panel. Returns the route it left, or null if it stays.
    /// </summary>
    public ApprovalRoute? FollowLimit(decimal teamManagerWeeklyLimit)
    {
        if (Outcome is not null || PanelMeetingId is not null || Route == ApprovalRoute.RiskEnablementPanel)
        {
            return null;
        }

        var route = DelegatedLimits.RouteFor(WeeklyCost, significantRisk: false, teamManagerWeeklyLimit);
        if (route == Route)
        {
            return null;
        }

        var from = Route;
        Route = route;
        Revision++;
        return from;
    }

    public void PlaceOnAgenda(PanelMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        EnsureOpen();
        if (DelegatedLimits.PanelFor(Route) != meeting.Kind)
        {
            throw new DomainException("approval-wrong-panel", $"This plan goes to the {Route.Label().ToLowerInvariant()}, not the {meeting.Kind.Label().ToLowerInvariant()}", "MeetingId");
        }

        PanelMeetingId = meeting.Id;
        Revision++;
    }

    /// <summary>
    /// Records the decision. Reasons are always required; "approved with changes" also needs the changes. A panel's
    /// decision needs the <paramref name="sitting"/>: it is refused before the meeting's date and needs who attended.
    /// </summary>
    public void Decide(ApprovalOutcome? outcome, string? reasons, string? changes, int expectedRevision, Guid deciderId, IReadOnlyCollection<Role> deciderRoles, decimal teamManagerWeeklyLimit, Actor actor, DateTimeOffset now,
        PanelSitting? sitting = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen();
        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(DecidedByName ?? RequestedByName, DecidedAt ?? RequestedAt);
        }

        var errors = new List<FieldError>();
        if (outcome is null || !Enum.IsDefined(outcome.Value))
        {
            errors.Add(new FieldError("Outcome", "Select the decision"));
        }

        var why = Texts.Required(reasons, "Reasons", "Enter the reasons for the decision", TextMaxLength, errors);
        var what = Texts.Optional(changes, "Changes", TextMaxLength, errors);
        if (outcome == ApprovalOutcome.ApprovedWithChanges && what is null)
        {
            errors.Add(new FieldError("Changes", "Enter the changes the approval depends on"));
        }

        // Who attended is asked of a panel member deciding a plan on a panel's agenda; anyone else, or a plan on no
        // agenda, is refused below for that.
        string? attended = null;
        if (Route != ApprovalRoute.TeamManager && deciderRoles.Contains(Role.PanelMember) && PanelMeetingId is not null)
        {
            attended = Texts.Required(sitting?.Attendees, "Attendees", "Enter who attended the panel meeting, with their roles", TextMaxLength, errors);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        DelegatedLimits.EnsureMayDecide(this, deciderId, deciderRoles, teamManagerWeeklyLimit, sitting);
        Outcome = outcome;
        Reasons = why;
        Changes = outcome == ApprovalOutcome.ApprovedWithChanges ? what : null;
        PanelAttendees = attended;
        DecidedById = deciderId;
        DecidedByName = actor.DisplayName;
        DecidedAt = now;
        if (outcome == ApprovalOutcome.Deferred)
        {
            // A deferred plan goes on a later meeting's agenda.
            PanelMeetingId = null;
        }

        Revision++;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new ConflictException("approval-decided", $"This plan was already decided on {UkFormat.DateTime(DecidedAt!.Value)} by {DecidedByName}: {Outcome!.Value.Label().ToLowerInvariant()}");
        }
    }
}

/// <summary>A meeting of the funding panel or the risk enablement panel; its agenda is the requests placed on it.</summary>
public sealed class PanelMeeting
{
    public Guid Id { get; private set; }
    public PanelKind Kind { get; private set; }
    public DateOnly MeetingDate { get; private set; }
    public string? Location { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";

    private PanelMeeting()
    {
    }

    public static PanelMeeting Schedule(PanelKind? kind, DateOnly? date, string? location, DateOnly today, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add(new FieldError("Kind", "Select which panel is meeting"));
        }

        if (date is null)
        {
            errors.Add(new FieldError("MeetingDate", "Enter the date of the meeting"));
        }
        else if (date < today.AddDays(-30))
        {
            errors.Add(new FieldError("MeetingDate", "The meeting date must be within the last 30 days or in the future"));
        }
        else if (PlausibleDates.Due(date.Value, today, "MeetingDate") is { } meetingProblem && date > today)
        {
            errors.Add(meetingProblem with { Message = $"The meeting date must be no later than {UkFormat.Date(today.AddYears(PlausibleDates.DueYearsAhead))}" });
        }

        var where = Texts.Optional(location, "Location", 200, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new PanelMeeting { Id = Guid.NewGuid(), Kind = kind!.Value, MeetingDate = date!.Value, Location = where, CreatedAt = now, CreatedByName = actor.DisplayName };
    }
}
