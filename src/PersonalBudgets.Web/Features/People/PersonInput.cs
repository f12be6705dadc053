using PersonalBudgets.Core.People;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.People;

/// <summary>The person form as typed: dates stay as three boxes so nothing is lost when there is an error.</summary>
public sealed class PersonInput
{
    // Declared in the order the form shows them (the error summary follows it).
    public string? LegalFirstName { get; set; }
    public string? LegalLastName { get; set; }
    public string? PreferredName { get; set; }
    public DateInput DateOfBirth { get; set; } = new();
    public string? NhsNumber { get; set; }
    public string? PersonIdentifier { get; set; }
    public string? GpPracticeCode { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Email { get; set; }
    public string? CommunicationNeeds { get; set; }
    public Gender? Gender { get; set; }
    public Ethnicity? Ethnicity { get; set; }
    public AccommodationStatus? AccommodationStatus { get; set; }
    public EmploymentStatus? EmploymentStatus { get; set; }
    public PrimarySupportReason? PrimarySupportReason { get; set; } = Core.People.PrimarySupportReason.MentalHealthSupport;
    public bool? Section117Eligible { get; set; }
    public DateInput Section117StartDate { get; set; } = new();
    public DateInput Section117EndDate { get; set; } = new();
    public DateInput DateOfDeath { get; set; } = new();

    public static PersonInput From(PersonDetails d) => new()
    {
        LegalFirstName = d.LegalFirstName,
        LegalLastName = d.LegalLastName,
        PreferredName = d.PreferredName,
        DateOfBirth = DateInput.From(d.DateOfBirth),
        NhsNumber = d.NhsNumber is null ? null : Core.People.NhsNumber.Parse(d.NhsNumber).Formatted,
        PersonIdentifier = d.PersonIdentifier,
        AddressLine1 = d.AddressLine1,
        AddressLine2 = d.AddressLine2,
        Town = d.Town,
        Postcode = d.Postcode,
        Gender = d.Gender,
        Ethnicity = d.Ethnicity,
        AccommodationStatus = d.AccommodationStatus,
        EmploymentStatus = d.EmploymentStatus,
        PhoneNumber = d.PhoneNumber,
        Email = d.Email,
        CommunicationNeeds = d.CommunicationNeeds,
        GpPracticeCode = d.GpPracticeCode,
        PrimarySupportReason = d.PrimarySupportReason,
        Section117Eligible = d.Section117Eligible,
        Section117StartDate = DateInput.From(d.Section117StartDate),
        Section117EndDate = DateInput.From(d.Section117EndDate),
        DateOfDeath = DateInput.From(d.DateOfDeath),
    };

    /// <summary>Converts to details, returning errors for required choices and dates that are missing or not real.</summary>
    public (PersonDetails Details, IReadOnlyList<FieldError> Errors) ToDetails()
    {
        var errors = new List<FieldError>();
        var (dob, dobError) = DateOfBirth.Parse("Date of birth", required: true);
        if (dobError is not null) errors.Add(new(nameof(DateOfBirth), dobError));
        var (s117Start, s117StartError) = Section117StartDate.Parse("Section 117 start date", required: false);
        if (s117StartError is not null && Section117Eligible == true) errors.Add(new(nameof(Section117StartDate), s117StartError));
        var (s117End, s117EndError) = Section117EndDate.Parse("Section 117 end date", required: false);
        if (s117EndError is not null && Section117Eligible == true) errors.Add(new(nameof(Section117EndDate), s117EndError));
        var (death, deathError) = DateOfDeath.Parse("Date of death", required: false);
        if (deathError is not null) errors.Add(new(nameof(DateOfDeath), deathError));
        if (Gender is null) errors.Add(new(nameof(Gender), "Select the person's gender, or Unknown"));
        if (Ethnicity is null) errors.Add(new(nameof(Ethnicity), "Select the person's ethnicity, or No data: Undeclared or not known"));
        if (AccommodationStatus is null) errors.Add(new(nameof(AccommodationStatus), "Select the person's accommodation, or Unknown"));
        if (EmploymentStatus is null) errors.Add(new(nameof(EmploymentStatus), "Select the person's employment status, or Unknown"));
        if (PrimarySupportReason is null) errors.Add(new(nameof(PrimarySupportReason), "Select the primary support reason"));
        if (Section117Eligible is null) errors.Add(new(nameof(Section117Eligible), "Select whether the person is eligible for section 117 aftercare"));

        var details = new PersonDetails
        {
            LegalFirstName = LegalFirstName ?? "",
            LegalLastName = LegalLastName ?? "",
            PreferredName = PreferredName,
            DateOfBirth = dob ?? DateOnly.MinValue,
            NhsNumber = NhsNumber,
            PersonIdentifier = PersonIdentifier ?? "",
            AddressLine1 = AddressLine1,
            AddressLine2 = AddressLine2,
            Town = Town,
            Postcode = Postcode,
            Gender = Gender ?? Core.People.Gender.Unknown,
            Ethnicity = Ethnicity ?? Core.People.Ethnicity.NotKnown,
            AccommodationStatus = AccommodationStatus ?? Core.People.AccommodationStatus.Unknown,
            EmploymentStatus = EmploymentStatus ?? Core.People.EmploymentStatus.Unknown,
            PhoneNumber = PhoneNumber,
            Email = Email,
            CommunicationNeeds = CommunicationNeeds,
            GpPracticeCode = GpPracticeCode,
            PrimarySupportReason = PrimarySupportReason ?? Core.People.PrimarySupportReason.MentalHealthSupport,
            Section117Eligible = Section117Eligible == true,
            Section117StartDate = s117Start,
            Section117EndDate = s117End,
            DateOfDeath = death,
        };
        return (details, errors);
    }
}
