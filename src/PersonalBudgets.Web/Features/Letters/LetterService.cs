using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Letters;

/// <summary>What every letter the person keeps starts with: who it is from and for, and how to get in touch.</summary>
public sealed record LetterHeading(
    CouncilOptions Council,
    string Recipient,
    string PersonName,
    DateOnly DateOfBirth,
    string? NhsNumber,
    string Reference,
    DateOnly Dated,
    string? KeyWorker,
    IReadOnlyList<string> Teams,
    TeamContact Contact,
    DateOnly? NextReview)
{
    /// <summary>Letters about support in place give the next review's date; others leave it out.</summary>
    public bool ShowNextReview { get; init; }
}

/// <summary>
/// Builds the heading of a letter for the person (written record, plan, budget statement, review, indicative budget): the
/// council's name and address, the person's name, date of birth and NHS number, a reference, the date, the key worker,
/// how to contact the team and the date of the next review from the person's pathway, if one is due. The page that
/// shows the letter has already checked access to the person and audits the view; pages show it with _LetterHeading.
/// </summary>
public sealed class LetterService(PersonalBudgetsDbContext db, IOptions<CouncilOptions> council, TimeProvider clock)
{
    /// <param name="personId">The person the letter is about.</param>
    /// <param name="reference">What the letter is, for its reference after the person's identifier (for example "PLAN-2").</param>
    /// <param name="recipient">Who the letter is for, when not the person (a carer).</param>
    public async Task<LetterHeading> HeadingAsync(Guid personId, string reference, string? recipient = null, CancellationToken ct = default)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.LegalFirstName, p.LegalLastName, p.PreferredName, p.DateOfBirth, p.NhsNumber, p.PersonIdentifier, p.KeyWorkerId })
            .SingleAsync(ct);
        var keyWorker = person.KeyWorkerId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        var teams = await db.TeamAllocations.AsNoTracking().Where(a => a.PersonId == personId && a.EndedAt == null)
            .Join(db.Teams, a => a.TeamId, t => t.Id, (a, t) => t.Name).OrderBy(n => n).ToListAsync(ct);
        var nextReview = await db.PathwaySteps.AsNoTracking()
            .Where(s => s.PersonId == personId && s.CompletedAt == null && (s.Stage == PathwayStage.BudgetInPlace || s.Stage == PathwayStage.Review))
            .OrderBy(s => s.DueDate).Select(s => (DateOnly?)s.DueDate).FirstOrDefaultAsync(ct);

        var name = string.IsNullOrWhiteSpace(person.PreferredName) ? $"{person.LegalFirstName} {person.LegalLastName}" : $"{person.PreferredName} {person.LegalLastName}";
        return new LetterHeading(council.Value, recipient ?? name, name, person.DateOfBirth, person.NhsNumber, $"{person.PersonIdentifier}/{reference}",
            clock.UkToday(), keyWorker, teams, council.Value.ContactFor(teams.FirstOrDefault()), nextReview);
    }
}
