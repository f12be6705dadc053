using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Tests.Common;

/// <summary>Dates far outside sense are refused with the field named (issue 9, item 10).</summary>
public sealed class PlausibleDatesTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Theory]
    [InlineData("0001-01-01", "Date of birth must be after 1 January 1900")]
    [InlineData("1899-12-31", "Date of birth must be after 1 January 1900")]
    [InlineData("2026-12-07", "Date of birth must be today or in the past")]
    [InlineData("9999-12-31", "Date of birth must be today or in the past")]
    public void DateOfBirth_OutsideSense_IsRefused(string date, string message) =>
        PlausibleDates.DateOfBirth(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today).ShouldBe(new FieldError("DateOfBirth", message));

    [Fact]
    public void Referral_OnYearOne_BeforeBirthOrInTheFuture_IsRefused()
    {
        var birth = new DateOnly(1980, 3, 27);

        PlausibleDates.Referral(DateOnly.MinValue, Today, birth)!.Message.ShouldBe("The referral date must be on or after the person's date of birth");
        PlausibleDates.Referral(DateOnly.MinValue, Today)!.Message.ShouldBe("The referral date must be on or after 1 January 2000");
        PlausibleDates.Referral(new DateOnly(1979, 1, 1), Today, birth)!.Field.ShouldBe("ReferralDate");
        PlausibleDates.Referral(Today.AddDays(1), Today, birth)!.Message.ShouldBe("The referral date must be today or in the past");
        PlausibleDates.Referral(Today, Today, birth).ShouldBeNull();
        PlausibleDates.Referral(new DateOnly(2000, 1, 1), Today, birth).ShouldBeNull();
    }

    [Fact]
    public void Start_MoreThanTwoYearsAhead_IsRefused_EndTenYearsAhead_IsNot()
    {
        PlausibleDates.Start(DateOnly.MaxValue, Today, "The start date", "StartDate")!.Message.ShouldBe("The start date must be no later than 6 December 2028");
        PlausibleDates.Start(Today.AddYears(2), Today, "The start date", "StartDate").ShouldBeNull();
        PlausibleDates.End(Today.AddYears(10), Today, "The end date", "EndDate").ShouldBeNull();
        PlausibleDates.End(DateOnly.MaxValue, Today, "The end date", "EndDate")!.Field.ShouldBe("EndDate");
        PlausibleDates.Due(DateOnly.MaxValue, Today)!.Message.ShouldBe("The due date must be no later than 6 December 2028");
    }

    [Fact]
    public void PersonDetails_WithSection117From9999_IsRefusedNamingTheField()
    {
        var details = new PersonDetails
        {
            LegalFirstName = "Sam",
            LegalLastName = "Example",
            PersonIdentifier = "P1",
            DateOfBirth = new DateOnly(1980, 1, 1),
            Section117Eligible = true,
            Section117StartDate = DateOnly.MaxValue,
            Section117EndDate = DateOnly.MaxValue,
        };

        var (_, errors) = PersonDetailsRules.Validate(details, Today);

        errors.ShouldContain(new FieldError("Section117StartDate", "Section 117 start date must be no later than 6 December 2028"));
        errors.ShouldContain(new FieldError("Section117EndDate", "Section 117 end date must be no later than 6 December 2036"));
    }

    [Fact]
    public void PlanElement_StartingIn9999_IsRefusedNamingTheField()
    {
        var ex = Should.Throw<ValidationFailedException>(() => PlanElement.Create(null, "PA", ServiceCategory.PersonalAssistant, "A PA", 10m, UnitType.Hour, 2m,
            DateOnly.MaxValue, null, Deployment.DirectPayment, null, Today));

        ex.Errors.ShouldBe([new FieldError("StartDate", "The start date must be no later than 6 December 2028")]);
    }

    [Fact]
    public void DueDates_FromTheLastRepresentableDay_DoNotOverflow()
    {
        foreach (var stage in Enum.GetValues<PathwayStage>())
        {
            Should.NotThrow(() => DueDates.For(stage, DateOnly.MaxValue, ServiceStandards.Default, EnglandBankHolidays.All, DateOnly.MaxValue));
        }

        DueDates.NextReview(DateOnly.MaxValue, DateOnly.MaxValue, hasDirectPayment: true, ServiceStandards.Default).ShouldBe(DateOnly.MaxValue);
        DueDates.For(PathwayStage.BudgetInPlace, new DateOnly(9999, 12, 1), ServiceStandards.Default).ShouldBe(DateOnly.MaxValue);
    }
}
