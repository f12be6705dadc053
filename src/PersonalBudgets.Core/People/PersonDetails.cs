using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.People;

/// <summary>The editable details of a person, as entered. Validated by <see cref="PersonDetailsRules"/>.</summary>
public sealed record PersonDetails
{
    public string LegalFirstName { get; init; } = "";
    public string LegalLastName { get; init; } = "";
    public string? PreferredName { get; init; }
    public DateOnly DateOfBirth { get; init; }
    public string? NhsNumber { get; init; }
    public string PersonIdentifier { get; init; } = "";
    public string? AddressLine1 { get; init; }
    public string? AddressLine2 { get; init; }
    public string? Town { get; init; }
    public string? Postcode { get; init; }
    public Gender Gender { get; init; } = Gender.Unknown;
    public Ethnicity Ethnicity { get; init; } = Ethnicity.NotKnown;
    public AccommodationStatus AccommodationStatus { get; init; } = AccommodationStatus.Unknown;
    public EmploymentStatus EmploymentStatus { get; init; } = EmploymentStatus.Unknown;
    public string? PhoneNumber { get; init; }
    public string? Email { get; init; }
    public string? CommunicationNeeds { get; init; }
    public string? GpPracticeCode { get; init; }
    public PrimarySupportReason PrimarySupportReason { get; init; } = PrimarySupportReason.MentalHealthSupport;
    public bool Section117Eligible { get; init; }
    public DateOnly? Section117StartDate { get; init; }
    public DateOnly? Section117EndDate { get; init; }
    public DateOnly? DateOfDeath { get; init; }
}

public sealed record FieldError(string Field, string Message);

/// <summary>The rules a person's details must meet. Plain code: no web or database types.</summary>
public static class PersonDetailsRules
{
    public const int NameMaxLength = 100;
    public const int ShortTextMaxLength = 200;
    public const int LongTextMaxLength = 2000;
    public const int PersonIdentifierMaxLength = 50;

