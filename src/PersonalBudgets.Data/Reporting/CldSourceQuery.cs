using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Returns;
using PersonalBudgets.Core.Reviews;

namespace PersonalBudgets.Data.Reporting;

/// <summary>
/// Loads the facts of the CLD return for a period (ADR 0028), counting referrals, assessments, budgets in force and
/// reviews through <see cref="PathwayDefinitions"/> so the return agrees with the dashboard: a handful of set-based, no-tracking projections (people,
/// referrals, assessments with their eligibility, budgets' costed elements, reviews with their outcomes), joined in
/// memory by id. No query runs per person, so a year at 100,000 people is a few round trips.
/// </summary>
public static class CldSourceQuery
{
    public static async Task<CldSourceData> LoadAsync(PersonalBudgetsDbContext db, ReturnPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);

        // Instants are stored in UTC; the period's days are UK days.
        var startsAt = UkTime.StartOf(period.Start);
        var endsBefore = UkTime.StartOf(period.End.AddDays(1));

        var people = await db.People.AsNoTracking()
            .Select(p => new
            {
                p.Id, p.PersonIdentifier, p.NhsNumber, p.LegalFirstName, p.LegalLastName, p.GpPracticeCode, p.Gender, p.Ethnicity,
                p.DateOfBirth, p.DateOfDeath, p.Postcode, p.AccommodationStatus, p.EmploymentStatus, p.PrimarySupportReason,
                p.Section117Eligible, p.Section117StartDate, p.Section117EndDate, p.CaresForPersonId,
            })
            .ToListAsync(cancellationToken);

