using Microsoft.AspNetCore.Http.HttpResults;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Teams;

public sealed record TeamListItemDto(Guid Id, string Name, string? Description, int MemberCount, int PeopleCount);

public sealed record TeamMemberDto(Guid Id, string Name, Profession Profession, string Employer);

public sealed record TeamPersonDto(Guid Id, string Name);

/// <summary>
/// A team with its members. <c>people</c> is filled only when the caller is a member of the team and may view people
/// (<c>peopleVisible</c> true); otherwise it is empty and only <c>peopleCount</c> is given.
/// </summary>
public sealed record TeamDto(
    Guid Id,
    string Name,
    string? Description,
    bool IsActive,
    IReadOnlyList<TeamMemberDto> Members,
    int PeopleCount,
    bool PeopleVisible,
    IReadOnlyList<TeamPersonDto> People);

public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams").RequirePermission(Permission.ViewTeams);

        teams.MapGet("/", ListAsync)
            .WithName("ListTeams")
            .WithSummary("Lists active teams with how many staff and people each has.");

        teams.MapGet("/{id:guid}", GetAsync)
            .WithName("GetTeam")
            .WithSummary("Gets a team's members, and its people when the caller is a member of the team who may view people.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<Ok<IReadOnlyList<TeamListItemDto>>> ListAsync(TeamService service, CancellationToken cancellationToken)
    {
        var list = await service.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TeamListItemDto>>(
            list.Select(t => new TeamListItemDto(t.Id, t.Name, t.Description, t.MemberCount, t.PeopleCount)).ToList());
    }

    private static async Task<Ok<TeamDto>> GetAsync(Guid id, TeamService service, CancellationToken cancellationToken)
    {
        // An unknown team throws NotFoundException; the exception handler writes the 404 ProblemDetails.
        var t = await service.GetAsync(id, page: null, cancellationToken);
        return TypedResults.Ok(new TeamDto(
            t.Id,
            t.Name,
            t.Description,
            t.IsActive,
            t.Members.Select(m => new TeamMemberDto(m.Id, m.Name, m.Profession, m.Employer)).ToList(),
            t.PeopleCount,
            t.PeopleVisible,
            t.People.Select(p => new TeamPersonDto(p.Id, p.Name)).ToList()));
    }
}
