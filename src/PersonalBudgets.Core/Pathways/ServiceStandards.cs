using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Pathways;

/// <summary>
/// The council's service standards, from which due dates are computed, and the delegated approval limit.
/// Administrators change them; a change applies to due dates computed after it, never to ones already set.
/// </summary>
public sealed record ServiceStandards(
    int AssessmentDaysFromReferral = 28,
    int EligibilityWorkingDays = 5,
    int IndicativeBudgetWorkingDays = 5,
    int PlanDaysFromEligibility = 28,
    int ApprovalWorkingDays = 10,
    int FirstReviewWeeksAfterStart = 8,
    int ReviewMonths = 12,
    int DirectPaymentFirstReviewMonths = 6,
    decimal TeamManagerWeeklyLimit = 400m,
    int PlanVariancePercent = 10)
{
    public static ServiceStandards Default { get; } = new();

    public IReadOnlyList<People.FieldError> Problems()
    {
        var p = new List<People.FieldError>();
        void Check(bool bad, string field, string message)
        {
            if (bad)
            {
                p.Add(new People.FieldError(field, message));
            }
        }

        Check(AssessmentDaysFromReferral is < 1 or > 365, nameof(AssessmentDaysFromReferral), "Days to complete an assessment must be between 1 and 365");
        Check(EligibilityWorkingDays is < 1 or > 60, nameof(EligibilityWorkingDays), "Working days to decide eligibility must be between 1 and 60");
        Check(IndicativeBudgetWorkingDays is < 1 or > 60, nameof(IndicativeBudgetWorkingDays), "Working days to give an indicative budget must be between 1 and 60");
        Check(PlanDaysFromEligibility is < 1 or > 365, nameof(PlanDaysFromEligibility), "Days to agree a support plan must be between 1 and 365");
        Check(ApprovalWorkingDays is < 1 or > 60, nameof(ApprovalWorkingDays), "Working days to decide approval must be between 1 and 60");
        Check(FirstReviewWeeksAfterStart is < 6 or > 8, nameof(FirstReviewWeeksAfterStart), "The first review must be due 6 to 8 weeks after support starts");
        Check(ReviewMonths is < 1 or > 12, nameof(ReviewMonths), "Reviews must be at least every 12 months: enter 1 to 12");
        Check(DirectPaymentFirstReviewMonths is < 1 or > 6, nameof(DirectPaymentFirstReviewMonths), "The first direct payment review must be within 6 months: enter 1 to 6");
        Check(TeamManagerWeeklyLimit is < 0 or > 100_000m || decimal.Round(TeamManagerWeeklyLimit, 2) != TeamManagerWeeklyLimit, nameof(TeamManagerWeeklyLimit), "The team manager's weekly limit must be between £0 and £100,000, in pounds and pence");
        Check(PlanVariancePercent is < 0 or > 100, nameof(PlanVariancePercent), "The percentage must be between 0 and 100");
        return p;
    }
}

/// <summary>A published set of service standards. The newest applies to due dates computed from then on.</summary>
public sealed class ServiceStandardsVersion
{
    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public int AssessmentDaysFromReferral { get; private set; }
    public int EligibilityWorkingDays { get; private set; }
    public int IndicativeBudgetWorkingDays { get; private set; }
    public int PlanDaysFromEligibility { get; private set; }
    public int ApprovalWorkingDays { get; private set; }
    public int FirstReviewWeeksAfterStart { get; private set; }
    public int ReviewMonths { get; private set; }
    public int DirectPaymentFirstReviewMonths { get; private set; }
    public decimal TeamManagerWeeklyLimit { get; private set; }
    public int PlanVariancePercent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public string? Reason { get; private set; }

    private ServiceStandardsVersion()
    {
    }

    public ServiceStandards Standards => new(AssessmentDaysFromReferral, EligibilityWorkingDays, IndicativeBudgetWorkingDays, PlanDaysFromEligibility,
        ApprovalWorkingDays, FirstReviewWeeksAfterStart, ReviewMonths, DirectPaymentFirstReviewMonths, TeamManagerWeeklyLimit, PlanVariancePercent);

