using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Returns;

// The facts the CLD return is built from, as plain records: the query loads them set-based (no per-person queries),
// and unit tests build them by hand. Nothing here is a CLD string yet; CldMapping turns them into the return.

/// <summary>A person's details (as recorded now: the service keeps no dated history of them).</summary>
public sealed record CldPersonFacts(
    Guid Id,
    string PersonIdentifier,
    string? NhsNumber,
    string LegalFirstName,
    string LegalLastName,
    string? GpPracticeCode,
    Gender Gender,
    Ethnicity Ethnicity,
    DateOnly DateOfBirth,
    DateOnly? DateOfDeath,
    string? Postcode,
    AccommodationStatus AccommodationStatus,
    EmploymentStatus EmploymentStatus,
    PrimarySupportReason PrimarySupportReason,
    bool Section117Eligible,
    DateOnly? Section117StartDate,
    DateOnly? Section117EndDate,
    Guid? CaresForPersonId,
    YesNoUnknown? HasUnpaidCarerAnswer,
    bool HasCarerRecord);

/// <summary>
/// A referral (the request for support): the day it was made, and the UK day the pathway moved on from it, or ended at
/// it. A pathway opened straight at the assessment had no recorded referral and gives no request.
/// </summary>
public sealed record CldRequestFacts(Guid EpisodeId, Guid PersonId, DateOnly ReferralDate, DateOnly? LeftReferralOn, bool MovedOn, PathwayEndReason? EndReason);

/// <summary>
/// A completed needs or carer's assessment (the version in force: a correction replaces the one it corrects), under
/// the person it assessed (for a carer's assessment, the carer's own record), with the eligibility decided on it.
/// </summary>
public sealed record CldAssessmentFacts(Guid Id, Guid PersonId, AssessmentKind Kind, AssessmentType? Type, DateOnly Started, DateOnly Completed, bool? Eligible);

/// <summary>
/// One costed element of a personal budget in place: a service event. <paramref name="End"/> is the earlier of the
/// element's end and the budget's; <paramref name="ReplacedByRevision"/> when a revised plan's budget took over.
/// </summary>
public sealed record CldServiceFacts(
    Guid ElementId,
    Guid PersonId,
    Guid BudgetId,
    ServiceCategory Category,
    Deployment Deployment,
    decimal UnitCost,
    UnitType UnitType,
    decimal UnitsPerWeek,
    DateOnly Start,
    DateOnly? End,
    bool ReplacedByRevision,
    decimal BudgetWeeklyCost,
    decimal ContributionWeekly,
    decimal NhsShareWeekly,
    bool Section117);

/// <summary>A completed review.</summary>
public sealed record CldReviewFacts(
    Guid Id,
    Guid PersonId,
    ReviewReason Reason,
    DateOnly Started,
    DateOnly Completed,
    Participation? Participation,
    IReadOnlyList<OutcomeAchieved?> OutcomesAchieved,
    ReviewDecision? Decision);

/// <summary>Everything the return for a period is built from.</summary>
public sealed record CldSourceData(
    IReadOnlyList<CldPersonFacts> People,
    IReadOnlyList<CldRequestFacts> Requests,
    IReadOnlyList<CldAssessmentFacts> Assessments,
    IReadOnlyList<CldServiceFacts> Services,
    IReadOnlyList<CldReviewFacts> Reviews);
