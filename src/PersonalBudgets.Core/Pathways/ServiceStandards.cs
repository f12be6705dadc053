namespace PersonalBudgets.Core.Pathways;

/// <summary>
/// The council's service standards, from which due dates are computed. Administrators change them; a change
/// applies to due dates computed after it, never to ones already set.
/// </summary>
public sealed record ServiceStandards(
    int AssessmentDaysFromReferral = 28,
    int PlanDaysFromEligibility = 28,
    int ApprovalWorkingDays = 10,
    int FirstReviewWeeksAfterStart = 8,
    int ReviewMonths = 12,
    int DirectPaymentFirstReviewMonths = 6)
{
    public static ServiceStandards Default { get; } = new();

    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (AssessmentDaysFromReferral is < 1 or > 365) p.Add("Assessment days must be between 1 and 365");
        if (PlanDaysFromEligibility is < 1 or > 365) p.Add("Support planning days must be between 1 and 365");
        if (ApprovalWorkingDays is < 1 or > 60) p.Add("Approval working days must be between 1 and 60");
        if (FirstReviewWeeksAfterStart is < 6 or > 8) p.Add("The first review must be due 6 to 8 weeks after support starts");
        if (ReviewMonths is < 1 or > 12) p.Add("Reviews must be at least every 12 months");
        if (DirectPaymentFirstReviewMonths is < 1 or > 6) p.Add("The first direct payment review must be within 6 months");
        return p;
    }
}

/// <summary>Due-date arithmetic, including working days (weekends and given bank holidays skipped).</summary>
public static class DueDates
{
    public static DateOnly AddWorkingDays(DateOnly start, int workingDays, IReadOnlySet<DateOnly>? bankHolidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var added = 0;
        while (added < workingDays)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && bankHolidays?.Contains(date) != true)
            {
                added++;
            }
        }

        return date;
    }

    /// <summary>When a stage opened on <paramref name="opened"/> is due under the standards.</summary>
    public static DateOnly For(PathwayStage stage, DateOnly opened, ServiceStandards standards, IReadOnlySet<DateOnly>? bankHolidays = null)
    {
        ArgumentNullException.ThrowIfNull(standards);
        return stage switch
        {
            PathwayStage.Referral or PathwayStage.NeedsAssessment => opened.AddDays(standards.AssessmentDaysFromReferral),
            PathwayStage.Eligibility or PathwayStage.IndicativeBudget => opened.AddDays(standards.PlanDaysFromEligibility),
            PathwayStage.SupportPlanning => opened.AddDays(standards.PlanDaysFromEligibility),
            PathwayStage.Approval => AddWorkingDays(opened, standards.ApprovalWorkingDays, bankHolidays),
            PathwayStage.BudgetInPlace => opened.AddDays(7 * standards.FirstReviewWeeksAfterStart),
            PathwayStage.Review => opened.AddMonths(standards.ReviewMonths),
            _ => opened,
        };
    }
}
