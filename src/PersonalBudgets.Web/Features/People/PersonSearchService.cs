using System.Linq.Expressions;
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
            query = query.Where(Matches(text, nhsDigits));
        }

        if (criteria.WithoutKeyWorkerOnly)
        {
            query = query.Where(p => p.KeyWorkerId == null);
        }

        var offset = Paging.Offset(page, pageSize);
        var rows = await query
            .OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ThenBy(p => p.Id)
            .Skip(offset).Take(pageSize)
            .Select(p => new
            {
                p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName, p.DateOfBirth, p.NhsNumber, p.PersonIdentifier, p.Postcode,
                KeyWorker = db.Users.Where(u => u.Id == p.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                p.Section117Eligible, p.DateOfDeath,
            })
            .ToListAsync(cancellationToken);

        // A page that is not full is the last one (an empty first page: nobody): its rows give the total without counting again.
        var total = rows.Count < pageSize && (rows.Count > 0 || offset == 0)
            ? offset + rows.Count
            : await query.CountAsync(cancellationToken);

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
                .Where(nhsDigits is null ? p => p.PersonIdentifier == identifier : p => p.PersonIdentifier == identifier || p.NhsNumber == nhsDigits)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        await audit.RecordAsync(AuditAction.Searched, "Person", null,
            summary: $"Searched people{(text.Length > 0 ? $" for \"{text}\"" : "")}{(criteria.WithoutKeyWorkerOnly ? " without a key worker" : "")}: {total} found, page {page}",
            cancellationToken: cancellationToken);
        return new SearchResults(people, page, pageSize, total, outside);
    }

    /// <summary>
    /// Every word of the text in the name, or the text as an identifier, a postcode prefix or an NHS number: one
    /// condition whose branches an index each serves (trigram for the name on PostgreSQL, b-trees for the rest), so
    /// the database can OR them without reading every person, and without de-duplicating whole rows.
    /// </summary>
    private static Expression<Func<Person, bool>> Matches(string text, string? nhsDigits)
    {
        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var compactPostcode = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var identifier = text;

        Expression<Func<Person, bool>> byOther = nhsDigits is null
            ? p => p.PersonIdentifier == identifier || p.SearchPostcode!.StartsWith(compactPostcode)
            : p => p.PersonIdentifier == identifier || p.SearchPostcode!.StartsWith(compactPostcode) || p.NhsNumber == nhsDigits;
        var person = byOther.Parameters[0];
        Expression? byName = null;
        foreach (var word in words)
        {
            Expression<Func<Person, bool>> contains = p => p.SearchName.Contains(word);
            var body = new Rebind(contains.Parameters[0], person).Visit(contains.Body);
            byName = byName is null ? body : Expression.AndAlso(byName, body);
        }

        return byName is null ? byOther : Expression.Lambda<Func<Person, bool>>(Expression.OrElse(byName, byOther.Body), person);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
