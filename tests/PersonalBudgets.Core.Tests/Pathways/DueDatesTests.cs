using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Pathways;

public sealed class DueDatesTests
{
    private static readonly IReadOnlySet<DateOnly> England = EnglandBankHolidays.All;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-12-24", 1, "2026-12-29")] // Thursday: Christmas Day (Friday), the weekend and Boxing Day substitute (Monday 28th) skipped
    [InlineData("2026-12-23", 3, "2026-12-30")]
    [InlineData("2026-12-31", 1, "2027-01-04")] // New Year's Day 2027 is a Friday
    [InlineData("2026-12-18", 10, "2027-01-06")] // 10 working days across Christmas and New Year
    [InlineData("2027-03-25", 1, "2027-03-30")] // Easter 2027: Good Friday 26 March, Easter Monday 29 March
    [InlineData("2027-03-26", 1, "2027-03-30")] // from the bank holiday itself
    [InlineData("2027-12-24", 1, "2027-12-29")] // Christmas 2027 falls on a weekend: substitutes on 27 and 28 December
    [InlineData("2027-12-31", 1, "2028-01-04")] // New Year's Day 2028 is a Saturday: substitute Monday 3 January
    [InlineData("2027-05-28", 1, "2027-06-01")] // spring bank holiday, Monday 31 May
    [InlineData("2027-03-06", 1, "2027-03-08")] // Saturday + 1 = Monday
    [InlineData("2027-03-08", 0, "2027-03-08")]
    public void AddWorkingDays_SkipsWeekendsAndEnglandBankHolidays(string start, int days, string expected) =>
        DueDates.AddWorkingDays(D(start), days, England).ShouldBe(D(expected));

    [Fact]
    public void AddWorkingDays_WithoutBankHolidays_SkipsOnlyWeekends() =>
        DueDates.AddWorkingDays(D("2026-12-24"), 1).ShouldBe(D("2026-12-25"));

    [Fact]
    public void AddWorkingDays_Negative_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => DueDates.AddWorkingDays(D("2027-03-08"), -1));

    [Fact]
    public void EnglandBankHolidays_HaveEightADay_From2025To2028()
    {
        foreach (var year in new[] { 2025, 2026, 2027, 2028 })
        {
            England.Count(d => d.Year == year).ShouldBe(8, $"{year}");
        }

        England.ShouldAllBe(d => d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday);
    }

    [Theory]
    [InlineData("2027-01-31", 1, "2027-02-28")] // 31 January + 1 month
    [InlineData("2028-01-31", 1, "2028-02-29")] // in a leap year
    [InlineData("2028-02-29", 12, "2029-02-28")] // a 12-month review from 29 February
    [InlineData("2027-03-15", 12, "2028-03-15")]
    [InlineData("2027-08-31", 6, "2028-02-29")]
    public void Review_IsCalendarMonthsLater_ClampedAtTheMonthEnd(string opened, int months, string expected) =>
        DueDates.For(PathwayStage.Review, D(opened), new ServiceStandards(ReviewMonths: months), England).ShouldBe(D(expected));

    [Fact]
    public void NeedsAssessment_IsMeasuredFromTheReferral()
    {
        DueDates.For(PathwayStage.NeedsAssessment, D("2027-02-10"), ServiceStandards.Default, England, referral: D("2027-02-01")).ShouldBe(D("2027-03-01"));
        DueDates.For(PathwayStage.Referral, D("2027-02-01"), ServiceStandards.Default, England).ShouldBe(D("2027-03-01"));
    }

    [Fact]
    public void SupportPlanning_IsDaysFromEligibility()
    {
        DueDates.For(PathwayStage.SupportPlanning, D("2027-01-31"), ServiceStandards.Default, England).ShouldBe(D("2027-02-28"));
        DueDates.For(PathwayStage.SupportPlanning, D("2028-02-01"), ServiceStandards.Default, England).ShouldBe(D("2028-02-29"));
        DueDates.For(PathwayStage.SupportPlanning, D("2027-01-31"), new ServiceStandards(PlanDaysFromEligibility: 14), England).ShouldBe(D("2027-02-14"));
    }

    [Fact]
    public void Approval_IsWorkingDays_SkippingEaster()
    {
        // Thursday 25 March 2027: Good Friday and Easter Monday are skipped.
        DueDates.For(PathwayStage.Approval, D("2027-03-25"), ServiceStandards.Default, England).ShouldBe(D("2027-04-12"));
        DueDates.For(PathwayStage.Approval, D("2027-03-25"), new ServiceStandards(ApprovalWorkingDays: 5), England).ShouldBe(D("2027-04-05"));
    }

    [Fact]
    public void EligibilityAndIndicativeBudget_AreWorkingDays()
    {
        DueDates.For(PathwayStage.Eligibility, D("2026-12-22"), ServiceStandards.Default, England).ShouldBe(D("2026-12-31"));
        DueDates.For(PathwayStage.IndicativeBudget, D("2026-12-22"), new ServiceStandards(IndicativeBudgetWorkingDays: 7), England).ShouldBe(D("2027-01-05"));
    }

    [Fact]
    public void BudgetInPlace_IsTheFirstReview_WeeksAfterTheStart()
    {
        DueDates.For(PathwayStage.BudgetInPlace, D("2027-01-04"), ServiceStandards.Default, England).ShouldBe(D("2027-03-01"));
        DueDates.For(PathwayStage.BudgetInPlace, D("2027-01-04"), new ServiceStandards(FirstReviewWeeksAfterStart: 6), England).ShouldBe(D("2027-02-15"));
    }

    [Fact]
    public void NextReview_WithoutADirectPayment_IsTheReviewPeriodLater() =>
        DueDates.NextReview(D("2027-03-01"), D("2027-01-04"), hasDirectPayment: false, ServiceStandards.Default).ShouldBe(D("2028-03-01"));

    [Fact]
    public void NextReview_WithADirectPayment_IsNoLaterThanTheFirstDirectPaymentReview() =>
        DueDates.NextReview(D("2027-03-01"), D("2027-01-04"), hasDirectPayment: true, ServiceStandards.Default).ShouldBe(D("2027-07-04"));

    [Fact]
    public void NextReview_WithADirectPayment_AfterItsFirstReview_IsTheReviewPeriodLater()
    {
        DueDates.NextReview(D("2027-07-04"), D("2027-01-04"), hasDirectPayment: true, ServiceStandards.Default).ShouldBe(D("2028-07-04"));
        DueDates.NextReview(D("2027-09-01"), D("2027-01-04"), hasDirectPayment: true, ServiceStandards.Default).ShouldBe(D("2028-09-01"));
    }

    [Fact]
    public void NextReview_DirectPaymentMonths_AreCalendarMonthsClampedAtTheMonthEnd() =>
        DueDates.NextReview(D("2027-10-26"), D("2027-08-31"), hasDirectPayment: true, ServiceStandards.Default).ShouldBe(D("2028-02-29"));

    [Fact]
    public void NextReview_UsesTheStandardsGiven() =>
        DueDates.NextReview(D("2027-03-01"), D("2027-01-04"), hasDirectPayment: false, new ServiceStandards(ReviewMonths: 6)).ShouldBe(D("2027-09-01"));
}

