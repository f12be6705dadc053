using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Projections;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

public sealed record PersonSearchCriteria(string? Text, bool WithoutKeyWorkerOnly = false);

public sealed record PersonSummary(Guid Id, string Name, string LegalName, DateOnly DateOfBirth, string? NhsNumber, string PersonIdentifier, string? Postcode, string? KeyWorker, bool Section117Eligible, DateOnly? DateOfDeath);

public sealed record SearchResults(IReadOnlyList<PersonSummary> People, int Page, int PageSize, int Total, Guid? MatchOutsideTeams)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Finds people among those the user may see: partial name, NHS number, council identifier or partial postcode.
/// An exact NHS number or identifier outside the user's teams is reported (not shown), so break-glass is possible.
/// </summary>
public sealed class PersonSearchService(PersonalBudgetsDbContext db, RecordAccessService access, AuditLog audit)
{
    public const int MaxTextLength = 100;
    public const int DefaultPageSize = 20;

    public async Task<SearchResults> SearchAsync(PersonSearchCriteria criteria, int page, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var text = criteria.Text?.Trim() ?? "";
        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        string? nhsDigits = text.Length > 0 && NhsNumber.TryParse(text, out var nhs) ? nhs.Value : null;
        var teamIds = await access.TeamIdsAsync(cancellationToken);
        var offset = Paging.Offset(page, pageSize);
        var people = new List<PersonSummary>();
        var total = 0;
        if (teamIds.Count > 0)
        {
            var keys = Matching(access.AccessibleTeamPeople(teamIds), teamIds.Count, text, nhsDigits, criteria.WithoutKeyWorkerOnly);
            var rows = await keys
                .OrderBy(k => k.LegalLastName).ThenBy(k => k.LegalFirstName).ThenBy(k => k.PersonId)
                .Skip(offset).Take(pageSize)
                .Join(db.People, k => k.PersonId, p => p.Id, (k, p) => new
                {
                    k.LegalLastName, k.LegalFirstName, k.PersonId,
                    p.PreferredName, p.DateOfBirth, p.NhsNumber, p.PersonIdentifier, p.Postcode,
                    KeyWorker = db.Users.Where(u => u.Id == p.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                    p.Section117Eligible, p.DateOfDeath,
                })
                .OrderBy(r => r.LegalLastName).ThenBy(r => r.LegalFirstName).ThenBy(r => r.PersonId)
                .ToListAsync(cancellationToken);

            // A page that is not full is the last one (an empty first page: nobody): its rows give the total without counting again.
            total = rows.Count < pageSize && (rows.Count > 0 || offset == 0)
                ? offset + rows.Count
                : await keys.CountAsync(cancellationToken);

            people = rows.Select(r => new PersonSummary(
                r.PersonId,
                string.IsNullOrEmpty(r.PreferredName) ? $"{r.LegalFirstName} {r.LegalLastName}" : $"{r.PreferredName} {r.LegalLastName}",
                $"{r.LegalFirstName} {r.LegalLastName}",
                r.DateOfBirth, r.NhsNumber, r.PersonIdentifier, r.Postcode, r.KeyWorker, r.Section117Eligible, r.DateOfDeath)).ToList();
        }

        Guid? outside = null;
        if (total == 0 && text.Length > 0)
        {
            var identifier = text;
            outside = await db.People
                .Where(nhsDigits is null ? p => p.PersonIdentifier == identifier : p => p.PersonIdentifier == identifier || p.NhsNumber == nhsDigits)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        await audit.RecordAsync(AuditAction.Searched, "Person", null,
            summary: $"Searched people{(text.Length > 0 ? $" for \"{text}\"" : "")}{(criteria.WithoutKeyWorkerOnly ? " without a key worker" : "")}: {total} found, page {page}",
            cancellationToken: cancellationToken);
        return new SearchResults(people, page, pageSize, total, outside);
    }

    private sealed class PersonKey
    {
        public string LegalLastName { get; init; } = "";
        public string LegalFirstName { get; init; } = "";
        public Guid PersonId { get; init; }
    }

    /// <summary>
    /// The people (in the user's teams) the search finds, one key each: every word of the text in the name, or the text
    /// as an identifier, a postcode prefix or an NHS number. The name is matched in the team read table (its trigram
    /// index on PostgreSQL reads only the team's matches); the other three find the few people by their b-trees on
    /// People and keep those in the teams. The union makes a person found both ways, or in two of the teams, one.
    /// </summary>
    private IQueryable<PersonKey> Matching(IQueryable<TeamPersonSearch> inTeams, int teamCount, string text, string? nhsDigits, bool withoutKeyWorkerOnly)
    {
        if (withoutKeyWorkerOnly)
        {
            inTeams = inTeams.Where(s => s.KeyWorkerId == null);
        }

        if (text.Length == 0)
        {
            var all = inTeams.Select(s => new PersonKey { LegalLastName = s.LegalLastName, LegalFirstName = s.LegalFirstName, PersonId = s.PersonId });
            // One team has each person once; several may share a person.
            return teamCount == 1 ? all : all.Distinct();
        }

        var byName = inTeams;
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            byName = byName.Where(s => s.SearchName.Contains(word));
        }

        var compactPostcode = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var identifier = text;
        var others = db.People
            .Where(nhsDigits is null
                ? p => p.PersonIdentifier == identifier || p.SearchPostcode!.StartsWith(compactPostcode)
                : p => p.PersonIdentifier == identifier || p.SearchPostcode!.StartsWith(compactPostcode) || p.NhsNumber == nhsDigits)
            .Select(p => p.Id);
        var byOther = inTeams.Where(s => others.Contains(s.PersonId));
        return byName.Select(s => new PersonKey { LegalLastName = s.LegalLastName, LegalFirstName = s.LegalFirstName, PersonId = s.PersonId })
            .Union(byOther.Select(s => new PersonKey { LegalLastName = s.LegalLastName, LegalFirstName = s.LegalFirstName, PersonId = s.PersonId }));
    }
}
