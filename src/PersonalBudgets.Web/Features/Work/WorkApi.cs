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
