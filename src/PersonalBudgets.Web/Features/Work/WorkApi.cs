using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>Worklists and reallocation over JSON, with the same rules as the pages.</summary>
public static class WorkApi
{
    public static RouteGroupBuilder MapWorkEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/work/mine", async (PathwayStage? stage, int? page, WorkService work, CancellationToken ct) =>
                TypedResults.Ok(MyWorkDto.From(await work.MineAsync(stage, page ?? 1, ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Work").WithName("GetMyWork")
            .WithSummary("Open steps the signed-in user owns, overdue first then by due date, 25 a page; filter with ?stage=.");

        api.MapGet("/work/team", async (int? unownedPage, int? overduePage, WorkService work, CancellationToken ct) =>
                TypedResults.Ok(TeamWorkDto.From(await work.TeamAsync(unownedPage ?? 1, overduePage ?? 1, ct))))
            .RequirePermission(Permission.ManageTeamWork)
            .WithTags("Work").WithName("GetTeamWork")
            .WithSummary("For the manager's teams: open work counted by member and by profession, and the unowned and overdue steps (paged).");

        api.MapGet("/work/team/list", async (string? owner, string? profession, string? due, int? page, WorkService work, CancellationToken ct) =>
            {
                var errors = new List<FieldError>();
                var filter = TeamWorkFilter.Parse(owner, profession, due, errors);
                if (errors.Count > 0)
                {
                    throw new ValidationFailedException(errors);
                }

                return TypedResults.Ok(TeamWorkListDto.From(await work.TeamListAsync(filter, page ?? 1, ct)));
            })
            .RequirePermission(Permission.ManageTeamWork)
            .WithTags("Work").WithName("GetTeamWorkList")
            .WithSummary("The list behind a Team work count: ?owner= (a member's id, none or outside), ?profession=, ?due= (open, overdue or week), 25 a page, with the members the work can go to and their open work now.");

        api.MapPost("/work/team/reallocate", async (ReallocateRequest request, WorkService work, ReallocationService reallocation, CancellationToken ct) =>
            {
                IReadOnlyList<StepSelection> selections;
                if (request.List is { } list)
                {
                    if (request.Steps is { Count: > 0 })
                    {
                        throw new ValidationFailedException([new FieldError("steps", "Give the steps or the list to reallocate, not both")]);
                    }

                    var errors = new List<FieldError>();
                    var filter = TeamWorkFilter.Parse(list.Owner, list.Profession, list.Due, errors);
                    if (errors.Count > 0)
                    {
                        throw new ValidationFailedException(errors.Select(e => e with { Field = "list." + e.Field }).ToList());
                    }

                    selections = await work.TeamListSelectionsAsync(filter, "list", ct);
                }
                else
                {
                    var steps = request.Steps ?? [];
                    var bad = steps.Select((s, i) => (s, i)).FirstOrDefault(x => x.s is null || x.s.StepId is null || x.s.Revision is null);
                    if (bad.s is not null || steps.Any(s => s is null))
                    {
                        throw new ValidationFailedException([new FieldError($"steps[{bad.i}]", "Give each step's id and the revision you saw")]);
                    }

                    selections = steps.Select(s => new StepSelection(s!.StepId!.Value, s.Revision!.Value)).ToList();
                    if (selections.Count == 0)
                    {
                        throw new ValidationFailedException([new FieldError("steps", "Give the steps to reallocate, or the list")]);
                    }
                }

                var result = await reallocation.ReallocateManyAsync(selections, request.OwnerId, request.Reason, ct);
                var dto = new BulkResultDto(result.Reallocated, result.Refused.Select(r => new RefusalDto(r.StepId, r.Stage, r.Message)).ToList());
                return result.Reallocated.Count == 0 && result.Refused.Count > 0
                    ? Results.Json(dto, statusCode: StatusCodes.Status409Conflict)
                    : Results.Ok(dto);
            })
            .RequirePermission(Permission.ManageTeamWork)
            .WithTags("Work").WithName("ReallocateTeamWork")
            .WithSummary("Give many steps one new owner with a reason: the steps given (each with the revision seen), or every step of a Team work list (a whole caseload). Each step that cannot move is refused on its own; 409 when none moved.");

        api.MapPut("/steps/{id:guid}/owner", async (Guid id, OwnerRequest request, ReallocationService reallocation, CancellationToken ct) =>
            {
                if (request.Revision is null)
                {
                    throw new ValidationFailedException([new FieldError("Revision", "Give the revision of the step you are changing")]);
                }

                var step = await reallocation.ReallocateAsync(id, request.OwnerId, request.Reason, request.Revision, ct);
                return TypedResults.Ok(new StepOwnerDto(step.Id, step.PersonId, step.Stage, step.OwnerId, step.OwnerName, step.OwnerProfession, step.DueDate, step.Revision));
            })
            .RequirePermission(Permission.ManageTeamWork)
            .WithTags("Work").WithName("ReallocateStep")
            .WithSummary("Give a step a new owner from the person's teams, with a reason. 409 when the revision is stale (someone changed the step since).");

        return api;
    }

    public sealed record OwnerRequest(Guid? OwnerId, string? Reason, int? Revision);

    public sealed record StepRevision(Guid? StepId, int? Revision);

    public sealed record TeamListRef(string? Owner, string? Profession, string? Due);

    public sealed record ReallocateRequest(IReadOnlyList<StepRevision?>? Steps, TeamListRef? List, Guid? OwnerId, string? Reason);

    public sealed record RefusalDto(Guid StepId, PathwayStage? Stage, string Message);

    public sealed record BulkResultDto(IReadOnlyList<Guid> Reallocated, IReadOnlyList<RefusalDto> Refused);

    public sealed record TeamWorkListDto(IReadOnlyList<TeamRef> Teams, string Title, PageDto Work, IReadOnlyList<MemberLoad> Members)
    {
        public static TeamWorkListDto From(TeamWorkList l) => new(l.Teams, l.Title, PageDto.From(l.Items), l.Members);
    }

    public sealed record StepOwnerDto(Guid Id, Guid PersonId, PathwayStage Stage, Guid? OwnerId, string? OwnerName, Profession? OwnerProfession, DateOnly DueDate, int Revision);

    public sealed record WorkItemDto(Guid StepId, Guid PersonId, string PersonName, string PersonIdentifier, PathwayStage Stage, Guid? SubjectId, Guid? OwnerId,
        string? OwnerName, Profession? OwnerProfession, DateOnly DueDate, bool IsOverdue, int Revision, string Link)
    {
        public static WorkItemDto From(WorkItem i) => new(i.StepId, i.PersonId, i.PersonName, i.PersonIdentifier, i.Stage, i.SubjectId, i.OwnerId, i.OwnerName,
            i.OwnerProfession, i.DueDate, i.IsOverdue, i.Revision, i.Link);
    }

    public sealed record PageDto(IReadOnlyList<WorkItemDto> Items, int Page, int TotalPages, int Total)
    {
        public static PageDto From(Paged<WorkItem> p) => new(p.Items.Select(WorkItemDto.From).ToList(), p.Page, p.TotalPages, p.Total);
    }

    public sealed record MyWorkDto(PageDto Work, PathwayStage? Stage, int UnreadNotifications)
    {
        public static MyWorkDto From(MyWork w) => new(PageDto.From(w.Items), w.Stage, w.UnreadNotifications);
    }

    public sealed record TeamWorkDto(IReadOnlyList<TeamRef> Teams, IReadOnlyList<WorkCounts> ByMember, IReadOnlyList<WorkCounts> ByProfession, PageDto Unowned, PageDto Overdue)
    {
        public static TeamWorkDto From(TeamWork t) => new(t.Teams, t.ByMember, t.ByProfession, PageDto.From(t.Unowned), PageDto.From(t.Overdue));
    }
}