        // The person's latest answer to "has an unpaid carer", from their completed needs assessments.
        var carerAnswers = (await db.Assessments.AsNoTracking()
                .Where(a => a.Kind == AssessmentKind.Adult && a.Status == AssessmentStatus.Completed && a.HasUnpaidCarer != null)
                .Select(a => new { a.PersonId, a.CompletedAt, a.HasUnpaidCarer })
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.CompletedAt).First().HasUnpaidCarer);
        var withCarerRecord = people.Where(p => p.CaresForPersonId is not null).Select(p => p.CaresForPersonId!.Value).ToHashSet();

        var personFacts = people
            .Select(p => new CldPersonFacts(p.Id, p.PersonIdentifier, p.NhsNumber, p.LegalFirstName, p.LegalLastName, p.GpPracticeCode, p.Gender,
                p.Ethnicity, p.DateOfBirth, p.DateOfDeath, p.Postcode, p.AccommodationStatus, p.EmploymentStatus, p.PrimarySupportReason,
                p.Section117Eligible, p.Section117StartDate, p.Section117EndDate, p.CaresForPersonId,
                carerAnswers.GetValueOrDefault(p.Id), withCarerRecord.Contains(p.Id)))
            .ToList();

        // Requests: referrals (PathwayDefinitions.Referrals) whose referral step was completed or closed in the period,
        // with whether the pathway went on from it.
        var referrals = await (
                from r in PathwayDefinitions.Referrals(db).AsNoTracking()
                join s in db.PathwaySteps.AsNoTracking() on r.EpisodeId equals s.EpisodeId
                where s.Stage == PathwayStage.Referral && s.CompletedAt != null && s.CompletedAt >= startsAt && s.CompletedAt < endsBefore
                select new
                {
                    Id = r.EpisodeId,
                    r.PersonId,
                    r.ReferralDate,
                    s.CompletedAt,
                    r.EndReason,
                    MovedOn = db.PathwaySteps.Any(later => later.EpisodeId == r.EpisodeId && later.Stage != PathwayStage.Referral),
                })
            .ToListAsync(cancellationToken);
        var requests = referrals
            .Select(r => new CldRequestFacts(r.Id, r.PersonId, r.ReferralDate, UkTime.DateOf(r.CompletedAt!.Value), r.MovedOn, r.MovedOn ? null : r.EndReason))
            .ToList();

        // Assessments completed in the period: the adult's (PathwayDefinitions.Assessed) and carers' assessments, each the
        // version in force (a completed correction replaces the version it corrects, so a superseded one gives no row),
        // with the latest eligibility decision on it (a corrected decision replaces the earlier one). A carer's
        // assessment counts under the carer's own record.
        var adultAssessed = PathwayDefinitions.Assessed(db).AsNoTracking()
            .Where(m => m.At >= startsAt && m.At < endsBefore)
            .Select(m => m.RecordId);
        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => a.Status == AssessmentStatus.Completed && a.CompletedAt >= startsAt && a.CompletedAt < endsBefore
                && (adultAssessed.Contains(a.Id) || (a.Kind == AssessmentKind.Carer && a.CarerPersonId != null)))
            .Select(a => new { a.Id, a.PersonId, a.Kind, a.Type, a.StartedAt, a.CompletedAt, a.CarerPersonId })
            .ToListAsync(cancellationToken);
        var decisions = (await (
                from d in db.EligibilityDeterminations.AsNoTracking()
                join a in db.Assessments.AsNoTracking() on d.AssessmentId equals a.Id
                where a.Status == AssessmentStatus.Completed && a.CompletedAt >= startsAt && a.CompletedAt < endsBefore
                select new { d.AssessmentId, d.Eligible, d.ConfirmedAt })
            .ToListAsync(cancellationToken))
            .GroupBy(d => d.AssessmentId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.ConfirmedAt).First().Eligible);
        var assessmentFacts = assessments
            .Where(a => a.Kind == AssessmentKind.Adult || a.CarerPersonId is not null)
            .Select(a => new CldAssessmentFacts(a.Id, a.Kind == AssessmentKind.Carer ? a.CarerPersonId!.Value : a.PersonId, a.Kind, a.Type,
                UkTime.DateOf(a.StartedAt), UkTime.DateOf(a.CompletedAt!.Value), decisions.TryGetValue(a.Id, out var eligible) ? eligible : null))
            .ToList();

        // Services: the costed elements of every personal budget in force at some time in the period (in force as
        // PathwayDefinitions.InPlaceOn has it, on any day of the period), with the statement's contribution and NHS share.
        var inForce = PathwayDefinitions.Budgets(db).AsNoTracking()
            .Where(b => b.StartDate <= period.End && (b.EndDate == null || b.EndDate >= period.Start));
        var budgets = await (
                from b in inForce
                join s in db.PersonalBudgets.AsNoTracking() on b.BudgetId equals s.Id
                select new { Id = b.BudgetId, b.PersonId, s.PlanId, b.StartDate, b.EndDate, b.WeeklyCost, s.ContributionWeekly, s.NhsShareWeekly, b.Section117 })
            .ToListAsync(cancellationToken);
        var elements = await (
                from b in inForce
                join s in db.PersonalBudgets.AsNoTracking() on b.BudgetId equals s.Id
                join p in db.SupportPlans.AsNoTracking() on s.PlanId equals p.Id
                from e in p.Elements
                select new { BudgetId = b.BudgetId, e.Id, e.Category, e.Deployment, e.UnitCost, e.UnitType, e.UnitsPerWeek, e.StartDate, e.EndDate })
            .ToListAsync(cancellationToken);
        var budgetsById = budgets.ToDictionary(b => b.Id);
        var startsByPerson = budgets.GroupBy(b => b.PersonId).ToDictionary(g => g.Key, g => g.Select(b => b.StartDate).ToHashSet());
        var services = elements
            .Select(e =>
            {
                var b = budgetsById[e.BudgetId];
                var start = e.StartDate > b.StartDate ? e.StartDate : b.StartDate;
                DateOnly? end = (e.EndDate, b.EndDate) switch
                {
                    ({ } x, { } y) => x < y ? x : y,
                    ({ } x, null) => x,
                    (null, { } y) => y,
                    _ => null,
                };
                // A budget that ended the day before another of the person's began was replaced by a revised plan's.
                var replaced = b.EndDate is { } ended && end == ended && startsByPerson[b.PersonId].Contains(ended.AddDays(1));
                return new CldServiceFacts(e.Id, b.PersonId, b.Id, e.Category, e.Deployment, e.UnitCost, e.UnitType, e.UnitsPerWeek, start, end, replaced,
                    b.WeeklyCost, b.ContributionWeekly, b.NhsShareWeekly, b.Section117);
            })
            .Where(s => s.End is null || s.End >= s.Start)
            .ToList();

        // Reviews completed in the period (PathwayDefinitions.ReviewsCompleted), with whether each of the plan's outcomes was achieved.
        var completed = PathwayDefinitions.ReviewsCompleted(db).AsNoTracking()
            .Where(m => m.At >= startsAt && m.At < endsBefore)
            .Select(m => m.RecordId);
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => completed.Contains(r.Id))
            .Select(r => new { r.Id, r.PersonId, r.Reason, r.CreatedAt, r.CompletedAt, r.Participation, r.Decision })
            .ToListAsync(cancellationToken);
        var achieved = (await (
                from r in db.Reviews.AsNoTracking()
                where completed.Contains(r.Id)
                from o in r.Outcomes
                select new { r.Id, o.PlanOutcomeId, o.Achieved })
            .ToListAsync(cancellationToken))
            .GroupBy(o => o.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OutcomeAchieved?>)g.OrderBy(o => o.PlanOutcomeId).Select(o => o.Achieved).ToList());
        var reviewFacts = reviews
            .Select(r => new CldReviewFacts(r.Id, r.PersonId, r.Reason, UkTime.DateOf(r.CreatedAt), UkTime.DateOf(r.CompletedAt!.Value), r.Participation,
                achieved.GetValueOrDefault(r.Id) ?? [], r.Decision))
            .ToList();

        return new CldSourceData(personFacts, requests, assessmentFacts, services, reviewFacts);
    }
}
