using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Tests.People;

public sealed class PersonDetailsRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    internal static PersonDetails Valid() => new()
    {
        LegalFirstName = "Alex",
        LegalLastName = "Example",
        DateOfBirth = new DateOnly(1980, 3, 27),
        NhsNumber = "9434765919",
        PersonIdentifier = "NM900001",
        Postcode = "LS1 4AP",
        Email = "alex@example.com",
        GpPracticeCode = "A81001",
    };

    private static IReadOnlyList<FieldError> Errors(PersonDetails details) => PersonDetailsRules.Validate(details, Today).Errors;

    private static void ShouldHaveOnlyError(PersonDetails details, string field, string message)
    {
        var errors = Errors(details);
        errors.ShouldHaveSingleItem().ShouldBe(new FieldError(field, message));
    }

    [Fact]
    public void Validate_WhenValid_HasNoErrors()
    {
        Errors(Valid()).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenDateOfBirthIsInTheFuture_ShowsError()
    {
        ShouldHaveOnlyError(Valid() with { DateOfBirth = Today.AddDays(1) }, "DateOfBirth", "Date of birth must be today or in the past");
    }

    [Fact]
    public void Validate_WhenDateOfBirthIsToday_IsAccepted()
    {
        Errors(Valid() with { DateOfBirth = Today }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1899, 12, 31)]
    [InlineData(1800, 1, 1)]
    public void Validate_WhenDateOfBirthIsBefore1900_ShowsError(int year, int month, int day)
    {
        ShouldHaveOnlyError(Valid() with { DateOfBirth = new DateOnly(year, month, day) }, "DateOfBirth", "Date of birth must be after 1 January 1900");
    }

    [Fact]
    public void Validate_WhenDateOfBirthIsFirstJanuary1900_IsAccepted()
    {
        Errors(Valid() with { DateOfBirth = new DateOnly(1900, 1, 1) }).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenDateOfDeathIsBeforeBirth_ShowsError()
    {
        ShouldHaveOnlyError(Valid() with { DateOfDeath = new DateOnly(1980, 3, 26) }, "DateOfDeath", "Date of death must be on or after the date of birth");
    }

    [Fact]
    public void Validate_WhenDateOfDeathIsInTheFuture_ShowsError()
    {
        ShouldHaveOnlyError(Valid() with { DateOfDeath = Today.AddDays(1) }, "DateOfDeath", "Date of death must be today or in the past");
    }

    [Fact]
    public void Validate_WhenDateOfDeathIsOnTheDateOfBirth_IsAccepted()
    {
        Errors(Valid() with { DateOfDeath = new DateOnly(1980, 3, 27) }).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenSection117EligibleWithoutStartDate_ShowsError()
    {
        ShouldHaveOnlyError(Valid() with { Section117Eligible = true }, "Section117StartDate", "Enter the date section 117 aftercare eligibility started");
    }

    [Fact]
    public void Validate_WhenSection117StartIsBeforeBirth_ShowsError()
    {
        ShouldHaveOnlyError(Valid() with { Section117Eligible = true, Section117StartDate = new DateOnly(1970, 1, 1) },
            "Section117StartDate", "Section 117 start date must be after the date of birth");
    }

    [Fact]
    public void Validate_WhenSection117EndIsBeforeStart_ShowsError()
    {
        ShouldHaveOnlyError(
            Valid() with { Section117Eligible = true, Section117StartDate = new DateOnly(2025, 2, 14), Section117EndDate = new DateOnly(2025, 2, 13) },
            "Section117EndDate", "Section 117 end date must be on or after the start date");
    }

    [Fact]
    public void Validate_WhenSection117EligibleWithDates_KeepsThem()
    {
        var (normalised, errors) = PersonDetailsRules.Validate(
            Valid() with { Section117Eligible = true, Section117StartDate = new DateOnly(2025, 2, 14), Section117EndDate = new DateOnly(2025, 2, 14) }, Today);
        errors.ShouldBeEmpty();
        normalised.Section117StartDate.ShouldBe(new DateOnly(2025, 2, 14));
        normalised.Section117EndDate.ShouldBe(new DateOnly(2025, 2, 14));
    }

    [Fact]
    public void Validate_WhenNotSection117Eligible_ClearsTheDates()
    {
        var (normalised, errors) = PersonDetailsRules.Validate(
            Valid() with { Section117Eligible = false, Section117StartDate = new DateOnly(2025, 2, 14), Section117EndDate = new DateOnly(2024, 1, 1) }, Today);
        errors.ShouldBeEmpty();
        normalised.Section117StartDate.ShouldBeNull();
        normalised.Section117EndDate.ShouldBeNull();
    }

    public static TheoryData<string, int, string> OverLongFields => new()
    {
        { "LegalFirstName", 101, "Legal first name must be 100 characters or fewer" },
        { "LegalLastName", 101, "Legal last name must be 100 characters or fewer" },
        { "PreferredName", 101, "Preferred name must be 100 characters or fewer" },
        { "PersonIdentifier", 51, "Council person identifier must be 50 characters or fewer" },
        { "AddressLine1", 201, "Address line 1 must be 200 characters or fewer" },
        { "Town", 101, "Town or city must be 100 characters or fewer" },
        { "PhoneNumber", 31, "Phone number must be 30 characters or fewer" },
        { "CommunicationNeeds", 2001, "Communication needs must be 2000 characters or fewer" },
    };

    [Theory]
    [MemberData(nameof(OverLongFields))]
    public void Validate_WhenTextIsTooLong_ShowsError(string field, int length, string message)
    {
        ShouldHaveOnlyError(WithText(field, new string('a', length)), field, message);
    }

    [Theory]
    [MemberData(nameof(OverLongFields))]
    public void Validate_WhenTextIsAtTheLimit_IsAccepted(string field, int length, string message)
    {
        _ = message;
        Errors(WithText(field, new string('a', length - 1))).ShouldBeEmpty();
    }

    private static PersonDetails WithText(string field, string value) => field switch
    {
        "LegalFirstName" => Valid() with { LegalFirstName = value },
        "LegalLastName" => Valid() with { LegalLastName = value },
        "PreferredName" => Valid() with { PreferredName = value },
        "PersonIdentifier" => Valid() with { PersonIdentifier = value },
        "AddressLine1" => Valid() with { AddressLine1 = value },
        "Town" => Valid() with { Town = value },
        "PhoneNumber" => Valid() with { PhoneNumber = value },
        "CommunicationNeeds" => Valid() with { CommunicationNeeds = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@example.com")]
    [InlineData("name@")]
    public void Validate_WhenEmailIsInvalid_ShowsError(string email)
    {
        ShouldHaveOnlyError(Valid() with { Email = email }, "Email", "Enter an email address in the correct format, like name@example.com");
    }

    [Theory]
    [InlineData("A8")]
    [InlineData("A81001!")]
    [InlineData("A81 001")]
    [InlineData("ABCDEFGHIJK")]
    public void Validate_WhenGpPracticeCodeIsInvalid_ShowsError(string code)
    {
        ShouldHaveOnlyError(Valid() with { GpPracticeCode = code }, "GpPracticeCode", "GP practice code must be an ODS code of letters and numbers, like A81001");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WhenRequiredTextIsBlank_ShowsErrors(string blank)
    {
        var errors = Errors(Valid() with { LegalFirstName = blank, LegalLastName = blank, PersonIdentifier = blank });
        errors.ShouldBe(
        [
            new FieldError("LegalFirstName", "Enter the person's legal first name"),
            new FieldError("LegalLastName", "Enter the person's legal last name"),
            new FieldError("PersonIdentifier", "Enter the council person identifier"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void Validate_WhenNhsNumberIsInvalid_ShowsError()
    {
        ShouldHaveOnlyError(Valid() with { NhsNumber = "943 476 5918" }, "NhsNumber", "Enter a valid NHS number, like 943 476 5919");
    }

    [Fact]
    public void Validate_WhenPostcodeIsInvalid_ShowsError()
    {
        ShouldHaveOnlyError(Valid() with { Postcode = "NOWHERE" }, "Postcode", "Enter a real postcode, like LS1 4AP");
    }

    [Fact]
    public void Validate_TrimsAndNormalises()
    {
        var (d, errors) = PersonDetailsRules.Validate(Valid() with
        {
            LegalFirstName = "  Alex ",
            LegalLastName = "\tExample\n",
            PreferredName = "   ",
            PersonIdentifier = " NM900001 ",
            AddressLine1 = " 1 Test Street ",
            AddressLine2 = "",
            Town = " Leeds ",
            PhoneNumber = " 0113 496 0000 ",
            Email = " alex@example.com ",
            CommunicationNeeds = "  ",
            GpPracticeCode = " a81001 ",
            NhsNumber = " 943-476-5919 ",
            Postcode = " ls14ap ",
        }, Today);

        errors.ShouldBeEmpty();
        d.LegalFirstName.ShouldBe("Alex");
        d.LegalLastName.ShouldBe("Example");
        d.PreferredName.ShouldBeNull();
        d.PersonIdentifier.ShouldBe("NM900001");
        d.AddressLine1.ShouldBe("1 Test Street");
        d.AddressLine2.ShouldBeNull();
        d.Town.ShouldBe("Leeds");
        d.PhoneNumber.ShouldBe("0113 496 0000");
        d.Email.ShouldBe("alex@example.com");
        d.CommunicationNeeds.ShouldBeNull();
        d.GpPracticeCode.ShouldBe("A81001");
        d.NhsNumber.ShouldBe("9434765919");
        d.Postcode.ShouldBe("LS1 4AP");
    }

    [Fact]
    public void Validate_WhenOptionalIdentifiersAreBlank_StoresNull()
    {
        var (d, errors) = PersonDetailsRules.Validate(Valid() with { NhsNumber = " ", Postcode = "" }, Today);
        errors.ShouldBeEmpty();
        d.NhsNumber.ShouldBeNull();
        d.Postcode.ShouldBeNull();
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var errors = Errors(Valid() with { LegalFirstName = "", NhsNumber = "123", Postcode = "X", DateOfBirth = Today.AddYears(1) });
        errors.Select(e => e.Field).ShouldBe(["LegalFirstName", "NhsNumber", "Postcode", "DateOfBirth"], ignoreOrder: true);
    }
}
