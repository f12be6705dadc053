using System.Globalization;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>Unique, valid values for records a test creates.</summary>
public static class TestData
{
    private static int serial = Random.Shared.Next(0, 500_000);

    /// <summary>A valid NHS number in a range the demo data does not use (it uses 999…).</summary>
    public static string NhsNumber()
    {
        while (true)
        {
            var nine = "998" + Interlocked.Increment(ref serial).ToString("000000", CultureInfo.InvariantCulture);
            for (var check = 0; check <= 9; check++)
            {
                if (Core.People.NhsNumber.HasValidCheckDigit(nine + check))
                {
                    return nine + check;
                }
            }
        }
    }

    /// <summary>Six letters no other call returns in this run: makes a name unique, for search.</summary>
    public static string UniqueLetters()
    {
        var n = Interlocked.Increment(ref serial);
        var letters = new char[6];
        for (var i = letters.Length - 1; i >= 0; i--)
        {
            letters[i] = (char)('a' + n % 26);
            n /= 26;
        }

        return new string(letters);
    }

    public static string PersonIdentifier() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    public static string Formatted(string nhsNumber) => Core.People.NhsNumber.Parse(nhsNumber).Formatted;

    /// <summary>Every field of the person form filled with valid values (names as the form posts them).</summary>
    public static Dictionary<string, string?> ValidPersonForm(string firstName, string lastName) => new()
    {
        ["Input.LegalFirstName"] = firstName,
        ["Input.LegalLastName"] = lastName,
        ["Input.PreferredName"] = "",
        ["Input.DateOfBirth.Day"] = "27",
        ["Input.DateOfBirth.Month"] = "3",
        ["Input.DateOfBirth.Year"] = "1980",
        ["Input.NhsNumber"] = Formatted(NhsNumber()),
        ["Input.PersonIdentifier"] = PersonIdentifier(),
        ["Input.GpPracticeCode"] = "A81001",
        ["Input.AddressLine1"] = "1 Test Street",
        ["Input.Town"] = "Northmoor",
        ["Input.Postcode"] = "nm1 1ab",
        ["Input.PhoneNumber"] = "01632 960999",
        ["Input.Email"] = "",
        ["Input.Gender"] = nameof(Gender.Female),
        ["Input.Ethnicity"] = nameof(Ethnicity.WhiteIrish),
        ["Input.AccommodationStatus"] = nameof(AccommodationStatus.TenantSocialHousing),
        ["Input.EmploymentStatus"] = nameof(EmploymentStatus.Unknown),
        ["Input.PrimarySupportReason"] = nameof(PrimarySupportReason.MentalHealthSupport),
        ["Input.Section117Eligible"] = "false",
        ["Input.Section117StartDate.Day"] = "",
        ["Input.Section117StartDate.Month"] = "",
        ["Input.Section117StartDate.Year"] = "",
        ["Input.Section117EndDate.Day"] = "",
        ["Input.Section117EndDate.Month"] = "",
        ["Input.Section117EndDate.Year"] = "",
        ["Input.DateOfDeath.Day"] = "",
        ["Input.DateOfDeath.Month"] = "",
        ["Input.DateOfDeath.Year"] = "",
    };

    /// <summary>
    /// The optional date boxes a living demo person has no value for (date of death, section 117 end date), sent
    /// empty. PersonFormTests checks that the form shows them empty in the first place.
    /// </summary>
    public static (string Name, string? Value)[] NotDied =>
    [
        ("Input.DateOfDeath.Day", ""), ("Input.DateOfDeath.Month", ""), ("Input.DateOfDeath.Year", ""),
        ("Input.Section117EndDate.Day", ""), ("Input.Section117EndDate.Month", ""), ("Input.Section117EndDate.Year", ""),
    ];
}
