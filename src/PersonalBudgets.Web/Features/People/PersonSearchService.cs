using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
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

        var query = access.AccessiblePeople();
        string? nhsDigits = null;
        if (text.Length > 0)
        {
            nhsDigits = NhsNumber.TryParse(text, out var nhs) ? nhs.Value : null;
            var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var compactPostcode = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var identifier = text;

            var byName = query;
            foreach (var word in words)
            {
                var w = word;
                byName = byName.Where(p => p.SearchName.Contains(w));
            }

            query = byName
                .Union(query.Where(p => p.PersonIdentifier == identifier || p.SearchPostcode!.StartsWith(compactPostcode) || (nhsDigits != null && p.NhsNumber == nhsDigits)));
        }

        if (criteria.WithoutKeyWorkerOnly)
        {
            query = query.Where(p => p.KeyWorkerId == null);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ThenBy(p => p.Id)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(p => new
            {
                p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName, p.DateOfBirth, p.NhsNumber, p.PersonIdentifier, p.Postcode,
                KeyWorker = db.Users.Where(u => u.Id == p.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                p.Section117Eligible, p.DateOfDeath,
            })
            .ToListAsync(cancellationToken);

        var people = rows.Select(r => new PersonSummary(
            r.Id,
            string.IsNullOrEmpty(r.PreferredName) ? $"{r.LegalFirstName} {r.LegalLastName}" : $"{r.PreferredName} {r.LegalLastName}",
            $"{r.LegalFirstName} {r.LegalLastName}",
            r.DateOfBirth, r.NhsNumber, r.PersonIdentifier, r.Postcode, r.KeyWorker, r.Section117Eligible, r.DateOfDeath)).ToList();

        Guid? outside = null;
        if (total == 0 && text.Length > 0)
        {
            var identifier = text;
            outside = await db.People
                .Where(p => p.PersonIdentifier == identifier || (nhsDigits != null && p.NhsNumber == nhsDigits))
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        await audit.RecordAsync(AuditAction.Searched, "Person", null,
            summary: $"Searched people{(text.Length > 0 ? $" for \"{text}\"" : "")}{(criteria.WithoutKeyWorkerOnly ? " without a key worker" : "")}: {total} found, page {page}",
            cancellationToken: cancellationToken);
        return new SearchResults(people, page, pageSize, total, outside);
    }
}