    /// <summary>Checks the details and returns them normalised (trimmed, NHS number as 10 digits, postcode in standard form).</summary>
    public static (PersonDetails Normalised, IReadOnlyList<FieldError> Errors) Validate(PersonDetails input, DateOnly today)
    {
        var errors = new List<FieldError>();
        var d = input with
        {
            LegalFirstName = input.LegalFirstName?.Trim() ?? "",
            LegalLastName = input.LegalLastName?.Trim() ?? "",
            PreferredName = Clean(input.PreferredName),
            PersonIdentifier = input.PersonIdentifier?.Trim() ?? "",
            AddressLine1 = Clean(input.AddressLine1),
            AddressLine2 = Clean(input.AddressLine2),
            Town = Clean(input.Town),
            PhoneNumber = Clean(input.PhoneNumber),
            Email = Clean(input.Email),
            CommunicationNeeds = Clean(input.CommunicationNeeds),
            GpPracticeCode = Clean(input.GpPracticeCode)?.ToUpperInvariant(),
        };

        Required(errors, nameof(d.LegalFirstName), d.LegalFirstName, "Enter the person's legal first name");
        Required(errors, nameof(d.LegalLastName), d.LegalLastName, "Enter the person's legal last name");
        Required(errors, nameof(d.PersonIdentifier), d.PersonIdentifier, "Enter the council person identifier");
        MaxLength(errors, nameof(d.LegalFirstName), d.LegalFirstName, NameMaxLength, "Legal first name");
        MaxLength(errors, nameof(d.LegalLastName), d.LegalLastName, NameMaxLength, "Legal last name");
        MaxLength(errors, nameof(d.PreferredName), d.PreferredName, NameMaxLength, "Preferred name");
        MaxLength(errors, nameof(d.PersonIdentifier), d.PersonIdentifier, PersonIdentifierMaxLength, "Council person identifier");
        MaxLength(errors, nameof(d.AddressLine1), d.AddressLine1, ShortTextMaxLength, "Address line 1");
        MaxLength(errors, nameof(d.AddressLine2), d.AddressLine2, ShortTextMaxLength, "Address line 2");
        MaxLength(errors, nameof(d.Town), d.Town, NameMaxLength, "Town or city");
        MaxLength(errors, nameof(d.PhoneNumber), d.PhoneNumber, 30, "Phone number");
        MaxLength(errors, nameof(d.Email), d.Email, ShortTextMaxLength, "Email address");
        MaxLength(errors, nameof(d.CommunicationNeeds), d.CommunicationNeeds, LongTextMaxLength, "Communication needs");

        if (d.Email is not null && (!d.Email.Contains('@', StringComparison.Ordinal) || d.Email.StartsWith('@') || d.Email.EndsWith('@')))
        {
            errors.Add(new(nameof(d.Email), "Enter an email address in the correct format, like name@example.com"));
        }

        if (d.GpPracticeCode is not null && !(d.GpPracticeCode.Length is >= 3 and <= 10 && d.GpPracticeCode.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add(new(nameof(d.GpPracticeCode), "GP practice code must be an ODS code of letters and numbers, like A81001"));
        }

        var nhs = Clean(input.NhsNumber);
        if (nhs is null)
        {
            d = d with { NhsNumber = null };
        }
        else if (People.NhsNumber.TryParse(nhs, out var parsed))
        {
            d = d with { NhsNumber = parsed.Value };
        }
        else
        {
            errors.Add(new(nameof(d.NhsNumber), "Enter a valid NHS number, like 943 476 5919"));
        }

        var postcode = Clean(input.Postcode);
        if (postcode is null)
        {
            d = d with { Postcode = null };
        }
        else if (People.Postcode.TryNormalise(postcode, out var normalisedPostcode))
        {
            d = d with { Postcode = normalisedPostcode };
        }
        else
        {
            errors.Add(new(nameof(d.Postcode), "Enter a real postcode, like LS1 4AP"));
        }

        if (PlausibleDates.DateOfBirth(d.DateOfBirth, today, nameof(d.DateOfBirth)) is { } birthProblem)
        {
            errors.Add(birthProblem);
        }

        if (d.DateOfDeath is { } death)
        {
            if (death > today)
            {
                errors.Add(new(nameof(d.DateOfDeath), "Date of death must be today or in the past"));
            }
            else if (death < d.DateOfBirth)
            {
                errors.Add(new(nameof(d.DateOfDeath), "Date of death must be on or after the date of birth"));
            }
        }

        if (d.Section117Eligible)
        {
            if (d.Section117StartDate is null)
            {
                errors.Add(new(nameof(d.Section117StartDate), "Enter the date section 117 aftercare eligibility started"));
            }
            else if (d.Section117StartDate < d.DateOfBirth)
            {
                errors.Add(new(nameof(d.Section117StartDate), "Section 117 start date must be after the date of birth"));
            }
            else if (PlausibleDates.Start(d.Section117StartDate.Value, today, "Section 117 start date", nameof(d.Section117StartDate)) is { } startProblem)
            {
                errors.Add(startProblem);
            }

            if (d.Section117EndDate is { } end && d.Section117StartDate is { } start && end < start)
            {
                errors.Add(new(nameof(d.Section117EndDate), "Section 117 end date must be on or after the start date"));
            }
            else if (d.Section117EndDate is { } endDate && PlausibleDates.End(endDate, today, "Section 117 end date", nameof(d.Section117EndDate)) is { } endProblem)
            {
                errors.Add(endProblem);
            }
        }
        else
        {
            d = d with { Section117StartDate = null, Section117EndDate = null };
        }

        return (d, errors);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Required(List<FieldError> errors, string field, string value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, message));
        }
    }

    private static void MaxLength(List<FieldError> errors, string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(new(field, $"{label} must be {max} characters or fewer"));
        }
    }

    /// <summary>A readable description of each field, used to show what changed between two versions.</summary>
    public static IReadOnlyDictionary<string, string> Describe(PersonDetails d) => new Dictionary<string, string>
    {
        ["Legal first name"] = d.LegalFirstName,
        ["Legal last name"] = d.LegalLastName,
        ["Preferred name"] = d.PreferredName ?? "",
        ["Date of birth"] = UkFormat.Date(d.DateOfBirth),
        ["NHS number"] = d.NhsNumber is null ? "" : (People.NhsNumber.TryParse(d.NhsNumber, out var n) ? n.Formatted : d.NhsNumber),
        ["Council person identifier"] = d.PersonIdentifier,
        ["Address line 1"] = d.AddressLine1 ?? "",
        ["Address line 2"] = d.AddressLine2 ?? "",
        ["Town or city"] = d.Town ?? "",
        ["Postcode"] = d.Postcode ?? "",
        ["Gender"] = d.Gender.Label(),
        ["Ethnicity"] = d.Ethnicity.Label(),
        ["Accommodation status"] = d.AccommodationStatus.Label(),
        ["Employment status"] = d.EmploymentStatus.Label(),
        ["Phone number"] = d.PhoneNumber ?? "",
        ["Email address"] = d.Email ?? "",
        ["Communication needs"] = d.CommunicationNeeds ?? "",
        ["GP practice code"] = d.GpPracticeCode ?? "",
        ["Primary support reason"] = d.PrimarySupportReason.Label(),
        ["Section 117 aftercare"] = d.Section117Eligible ? "Eligible" : "Not eligible",
        ["Section 117 start date"] = UkFormat.Date(d.Section117StartDate),
        ["Section 117 end date"] = UkFormat.Date(d.Section117EndDate),
        ["Date of death"] = UkFormat.Date(d.DateOfDeath),
    };

    public static IReadOnlyList<FieldChange> Compare(PersonDetails before, PersonDetails after)
    {
        var b = Describe(before);
        var a = Describe(after);
        return b.Where(kv => a[kv.Key] != kv.Value).Select(kv => new FieldChange(kv.Key, kv.Value, a[kv.Key])).ToList();
    }
}

public sealed record FieldChange(string Field, string Before, string After);
