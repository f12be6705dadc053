using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.People;

/// <summary>A person the council and trust support. Records are corrected with history, never deleted.</summary>
public sealed class Person
{
    public Guid Id { get; private set; }
    public string LegalFirstName { get; private set; } = "";
    public string LegalLastName { get; private set; } = "";
    public string? PreferredName { get; private set; }
    public DateOnly DateOfBirth { get; private set; }
    public string? NhsNumber { get; private set; }
    public string PersonIdentifier { get; private set; } = "";
    public string? AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string? Town { get; private set; }
    public string? Postcode { get; private set; }
    public Gender Gender { get; private set; }
    public Ethnicity Ethnicity { get; private set; }
    public AccommodationStatus AccommodationStatus { get; private set; }
    public EmploymentStatus EmploymentStatus { get; private set; }
    public string? PhoneNumber { get; private set; }
    public string? Email { get; private set; }
    public string? CommunicationNeeds { get; private set; }
    public string? GpPracticeCode { get; private set; }
    public PrimarySupportReason PrimarySupportReason { get; private set; }
    public bool Section117Eligible { get; private set; }
    public DateOnly? Section117StartDate { get; private set; }
    public DateOnly? Section117EndDate { get; private set; }
    public DateOnly? DateOfDeath { get; private set; }

    /// <summary>Lower-case names for partial, case-insensitive search on every database.</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>Postcode without spaces, for partial search.</summary>
    public string? SearchPostcode { get; private set; }

    public Guid? KeyWorkerId { get; private set; }

    /// <summary>
    /// For a carer with their own pathway (ADR 21): the person they care for. The carer's record is seen by the teams
    /// that work with that person.
    /// </summary>
    public Guid? CaresForPersonId { get; private set; }

    public bool IsCarer => CaresForPersonId is not null;

    /// <summary>Optimistic concurrency: incremented on every change.</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid UpdatedById { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private Person()
    {
    }

    public static Person Create(Guid id, PersonDetails normalised, Actor actor, DateTimeOffset now)
    {
        var person = new Person { Id = id, CreatedAt = now, Version = 1 };
        person.Set(normalised);
        person.Stamp(actor, now);
        return person;
    }

    /// <summary>A carer's own record, linked to the person they care for.</summary>
    public static Person CreateCarer(Guid id, PersonDetails normalised, Guid caresForPersonId, Guid? keyWorkerId, Actor actor, DateTimeOffset now)
    {
        var carer = Create(id, normalised, actor, now);
        carer.CaresForPersonId = caresForPersonId;
        carer.KeyWorkerId = keyWorkerId;
        return carer;
    }

    /// <summary>Whether section 117 aftercare (free: no charge, no contribution) is in force on the day.</summary>
    public bool Section117InForceOn(DateOnly day) =>
        Section117Eligible && (Section117StartDate is null || Section117StartDate <= day) && (Section117EndDate is null || day <= Section117EndDate);

    public string DisplayName => string.IsNullOrWhiteSpace(PreferredName)
        ? $"{LegalFirstName} {LegalLastName}"
        : $"{PreferredName} {LegalLastName}";

    public PersonDetails ToDetails() => new()
    {
        LegalFirstName = LegalFirstName,
        LegalLastName = LegalLastName,
        PreferredName = PreferredName,
        DateOfBirth = DateOfBirth,
        NhsNumber = NhsNumber,
        PersonIdentifier = PersonIdentifier,
        AddressLine1 = AddressLine1,
        AddressLine2 = AddressLine2,
        Town = Town,
        Postcode = Postcode,
        Gender = Gender,
        Ethnicity = Ethnicity,
        AccommodationStatus = AccommodationStatus,
        EmploymentStatus = EmploymentStatus,
        PhoneNumber = PhoneNumber,
        Email = Email,
        CommunicationNeeds = CommunicationNeeds,
        GpPracticeCode = GpPracticeCode,
        PrimarySupportReason = PrimarySupportReason,
        Section117Eligible = Section117Eligible,
        Section117StartDate = Section117StartDate,
        Section117EndDate = Section117EndDate,
        DateOfDeath = DateOfDeath,
    };

    /// <summary>
    /// Applies edited details. <paramref name="expectedVersion"/> is the version the editor started from; a
    /// different current version means someone else saved first.
    /// </summary>
    public IReadOnlyList<FieldChange> Update(PersonDetails normalised, int expectedVersion, Actor actor, DateTimeOffset now)
    {
        if (expectedVersion != Version)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }

        var changes = PersonDetailsRules.Compare(ToDetails(), normalised);
        if (changes.Count == 0)
        {
            return changes;
        }

        Set(normalised);
        Stamp(actor, now);
        Version++;
        return changes;
    }

    /// <summary>Records an allocation change (teams and/or key worker), so concurrent allocations conflict.</summary>
    public void RecordAllocation(Guid? keyWorkerId, Actor actor, DateTimeOffset now)
    {
        KeyWorkerId = keyWorkerId;
        Stamp(actor, now);
        Version++;
    }

    /// <summary>Checks the version an editor started from without changing anything.</summary>
    public void EnsureVersion(int expectedVersion)
    {
        if (expectedVersion != Version)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }
    }

    private void Stamp(Actor actor, DateTimeOffset now)
    {
        UpdatedAt = now;
        UpdatedById = actor.UserId;
        UpdatedByName = actor.DisplayName;
    }

    private void Set(PersonDetails d)
    {
        LegalFirstName = d.LegalFirstName;
        LegalLastName = d.LegalLastName;
        PreferredName = d.PreferredName;
        DateOfBirth = d.DateOfBirth;
        NhsNumber = d.NhsNumber;
        PersonIdentifier = d.PersonIdentifier;
        AddressLine1 = d.AddressLine1;
        AddressLine2 = d.AddressLine2;
        Town = d.Town;
        Postcode = d.Postcode;
        Gender = d.Gender;
        Ethnicity = d.Ethnicity;
        AccommodationStatus = d.AccommodationStatus;
        EmploymentStatus = d.EmploymentStatus;
        PhoneNumber = d.PhoneNumber;
        Email = d.Email;
        CommunicationNeeds = d.CommunicationNeeds;
        GpPracticeCode = d.GpPracticeCode;
        PrimarySupportReason = d.PrimarySupportReason;
        Section117Eligible = d.Section117Eligible;
        Section117StartDate = d.Section117StartDate;
        Section117EndDate = d.Section117EndDate;
        DateOfDeath = d.DateOfDeath;
        SearchName = $"{d.LegalFirstName} {d.LegalLastName} {d.PreferredName}".Trim().ToLowerInvariant();
        SearchPostcode = d.Postcode?.Replace(" ", "", StringComparison.Ordinal);
    }
}
