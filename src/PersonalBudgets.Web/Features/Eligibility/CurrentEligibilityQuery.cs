using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>Loads what <see cref="CurrentEligibility"/> decides from, for every feature that needs the person's current eligibility.</summary>
public static class CurrentEligibilityQuery
{
    /// <summary>The person's current eligibility: the latest decision on an adult's needs assessment.</summary>
    public static async Task<CurrentEligibility> CurrentEligibilityAsync(this PersonalBudgetsDbContext db, Guid personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var decisions = await db.EligibilityDeterminations.AsNoTracking()
            .Where(e => e.PersonId == personId)
            .Select(e => new EligibilityDecisionRef(e.AssessmentId, e.Kind, e.Eligible, e.ConfirmedAt))
            .ToListAsync(cancellationToken);
        return CurrentEligibility.From(decisions);
    }

    /// <summary>The person's eligible needs, from the assessment behind their current eligibility; none while not eligible.</summary>
    public static async Task<IReadOnlyList<SpecifiedOutcome>> EligibleNeedsAsync(this PersonalBudgetsDbContext db, Guid personId, CancellationToken cancellationToken = default)
    {
        var eligibility = await db.CurrentEligibilityAsync(personId, cancellationToken);
        if (!eligibility.Eligible)
        {
            return [];
        }

        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == eligibility.AssessmentId, cancellationToken);
        return eligibility.EligibleNeeds(assessment);
    }
}
