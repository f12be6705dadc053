using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Teams;

public sealed record TeamSummary(Guid Id, string Name, string? Description, int MemberCount, int PeopleCount);

public sealed record TeamMember(Guid Id, string Name, Profession Profession, string Employer, IReadOnlyList<Role> Roles);

public sealed record TeamPerson(Guid Id, string Name, string? KeyWorker, DateOnly DateOfBirth, string PersonIdentifier = "", string? NhsNumber = null)
{
    /// <summary>Date of birth, identifier and NHS number, shown under the name as every list of people does (issue 11, item 8).</summary>
    public string Identity => Infrastructure.Components.PersonIdentity.Line(DateOfBirth, PersonIdentifier, NhsNumber);
}

/// <summary>
/// A team with its members and, only for a member of the team who may see people's records, the people allocated
/// to it. <see cref="People"/> holds one page when the caller asked for a page, else every person.
/// </summary>
public sealed record TeamDetails(
    Guid Id,
    string Name,
    string? Description,
    bool IsActive,
    IReadOnlyList<TeamMember> Members,
    int PeopleCount,
    bool PeopleVisible,
    bool IsMember,
    IReadOnlyList<TeamPerson> People,
    int Page,
    int PageSize)
{
    public int TotalPages => PeopleVisible ? Math.Max(1, (PeopleCount + PageSize - 1) / PageSize) : 1;
}

/// <summary>
/// Teams, their members and their people. Anyone with ViewTeams sees teams and members; the people in a team are
/// shown only to members of that team who may view people (the legitimate relationship), and showing them is audited.
/// </summary>
public sealed class TeamService(PersonalBudgetsDbContext db, ICurrentUser currentUser, AuditLog audit)
{
    public const int PageSize = 50;
    public const string RecordType = "Team";

    /// <summary>Active teams with how many active staff belong to each and how many people each currently works with.</summary>
    public async Task<IReadOnlyList<TeamSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var teams = await db.Teams.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Description,
                Members = db.TeamMemberships.Count(m => m.TeamId == t.Id && db.Users.Any(u => u.Id == m.UserId && u.IsActive)),
                People = db.TeamAllocations.Where(a => a.TeamId == t.Id && a.EndedAt == null).Select(a => a.PersonId).Distinct().Count(),
            })
            .ToListAsync(cancellationToken);
        return teams.Select(t => new TeamSummary(t.Id, t.Name, t.Description, t.Members, t.People)).ToList();
    }

    /// <summary>
    /// One team. <paramref name="page"/> pages the people list (the web page); null returns every person (the API).
    /// Throws <see cref="NotFoundException"/> for an unknown team.
    /// </summary>
    public async Task<TeamDetails> GetAsync(Guid id, int? page, CancellationToken cancellationToken = default)
    {
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException("The team");

        var employers = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var members = await db.TeamMemberships.Where(m => m.TeamId == id)
            .Join(db.Users.Where(u => u.IsActive), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Profession, u.EmployerId })
            .OrderBy(u => u.DisplayName)
            .ToListAsync(cancellationToken);
        var memberIds = members.Select(m => m.Id).ToList();
        var roleRows = await db.UserRoles.Where(ur => memberIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var memberList = members.Select(m => new TeamMember(
                m.Id,
                m.DisplayName,
                m.Profession,
                employers.GetValueOrDefault(m.EmployerId, ""),
                roleRows.Where(r => r.UserId == m.Id)
                    .Select(r => Enum.TryParse<Role>(r.Name, out var role) ? role : (Role?)null)
                    .OfType<Role>().Order().ToList()))
            .ToList();

        var personIds = db.TeamAllocations.Where(a => a.TeamId == id && a.EndedAt == null).Select(a => a.PersonId).Distinct();
        var peopleCount = await personIds.CountAsync(cancellationToken);

        var userId = currentUser.Id;
        var isMember = await db.TeamMemberships.AnyAsync(m => m.TeamId == id && m.UserId == userId, cancellationToken);
        var peopleVisible = isMember && currentUser.Principal.Has(Permission.ViewPeople);
        if (!peopleVisible)
        {
            return new TeamDetails(team.Id, team.Name, team.Description, team.IsActive, memberList, peopleCount, false, isMember, [], 1, PageSize);
        }

        var pageSize = page is null ? Math.Max(1, peopleCount) : PageSize;
        var pages = Math.Max(1, (peopleCount + pageSize - 1) / pageSize);
        var current = Math.Clamp(page ?? 1, 1, pages);
        var people = await db.People.AsNoTracking()
            .Where(p => personIds.Contains(p.Id))
            .OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ThenBy(p => p.Id)
            .Skip(Paging.Offset(current, pageSize)).Take(pageSize)
            .Select(p => new
            {
                p.Id,
                p.LegalFirstName,
                p.LegalLastName,
                p.PreferredName,
                p.DateOfBirth,
                p.PersonIdentifier,
                p.NhsNumber,
                KeyWorker = db.Users.Where(u => u.Id == p.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var peopleList = people.Select(p => new TeamPerson(
                p.Id,
                string.IsNullOrWhiteSpace(p.PreferredName) ? $"{p.LegalFirstName} {p.LegalLastName}" : $"{p.PreferredName} {p.LegalLastName}",
                p.KeyWorker,
                p.DateOfBirth,
                p.PersonIdentifier,
                p.NhsNumber))
            .ToList();

        // Listing people is a view of personal data: record it, without names.
        if (peopleList.Count > 0)
        {
            await audit.RecordAsync(AuditAction.Viewed, RecordType, id.ToString(),
            summary: page is null
                ? $"Viewed the team's people ({peopleList.Count})"
                : $"Viewed the team's people, page {current} of {pages} ({peopleList.Count})",
            cancellationToken: cancellationToken);
        }

        return new TeamDetails(team.Id, team.Name, team.Description, team.IsActive, memberList, peopleCount, true, isMember, peopleList, current, pageSize);
    }
}