public sealed class ServiceStandardsTests
{
    public static TheoryData<string, ServiceStandards, bool> Boundaries() => new()
    {
        { "AssessmentDaysFromReferral", new ServiceStandards(AssessmentDaysFromReferral: 1), true },
        { "AssessmentDaysFromReferral", new ServiceStandards(AssessmentDaysFromReferral: 0), false },
        { "AssessmentDaysFromReferral", new ServiceStandards(AssessmentDaysFromReferral: 365), true },
        { "AssessmentDaysFromReferral", new ServiceStandards(AssessmentDaysFromReferral: 366), false },
        { "EligibilityWorkingDays", new ServiceStandards(EligibilityWorkingDays: 1), true },
        { "EligibilityWorkingDays", new ServiceStandards(EligibilityWorkingDays: 0), false },
        { "EligibilityWorkingDays", new ServiceStandards(EligibilityWorkingDays: 60), true },
        { "EligibilityWorkingDays", new ServiceStandards(EligibilityWorkingDays: 61), false },
        { "IndicativeBudgetWorkingDays", new ServiceStandards(IndicativeBudgetWorkingDays: 0), false },
        { "IndicativeBudgetWorkingDays", new ServiceStandards(IndicativeBudgetWorkingDays: 61), false },
        { "PlanDaysFromEligibility", new ServiceStandards(PlanDaysFromEligibility: 0), false },
        { "PlanDaysFromEligibility", new ServiceStandards(PlanDaysFromEligibility: 365), true },
        { "PlanDaysFromEligibility", new ServiceStandards(PlanDaysFromEligibility: 366), false },
        { "ApprovalWorkingDays", new ServiceStandards(ApprovalWorkingDays: 1), true },
        { "ApprovalWorkingDays", new ServiceStandards(ApprovalWorkingDays: 0), false },
        { "ApprovalWorkingDays", new ServiceStandards(ApprovalWorkingDays: 61), false },
        { "FirstReviewWeeksAfterStart", new ServiceStandards(FirstReviewWeeksAfterStart: 5), false },
        { "FirstReviewWeeksAfterStart", new ServiceStandards(FirstReviewWeeksAfterStart: 6), true },
        { "FirstReviewWeeksAfterStart", new ServiceStandards(FirstReviewWeeksAfterStart: 8), true },
        { "FirstReviewWeeksAfterStart", new ServiceStandards(FirstReviewWeeksAfterStart: 9), false },
        { "ReviewMonths", new ServiceStandards(ReviewMonths: 0), false },
        { "ReviewMonths", new ServiceStandards(ReviewMonths: 1), true },
        { "ReviewMonths", new ServiceStandards(ReviewMonths: 12), true },
        { "ReviewMonths", new ServiceStandards(ReviewMonths: 13), false },
        { "DirectPaymentFirstReviewMonths", new ServiceStandards(DirectPaymentFirstReviewMonths: 0), false },
        { "DirectPaymentFirstReviewMonths", new ServiceStandards(DirectPaymentFirstReviewMonths: 6), true },
        { "DirectPaymentFirstReviewMonths", new ServiceStandards(DirectPaymentFirstReviewMonths: 7), false },
        { "TeamManagerWeeklyLimit", new ServiceStandards(TeamManagerWeeklyLimit: 0m), true },
        { "TeamManagerWeeklyLimit", new ServiceStandards(TeamManagerWeeklyLimit: -0.01m), false },
        { "TeamManagerWeeklyLimit", new ServiceStandards(TeamManagerWeeklyLimit: 100_000m), true },
        { "TeamManagerWeeklyLimit", new ServiceStandards(TeamManagerWeeklyLimit: 100_000.01m), false },
        { "TeamManagerWeeklyLimit", new ServiceStandards(TeamManagerWeeklyLimit: 400.005m), false },
        { "PlanVariancePercent", new ServiceStandards(PlanVariancePercent: 0), true },
        { "PlanVariancePercent", new ServiceStandards(PlanVariancePercent: -1), false },
        { "PlanVariancePercent", new ServiceStandards(PlanVariancePercent: 100), true },
        { "PlanVariancePercent", new ServiceStandards(PlanVariancePercent: 101), false },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Problems_AtTheBoundaries(string field, ServiceStandards standards, bool valid)
    {
        var problems = standards.Problems();

        if (valid)
        {
            problems.ShouldBeEmpty();
        }
        else
        {
            problems.ShouldHaveSingleItem().Field.ShouldBe(field);
        }
    }

    [Fact]
    public void Problems_SayWhatTheLawAllows()
    {
        var problems = new ServiceStandards(FirstReviewWeeksAfterStart: 10, ReviewMonths: 18, DirectPaymentFirstReviewMonths: 9).Problems();

        problems.Select(p => p.Message).ShouldBe([
            "The first review must be due 6 to 8 weeks after support starts",
            "Reviews must be at least every 12 months: enter 1 to 12",
            "The first direct payment review must be within 6 months: enter 1 to 6",
        ]);
    }

    [Fact]
    public void Create_TheFirstVersion_NeedsNoReason()
    {
        var version = ServiceStandardsVersion.Create(1, ServiceStandards.Default, null, Helen.Actor(), Now);

        version.Number.ShouldBe(1);
        version.Reason.ShouldBeNull();
        version.Standards.ShouldBe(ServiceStandards.Default);
        version.CreatedByName.ShouldBe("Helen Marsh");
    }

    [Fact]
    public void Create_ALaterVersion_NeedsAReason()
    {
        var ex = Should.Throw<ValidationFailedException>(() => ServiceStandardsVersion.Create(2, ServiceStandards.Default, "  ", Helen.Actor(), Now));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("Reason", "Enter why the service standards are changing"));
    }

    [Fact]
    public void Create_ALaterVersion_KeepsEveryStandardAndTheReason()
    {
        var standards = new ServiceStandards(21, 4, 3, 21, 8, 6, 6, 3, 500m, 15);

        var version = ServiceStandardsVersion.Create(2, standards, " Council decision of 1 March ", Helen.Actor(), Now);

        version.Standards.ShouldBe(standards);
        version.Reason.ShouldBe("Council decision of 1 March");
    }

    [Fact]
    public void Create_WithStandardsOutsideTheLaw_ReportsEveryProblem()
    {
        var ex = Should.Throw<ValidationFailedException>(() => ServiceStandardsVersion.Create(3, new ServiceStandards(ReviewMonths: 13), null, Helen.Actor(), Now));

        ex.Errors.Select(e => e.Field).ShouldBe(["ReviewMonths", "Reason"]);
    }

    [Fact]
    public void Create_WithATooLongReason_IsRefused() =>
        Should.Throw<ValidationFailedException>(() => ServiceStandardsVersion.Create(2, ServiceStandards.Default, new string('x', 1001), Helen.Actor(), Now))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("Reason");
}