    public static ServiceStandardsVersion Create(int number, ServiceStandards standards, string? reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(standards);
        ArgumentNullException.ThrowIfNull(actor);
        var problems = standards.Problems().ToList();
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (number > 1 && text is null)
        {
            problems.Add(new People.FieldError("Reason", "Enter why the service standards are changing"));
        }
        else if (text is { Length: > 1000 })
        {
            problems.Add(new People.FieldError("Reason", "The reason must be 1000 characters or fewer"));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        return new ServiceStandardsVersion
        {
            Id = Guid.NewGuid(),
            Number = number,
            AssessmentDaysFromReferral = standards.AssessmentDaysFromReferral,
            EligibilityWorkingDays = standards.EligibilityWorkingDays,
            IndicativeBudgetWorkingDays = standards.IndicativeBudgetWorkingDays,
            PlanDaysFromEligibility = standards.PlanDaysFromEligibility,
            ApprovalWorkingDays = standards.ApprovalWorkingDays,
            FirstReviewWeeksAfterStart = standards.FirstReviewWeeksAfterStart,
            ReviewMonths = standards.ReviewMonths,
            DirectPaymentFirstReviewMonths = standards.DirectPaymentFirstReviewMonths,
            TeamManagerWeeklyLimit = standards.TeamManagerWeeklyLimit,
            PlanVariancePercent = standards.PlanVariancePercent,
            CreatedAt = now,
            CreatedByName = actor.DisplayName,
            Reason = text,
        };
    }
}

/// <summary>Bank holidays in England and Wales, skipped when counting working days.</summary>
public static class EnglandBankHolidays
{
    public static IReadOnlySet<DateOnly> All { get; } = new HashSet<DateOnly>
    {
        new(2025, 1, 1), new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 5), new(2025, 5, 26), new(2025, 8, 25), new(2025, 12, 25), new(2025, 12, 26),
        new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28),
        new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
        new(2028, 1, 3), new(2028, 4, 14), new(2028, 4, 17), new(2028, 5, 1), new(2028, 5, 29), new(2028, 8, 28), new(2028, 12, 25), new(2028, 12, 26),
    };
}

/// <summary>Due-date arithmetic, including working days (weekends and given bank holidays skipped).</summary>
public static class DueDates
{
    public static DateOnly AddWorkingDays(DateOnly start, int workingDays, IReadOnlySet<DateOnly>? bankHolidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var added = 0;
        while (added < workingDays && date < DateOnly.MaxValue)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && bankHolidays?.Contains(date) != true)
            {
                added++;
            }
        }

        return date;
    }

    /// <summary>
    /// When a stage opened on <paramref name="opened"/> is due under the standards. Assessment is measured from the
    /// referral and support planning from eligibility, as the standards say; the rest from when the stage opened.
    /// Months are calendar months (31 January plus one month is 28 or 29 February).
    /// </summary>
    public static DateOnly For(PathwayStage stage, DateOnly opened, ServiceStandards standards, IReadOnlySet<DateOnly>? bankHolidays = null, DateOnly? referral = null)
    {
        ArgumentNullException.ThrowIfNull(standards);
        return stage switch
        {
            PathwayStage.Referral or PathwayStage.NeedsAssessment => AddDays(referral ?? opened, standards.AssessmentDaysFromReferral),
            PathwayStage.Eligibility => AddWorkingDays(opened, standards.EligibilityWorkingDays, bankHolidays),
            PathwayStage.IndicativeBudget => AddWorkingDays(opened, standards.IndicativeBudgetWorkingDays, bankHolidays),
            PathwayStage.SupportPlanning => AddDays(opened, standards.PlanDaysFromEligibility),
            PathwayStage.Approval => AddWorkingDays(opened, standards.ApprovalWorkingDays, bankHolidays),
            PathwayStage.BudgetInPlace => AddDays(opened, 7 * standards.FirstReviewWeeksAfterStart),
            PathwayStage.Review => AddMonths(opened, standards.ReviewMonths),
            _ => opened,
        };
    }

    /// <summary>
    /// When the next review is due after one completed on <paramref name="reviewed"/>: within the review period, and
    /// for a direct payment no later than its first direct payment review (months after the budget started) if that
    /// is still to come.
    /// </summary>
    public static DateOnly NextReview(DateOnly reviewed, DateOnly budgetStart, bool hasDirectPayment, ServiceStandards standards)
    {
        ArgumentNullException.ThrowIfNull(standards);
        var next = AddMonths(reviewed, standards.ReviewMonths);
        if (hasDirectPayment)
        {
            var directPaymentReview = AddMonths(budgetStart, standards.DirectPaymentFirstReviewMonths);
            if (directPaymentReview > reviewed && directPaymentReview < next)
            {
                next = directPaymentReview;
            }
        }

        return next;
    }

    // Dates are checked for sense where they are entered (PlausibleDates); these stop at the last representable day
    // rather than throw, so a date stored before those checks cannot make a decision fail.
    private static DateOnly AddDays(DateOnly date, int days) =>
        date.DayNumber > DateOnly.MaxValue.DayNumber - days ? DateOnly.MaxValue : date.AddDays(days);

    private static DateOnly AddMonths(DateOnly date, int months) =>
        date.Year * 12 + date.Month - 1 + months > 9999 * 12 + 11 ? DateOnly.MaxValue : date.AddMonths(months);
}
