using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Data.Reporting;

/// <summary>A stage of the pathway reached by a person, on an instant, through one record (docs/adr/0027).</summary>
public sealed class PathwayMilestone
{
    public Guid PersonId { get; init; }

    /// <summary>When it happened (UK dates come from <see cref="Core.Common.UkTime.DateOf"/>).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The record that shows it (an episode, assessment, determination, offer, indicative budget, plan, review).</summary>
    public Guid RecordId { get; init; }
}

/// <summary>A referral: one pathway episode opened, with the referral date the practitioner gave and how it ended.</summary>
public sealed class ReferralMilestone
{
    public Guid PersonId { get; init; }
    public Guid EpisodeId { get; init; }
    public DateOnly ReferralDate { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public Core.Pathways.PathwayEndReason? EndReason { get; init; }
}

/// <summary>An offer of a personal budget and a direct payment, or the record that none was made and why.</summary>
public sealed class OfferMilestone
{
    public Guid PersonId { get; init; }
    public Guid OfferId { get; init; }
    public DateTimeOffset At { get; init; }
    public bool Offered { get; init; }
    public OfferStage Stage { get; init; }
    public OfferResponse? Response { get; init; }
    public NotOfferedReason? NotOfferedReason { get; init; }
    public Core.Staff.Profession RecordedByProfession { get; init; }
    public Guid? TeamId { get; init; }
}

/// <summary>A personal budget in force, with its split by deployment (weekly amounts).</summary>
public sealed class BudgetInPlace
{
    public Guid PersonId { get; init; }
    public Guid BudgetId { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public decimal WeeklyCost { get; init; }
    public decimal DirectPaymentWeekly { get; init; }
    public decimal CouncilManagedWeekly { get; init; }
    public decimal IndividualServiceFundWeekly { get; init; }
    public decimal CouncilCommissionedWeekly { get; init; }
    public decimal ContributionWeekly { get; init; }
    public bool Section117 { get; init; }
}

/// <summary>
/// The definitions of the pathway's stages, in one place, as queries over the database (docs/adr/0027): the
/// implementation dashboard, the Client Level Data return and ASCOF 3D count "eligible", "offered", "in place" and the
/// rest through these and nothing else. Each returns every occurrence (a person may be referred twice, reviewed many
/// times); callers filter by period and team and count distinct people. They translate to SQL on SQLite and
/// PostgreSQL: no entity is loaded, nothing is evaluated per person in memory.
/// </summary>
public static class PathwayDefinitions
{
    /// <summary>Referral: a pathway episode opened (at referral, or straight at needs assessment), dated by its referral date.</summary>
    public static IQueryable<ReferralMilestone> Referrals(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PathwayEpisodes.Select(e => new ReferralMilestone
        {
            PersonId = e.PersonId,
            EpisodeId = e.Id,
            ReferralDate = e.ReferralDate,
            OpenedAt = e.OpenedAt,
            EndedAt = e.EndedAt,
            EndReason = e.EndReason,
        });
    }

    /// <summary>
    /// Assessed: an adult's needs assessment completed. A corrected (superseded) assessment was completed too, so it
    /// counts on the day it was completed; a cancelled draft never does. Carer's assessments are about the carer.
    /// </summary>
    public static IQueryable<PathwayMilestone> Assessed(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Assessments
            .Where(a => a.Kind == AssessmentKind.Adult && a.CompletedAt != null && (a.Status == AssessmentStatus.Completed || a.Status == AssessmentStatus.Superseded))
            .Select(a => new PathwayMilestone { PersonId = a.PersonId, At = a.CompletedAt!.Value, RecordId = a.Id });
    }

    /// <summary>Every eligibility decision on an adult's needs assessment, eligible or not (see <see cref="CurrentlyEligible"/>).</summary>
    public static IQueryable<PathwayMilestone> EligibilityDecided(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.EligibilityDeterminations.Where(d => d.Kind == AssessmentKind.Adult)
            .Select(d => new PathwayMilestone { PersonId = d.PersonId, At = d.ConfirmedAt, RecordId = d.Id });
    }

