using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Features.Admin.ServiceStandards;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>A person's pathway over JSON (timeline, referral, end) and the service standards in force.</summary>
public static class PathwayApi
{
    public static RouteGroupBuilder MapPathwayEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:guid}/pathway", async (Guid id, PersonPathwayService pathway, CancellationToken ct) =>
                TypedResults.Ok(PathwayDto.From(id, await pathway.ViewAsync(id, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Pathway").WithName("GetPathway")
            .WithSummary("The person's pathway: the open (or latest) episode and earlier ones, each step with its owner, previous owners, due and done dates and how the person took part.");

        api.MapPost("/people/{id:guid}/pathway/referral", async (Guid id, ReferralRequest request, PersonPathwayService pathway, CancellationToken ct) =>
            {
                await pathway.ReferAsync(id, request.ReferralDate, request.Note, request.Participation, request.BestInterestsConsulted, request.OwnerId, ct);
                return TypedResults.Created($"/api/v1/people/{id}/pathway", PathwayDto.From(id, await pathway.LoadAsync(id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Pathway").WithName("ReferPerson")
            .WithSummary("Record a referral, opening the person's pathway with an owner (the key worker unless given) and the assessment's due date. 409 pathway-already-open while one is open.");

        api.MapPost("/people/{id:guid}/pathway/end", async (Guid id, EndRequest request, PersonPathwayService pathway, CancellationToken ct) =>
            {
                await pathway.EndAsync(id, request.Reason, request.Note, request.Participation, request.BestInterestsConsulted, ct);
                return TypedResults.Ok(PathwayDto.From(id, await pathway.LoadAsync(id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Pathway").WithName("EndPathway")
            .WithSummary("End the person's open pathway with a reason (a note is needed for Other). 409 pathway-not-open when none is open.");

        api.MapGet("/service-standards", async (ServiceStandardsService standards, CancellationToken ct) =>
                TypedResults.Ok(ServiceStandardsDto.From(await standards.OverviewAsync(ct))))
            .RequirePermission(Permission.UseService)
            .WithTags("Pathway").WithName("GetServiceStandards")
            .WithSummary("The service standards in force, from which new due dates are worked out, with their version (0 for the defaults).");

        return api;
    }

    public sealed record ReferralRequest(DateOnly? ReferralDate, string? Note, Participation? Participation, string? BestInterestsConsulted, Guid? OwnerId);

    public sealed record EndRequest(PathwayEndReason? Reason, string? Note, Participation? Participation, string? BestInterestsConsulted);

    public sealed record OwnerChangeDto(string? FromOwner, string ToOwner, DateTimeOffset ChangedAt, string ChangedBy, string? Reason);

    public sealed record StepDto(
        Guid Id, PathwayStage Stage, Guid? SubjectId, Guid? OwnerId, string? OwnerName, Profession? OwnerProfession, DateTimeOffset OpenedAt, DateOnly DueDate,
        DateTimeOffset? CompletedAt, string? CompletedBy, Participation? Participation, string? BestInterestsConsulted, string? Note, bool IsOverdue,
        DateTimeOffset? EscalatedAt, int Revision, IReadOnlyList<OwnerChangeDto> PreviousOwners)
    {
        public static StepDto From(StepView s) => new(s.Id, s.Stage, s.SubjectId, s.OwnerId, s.OwnerName, s.OwnerProfession, s.OpenedAt, s.DueDate,
            s.CompletedAt, s.CompletedBy, s.Participation, s.BestInterestsConsulted, s.Note, s.IsOverdue, s.EscalatedAt, s.Revision,
            s.OwnerChanges.Select(c => new OwnerChangeDto(c.FromOwner, c.ToOwner, c.ChangedAt, c.ChangedBy, c.Reason)).ToList());
    }

    public sealed record EpisodeDto(
        Guid Id, PathwayStage Stage, DateOnly ReferralDate, string? ReferralNote, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? EndedAt,
        PathwayEndReason? EndReason, string? EndNote, IReadOnlyList<StepDto> Steps)
    {
        public static EpisodeDto From(EpisodeView e) => new(e.Id, e.Stage, e.ReferralDate, e.ReferralNote, e.OpenedAt, e.OpenedBy, e.EndedAt, e.EndReason, e.EndNote,
            e.Steps.Select(StepDto.From).ToList());
    }

    public sealed record PathwayDto(Guid PersonId, EpisodeDto? Current, IReadOnlyList<EpisodeDto> Earlier)
    {
        public static PathwayDto From(Guid personId, PathwayView v) => new(personId, v.Current is null ? null : EpisodeDto.From(v.Current), v.Earlier.Select(EpisodeDto.From).ToList());
    }

    public sealed record ServiceStandardsDto(int Version, DateTimeOffset? PublishedAt, string? PublishedBy, ServiceStandards Standards)
    {
        public static ServiceStandardsDto From(StandardsOverview o) => new(o.Number, o.CurrentVersion?.CreatedAt, o.CurrentVersion?.CreatedByName, o.Current);
    }
}
