using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>Approval requests, decisions and panel meetings over JSON, with the same rules as the pages.</summary>
public static class ApprovalsApi
{
    public static RouteGroupBuilder MapApprovalsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/approvals", async (int? page, int? panelPage, ApprovalService approvals, CancellationToken ct) =>
            {
                var queue = await approvals.QueueAsync(page ?? 1, panelPage ?? 1, ct);
                return TypedResults.Ok(new ApprovalQueueDto(ItemPageDto.From(queue.ForTeamManager), ItemPageDto.From(queue.WaitingForPanel)));
            })
            .RequirePermission(Permission.ApproveWithinLimit)
            .WithTags("Approvals").WithName("ListApprovals")
            .WithSummary("The team manager's queue (open requests within the delegated limit for people of their teams, oldest due first) and the requests waiting for a panel.");

        api.MapGet("/approvals/{id:guid}", async (Guid id, ApprovalService approvals, CancellationToken ct) =>
                TypedResults.Ok(ApprovalDto.From(await approvals.ViewAsync(id, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Approvals").WithName("GetApproval").WithSummary("An approval request with a summary of its plan and any decision.");

        api.MapPost("/approvals/{id:guid}/decision", async (Guid id, DecisionRequest request, ApprovalDecisionService decisions, ApprovalService approvals, CancellationToken ct) =>
            {
                await decisions.DecideAsync(id, null, new DecisionInput(request.Outcome, request.Reasons, request.Changes, request.Revision ?? 0, request.Attendees), ct);
                return TypedResults.Ok(ApprovalDto.From(await approvals.LoadAsync(id, ct)));
            })
            .RequirePermission(Permission.DecideApprovals)
            .WithTags("Approvals").WithName("DecideApproval")
            .WithSummary("Record the decision on a plan. The plan's author cannot decide it (400 approval-own-plan); a team manager decides up to the limit (400 approval-above-limit); panel routes need a panel member, an agenda, the meeting's day (400 approval-before-meeting before it) and who attended (400 naming Attendees); a stale revision is 409.");

        api.MapGet("/panels", async (PanelService panels, CancellationToken ct) =>
            {
                var list = await panels.ListAsync(ct);
                return TypedResults.Ok(new MeetingListDto(list.Upcoming, list.Past));
            })
            .RequirePermission(Permission.DecideAtPanel)
            .WithTags("Panels").WithName("ListPanelMeetings").WithSummary("Upcoming and past panel meetings with the number of plans on each agenda.");

        api.MapPost("/panels", async (ScheduleMeetingRequest request, PanelService panels, CancellationToken ct) =>
            {
                var meeting = await panels.ScheduleAsync(request.Kind, request.MeetingDate, request.Location, ct);
                return TypedResults.Created($"/api/v1/panels/{meeting.Id}", MeetingDto.From(await panels.ViewAsync(meeting.Id, ct)));
            })
            .RequirePermission(Permission.DecideAtPanel)
            .WithTags("Panels").WithName("SchedulePanelMeeting").WithSummary("Schedule a funding panel or risk enablement panel meeting.");

        api.MapGet("/panels/{id:guid}", async (Guid id, PanelService panels, CancellationToken ct) =>
                TypedResults.Ok(MeetingDto.From(await panels.ViewAsync(id, ct))))
            .RequirePermission(Permission.DecideAtPanel)
            .WithTags("Panels").WithName("GetPanelMeeting").WithSummary("A meeting with its agenda and the open plans of its route that could be added.");

        api.MapPost("/panels/{id:guid}/agenda", async (Guid id, AgendaRequest request, PanelService panels, CancellationToken ct) =>
            {
                await panels.PlaceOnAgendaAsync(id, request.RequestIds, ct);
                return TypedResults.Ok(MeetingDto.From(await panels.ViewAsync(id, ct)));
            })
            .RequirePermission(Permission.DecideAtPanel)
            .WithTags("Panels").WithName("PlaceOnPanelAgenda").WithSummary("Add open requests of the meeting's route to its agenda.");

        return api;
    }

    /// <summary>A decision; <see cref="Attendees"/> (names and roles) is required when a panel decides.</summary>
    public sealed record DecisionRequest(ApprovalOutcome? Outcome, string? Reasons, string? Changes, int? Revision, string? Attendees = null);

    public sealed record ScheduleMeetingRequest(PanelKind? Kind, DateOnly? MeetingDate, string? Location);

    public sealed record AgendaRequest(IReadOnlyList<Guid>? RequestIds);

    public sealed record ItemPageDto(IReadOnlyList<ApprovalItem> Items, int Page, int TotalPages, int TotalCount)
    {
        public static ItemPageDto From(ItemPage p) => new(p.Items, p.Page, p.TotalPages, p.TotalCount);
    }

    public sealed record ApprovalQueueDto(ItemPageDto TeamManager, ItemPageDto WaitingForPanel);

    public sealed record MeetingListDto(IReadOnlyList<MeetingSummary> Upcoming, IReadOnlyList<MeetingSummary> Past);

    public sealed record MeetingDto(Guid Id, PanelKind Kind, DateOnly MeetingDate, string? Location, IReadOnlyList<ApprovalItem> Agenda, IReadOnlyList<ApprovalItem> CanBeAdded)
    {
        public static MeetingDto From(MeetingView v) => new(v.Meeting.Id, v.Meeting.Kind, v.Meeting.MeetingDate, v.Meeting.Location, v.Agenda, v.Addable);
    }

    public sealed record ElementDto(Guid Id, string Description, ServiceCategory Category, string Provider, decimal UnitCost, UnitType UnitType, decimal UnitsPerWeek, decimal WeeklyCost, DateOnly StartDate, DateOnly? EndDate, Deployment Deployment);

    public sealed record RiskDto(Guid Id, string Description, RiskLevel Level, bool IsPositiveRisk, string WhatWillBeDone, string WhoDoesIt);

    public sealed record ApprovalDto(
        Guid Id,
        Guid PersonId,
        Guid PlanId,
        int PlanNumber,
        ApprovalRoute Route,
        decimal WeeklyCost,
        decimal AnnualCost,
        decimal? IndicativeWeekly,
        decimal? VariancePercent,
        string? VarianceReason,
        string PlanAuthor,
        string RequestedBy,
        DateTimeOffset RequestedAt,
        DateOnly DueDate,
        Guid? PanelMeetingId,
        PlanAgreement? Agreement,
        string? AgreementInOwnWords,
        IReadOnlyList<ElementDto> Elements,
        IReadOnlyList<RiskDto> Risks,
        ApprovalOutcome? Outcome,
        string? Reasons,
        string? Changes,
        string? PanelAttendees,
        string? DecidedBy,
        DateTimeOffset? DecidedAt,
        bool IsOpen,
        int Revision)
    {
        public static ApprovalDto From(ApprovalView v)
        {
            ArgumentNullException.ThrowIfNull(v);
            var r = v.Request;
            var p = v.Plan;
            return new(r.Id, r.PersonId, r.PlanId, r.PlanNumber, r.Route, p.WeeklyCost, p.AnnualCost, p.IndicativeWeekly, v.VariancePercent, p.VarianceReason,
                p.AuthorName, r.RequestedByName, r.RequestedAt, r.DueDate, r.PanelMeetingId, p.Agreement, p.AgreementInOwnWords,
                p.Elements.OrderBy(e => e.StartDate).Select(e => new ElementDto(e.Id, e.Description, e.Category, e.Provider, e.UnitCost, e.UnitType, e.UnitsPerWeek, e.WeeklyCost, e.StartDate, e.EndDate, e.Deployment)).ToList(),
                p.Risks.Select(x => new RiskDto(x.Id, x.Description, x.Level, x.IsPositiveRisk, x.WhatWillBeDone, x.WhoDoesIt)).ToList(),
                r.Outcome, r.Reasons, r.Changes, r.PanelAttendees, r.DecidedByName, r.DecidedAt, r.IsOpen, r.Revision);
        }
    }
}