    /// <summary>
    /// Eligible: the person's CURRENT eligibility decision says eligible, as <see cref="CurrentEligibility"/> decides it
    /// (the latest decision on an adult's needs assessment wins, so a correction supersedes the earlier decision either
    /// way). Dated by that decision. One row per eligible person.
    /// </summary>
    public static IQueryable<PathwayMilestone> CurrentlyEligible(PersonalBudgetsDbContext db) => EligibleAsAt(db, null);

    /// <summary>
    /// Eligible as things stood at <paramref name="asAt"/> (null: now): the latest adult decision confirmed by then says
    /// eligible. One row per eligible person.
    /// </summary>
    public static IQueryable<PathwayMilestone> EligibleAsAt(PersonalBudgetsDbContext db, DateTimeOffset? asAt) => EligibleAsAt(db, asAt, decidedFrom: null);

    /// <summary>
    /// Eligible as at <paramref name="asAt"/> by a decision made at or after <paramref name="decidedFrom"/>: the same rows
    /// as <c>EligibleAsAt(db, asAt).Where(m =&gt; m.At &gt;= decidedFrom)</c>. A decision that supersedes one made since
    /// then was made since then too, so the later decisions are looked for among the period's alone, and the database
    /// reads only the period's decisions rather than every one.
    /// </summary>
    public static IQueryable<PathwayMilestone> EligibleAsAt(PersonalBudgetsDbContext db, DateTimeOffset? asAt, DateTimeOffset? decidedFrom)
    {
        ArgumentNullException.ThrowIfNull(db);
        var decisions = db.EligibilityDeterminations.Where(d => d.Kind == AssessmentKind.Adult);
        if (asAt is { } at)
        {
            decisions = decisions.Where(d => d.ConfirmedAt <= at);
        }

        if (decidedFrom is { } from)
        {
            decisions = decisions.Where(d => d.ConfirmedAt >= from);
        }

        return decisions
            .Where(d => d.Eligible && !decisions.Any(later => later.PersonId == d.PersonId && later.ConfirmedAt > d.ConfirmedAt))
            .Select(d => new PathwayMilestone { PersonId = d.PersonId, At = d.ConfirmedAt, RecordId = d.Id });
    }

    /// <summary>
    /// A carer's own record (ADR 21) currently eligible: the latest decision on the carer's assessments linked to the
    /// record says eligible. The person id is the carer's record.
    /// </summary>
    public static IQueryable<PathwayMilestone> CarersCurrentlyEligible(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var decisions = db.EligibilityDeterminations.Where(d => d.Kind == AssessmentKind.Carer)
            .Join(db.Assessments.Where(a => a.CarerPersonId != null), d => d.AssessmentId, a => a.Id,
                (d, a) => new { CarerId = a.CarerPersonId!.Value, d.Id, d.Eligible, d.ConfirmedAt });
        return decisions
            .Where(d => d.Eligible && !decisions.Any(later => later.CarerId == d.CarerId && later.ConfirmedAt > d.ConfirmedAt))
            .Select(d => new PathwayMilestone { PersonId = d.CarerId, At = d.ConfirmedAt, RecordId = d.Id });
    }

    /// <summary>Every offer record, made or not (with the reason when not, and who recorded it).</summary>
    public static IQueryable<OfferMilestone> Offers(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.BudgetOffers.Select(o => new OfferMilestone
        {
            PersonId = o.PersonId,
            OfferId = o.Id,
            At = o.RecordedAt,
            Offered = o.Offered,
            Stage = o.Stage,
            Response = o.Response,
            NotOfferedReason = o.NotOfferedReason,
            RecordedByProfession = o.RecordedByProfession,
            TeamId = o.TeamId,
        });
    }

    /// <summary>Offered a personal budget: an offer recorded as made.</summary>
    public static IQueryable<OfferMilestone> OfferedPersonalBudget(PersonalBudgetsDbContext db) => Offers(db).Where(o => o.Offered);

    /// <summary>
    /// Whether one offer covers both a personal budget and a direct payment: the service records one offer of "a personal
    /// budget and a direct payment" (the practitioner explains both). While it does, a count of one is the count of the
    /// other, and a report may count it once.
    /// </summary>
    public static bool OneOfferCoversADirectPayment => true;

    /// <summary>
    /// Offered a direct payment: every offer made is an offer of a direct payment too (<see cref="OneOfferCoversADirectPayment"/>).
    /// Kept as its own definition so that, should the two questions be asked apart, one place changes (and that property).
    /// </summary>
    public static IQueryable<OfferMilestone> OfferedDirectPayment(PersonalBudgetsDbContext db) => OfferedPersonalBudget(db);

