using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>Loads what <see cref="CurrentEligibility"/> decides from, for every feature that needs the person's current eligibility.</summary>
public static class CurrentEligibilityQuery
{
    /// <summary>
    /// The person's current eligibility: the latest decision on an adult's needs assessment; for a carer's own record
    /// (ADR 21), the latest decision on the carer's assessments linked to it.
    /// </summary>
    public static async Task<CurrentEligibility> CurrentEligibilityAsync(this PersonalBudgetsDbContext db, Guid personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var isCarer = await db.People.AnyAsync(p => p.Id == personId && p.CaresForPersonId != null, cancellationToken);
        var determinations = isCarer
            ? db.EligibilityDeterminations.AsNoTracking().Where(e => db.Assessments.Any(a => a.Id == e.AssessmentId && a.CarerPersonId == personId))
            : db.EligibilityDeterminations.AsNoTracking().Where(e => e.PersonId == personId);
        var decisions = await determinations
            .Select(e => new EligibilityDecisionRef(e.AssessmentId, e.Kind, e.Eligible, e.ConfirmedAt))
            .ToListAsync(cancellationToken);
        return CurrentEligibility.From(decisions, isCarer);
    }

    /// <summary>
    /// The needs the person's plan must meet, from the assessment behind their current eligibility (for a carer, the
    /// carer's); none while not eligible.
    /// </summary>
    public static async Task<IReadOnlyList<EligibleNeed>> EligibleNeedsAsync(this PersonalBudgetsDbContext db, Guid personId, CancellationToken cancellationToken = default)
    {
        var eligibility = await db.CurrentEligibilityAsync(personId, cancellationToken);
        if (!eligibility.Eligible)
        {
            return [];
        }

        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == eligibility.AssessmentId, cancellationToken);
        return eligibility.Needs(assessment);
    }
}