    /// <summary>An indicative budget worked out (each calculation; a recalculation is another row).</summary>
    public static IQueryable<PathwayMilestone> IndicativeBudgets(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.IndicativeBudgets.Select(i => new PathwayMilestone { PersonId = i.PersonId, At = i.CalculatedAt, RecordId = i.Id });
    }

    /// <summary>A support plan version sent for approval (still waiting, approved, declined back to draft and resubmitted, or superseded).</summary>
    public static IQueryable<PathwayMilestone> PlansSubmitted(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SupportPlans.Where(p => p.SubmittedAt != null)
            .Select(p => new PathwayMilestone { PersonId = p.PersonId, At = p.SubmittedAt!.Value, RecordId = p.Id });
    }

    /// <summary>A support plan version approved (by a team manager or a panel), dated by the approval.</summary>
    public static IQueryable<PathwayMilestone> PlansApproved(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SupportPlans.Where(p => p.ApprovedAt != null && (p.Status == PlanStatus.Approved || p.Status == PlanStatus.Superseded))
            .Select(p => new PathwayMilestone { PersonId = p.PersonId, At = p.ApprovedAt!.Value, RecordId = p.Id });
    }

    /// <summary>Every personal budget put in place, whether or not still in force.</summary>
    public static IQueryable<BudgetInPlace> Budgets(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PersonalBudgets.Select(b => new BudgetInPlace
        {
            PersonId = b.PersonId,
            BudgetId = b.Id,
            StartDate = b.StartDate,
            EndDate = b.EndDate,
            CreatedAt = b.CreatedAt,
            WeeklyCost = b.WeeklyCost,
            DirectPaymentWeekly = b.DirectPaymentWeekly,
            CouncilManagedWeekly = b.CouncilManagedWeekly,
            IndividualServiceFundWeekly = b.IndividualServiceFundWeekly,
            CouncilCommissionedWeekly = b.CouncilCommissionedWeekly,
            ContributionWeekly = b.ContributionWeekly,
            Section117 = b.Section117,
        });
    }

    /// <summary>
    /// Budget in place on <paramref name="date"/>: a personal budget started on or before the date and not ended before it
    /// (a budget ending on the date is still in force that day, as the reviews count it). A person whose revised plan
    /// replaced the budget on the day has two rows: count distinct people.
    /// </summary>
    public static IQueryable<BudgetInPlace> InPlaceOn(PersonalBudgetsDbContext db, DateOnly date) =>
        Budgets(db).Where(b => b.StartDate <= date && (b.EndDate == null || b.EndDate >= date));

    /// <summary>Budget in place on the date and paid, at least in part, by direct payment.</summary>
    public static IQueryable<BudgetInPlace> DirectPaymentOn(PersonalBudgetsDbContext db, DateOnly date) =>
        InPlaceOn(db, date).Where(b => b.DirectPaymentWeekly > 0);

    /// <summary>Every completed review (dated by its completion).</summary>
    public static IQueryable<PathwayMilestone> ReviewsCompleted(PersonalBudgetsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Reviews.Where(r => r.Status == ReviewStatus.Completed && r.CompletedAt != null)
            .Select(r => new PathwayMilestone { PersonId = r.PersonId, At = r.CompletedAt!.Value, RecordId = r.Id });
    }

    /// <summary>
    /// The people whose first review was done before <paramref name="before"/>. Any review completed by then says so, so
    /// this reads the completed reviews directly rather than finding each person's first (<see cref="FirstReviews"/>). A
    /// person reviewed twice is in it twice.
    /// </summary>
    public static IQueryable<Guid> FirstReviewedBefore(PersonalBudgetsDbContext db, DateTimeOffset before) =>
        ReviewsCompleted(db).Where(r => r.At < before).Select(r => r.PersonId);

    /// <summary>First review done: the person's earliest completed review (one row per person reviewed).</summary>
    public static IQueryable<PathwayMilestone> FirstReviews(PersonalBudgetsDbContext db)
    {
        var completed = ReviewsCompleted(db);
        return completed.Where(r => !completed.Any(earlier => earlier.PersonId == r.PersonId && earlier.At < r.At));
    }
}
