using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Teams;

namespace PersonalBudgets.Bench;

/// <summary>
/// People with the CLD value lists in roughly the proportions of adults on long-term mental health support in England,
/// made through <see cref="PersonDetailsRules.Validate"/> and <see cref="Person.Create"/>.
/// </summary>
public sealed class PeopleBuilder(DataSet data, IdMap ids, Random random, DateTimeOffset now, int nhsSerialStart)
{
    private static readonly string[] FirstNames =
    [
        "Alex", "Jordan", "Morgan", "Casey", "Riley", "Jamie", "Taylor", "Robin", "Sasha", "Kieran", "Niamh", "Imran", "Farah", "Olu", "Mei",
        "Tomasz", "Zofia", "Declan", "Leah", "Marcus", "Aisha", "Bilal", "Carys", "Dominic", "Eilidh", "Fatima", "Gareth", "Hannah", "Isaac",
        "Jasmine", "Kwame", "Lucy", "Mohammed", "Nia", "Oliver", "Priya", "Rhys", "Sophie", "Theo", "Usman", "Victoria", "William", "Yasmin",
        "Zain", "Abigail", "Connor", "Daniel", "Emily", "Grace", "Harry", "Isla", "Jack", "Katie", "Lewis", "Megan", "Nathan", "Rebecca", "Samuel",
        "Chloe", "Robert", "Roberta", "Robyn", "Bronwen", "Ruth", "Agnieszka", "Chidi", "Deepa", "Ewan", "Hamza", "Ioana",
    ];

    private static readonly string[] LastNames =
    [
        "Example", "Testwell", "Sample", "Demoson", "Fictional", "Madeup", "Pretend", "Placeholder", "Mockford", "Dummyfield",
        "Ashworth", "Brightwater", "Cobbledick", "Dunwoody", "Eversley", "Fairbrother", "Goodenough", "Hollingworth", "Inglethorpe", "Jellicoe",
        "Kettleborough", "Longbottom", "Merriweather", "Netherwood", "Oddfellow", "Pennyfeather", "Quickfall", "Rowbotham", "Sidebottom", "Thistlewood",
        "Underhill", "Venables", "Whitlock", "Yarwood", "Ziegler", "Abara", "Bhattacharya", "Chen", "Dimitrov", "Eze", "Fernandes", "Gallagher",
        "Horvath", "Ibrahim", "Jankowski", "Kowalczyk", "Lungu", "Mahmood", "Nakamura", "O'Sullivan", "Popescu", "Qureshi", "Rahman", "Santos",
        "Tkachenko", "Uddin", "Vasquez", "Wozniak", "Yilmaz", "Zhou", "Roberts", "Robson", "Probert", "Brooke", "Carrow",
    ];

    private static readonly string[] Streets = ["Test Street", "Sample Road", "Example Avenue", "Demo Lane", "Fiction Close", "Mock Terrace", "Placeholder Way", "Benchmark Row"];
    private static readonly string[] Towns = ["Ashby", "Brackley", "Carrow", "Dunmore", "Elmswell", "Fernhill", "Greyford", "Hollins"];

    private static readonly (Ethnicity Value, int Weight)[] Ethnicities =
    [
        (Ethnicity.WhiteBritish, 700), (Ethnicity.WhiteIrish, 10), (Ethnicity.WhiteGypsyOrIrishTraveller, 3), (Ethnicity.WhiteRoma, 2), (Ethnicity.WhiteOther, 45),
        (Ethnicity.MixedWhiteAndBlackCaribbean, 10), (Ethnicity.MixedWhiteAndBlackAfrican, 5), (Ethnicity.MixedWhiteAndAsian, 6), (Ethnicity.MixedOther, 6),
        (Ethnicity.AsianIndian, 25), (Ethnicity.AsianPakistani, 25), (Ethnicity.AsianBangladeshi, 10), (Ethnicity.AsianChinese, 5), (Ethnicity.AsianOther, 10),
        (Ethnicity.BlackAfrican, 25), (Ethnicity.BlackCaribbean, 20), (Ethnicity.BlackOther, 8), (Ethnicity.OtherArab, 4), (Ethnicity.OtherAny, 10),
        (Ethnicity.Refused, 11), (Ethnicity.NotKnown, 20),
    ];

    private static readonly (AccommodationStatus Value, int Weight)[] Accommodation =
    [
        (AccommodationStatus.TenantSocialHousing, 330), (AccommodationStatus.OwnerOccupier, 150), (AccommodationStatus.TenantPrivateLandlord, 150),
        (AccommodationStatus.SettledWithFamilyOrFriends, 150), (AccommodationStatus.SupportedAccommodation, 120), (AccommodationStatus.ShelteredHousing, 15),
        (AccommodationStatus.SharedLives, 5), (AccommodationStatus.CouncilTemporaryAccommodation, 15), (AccommodationStatus.NightShelter, 5), (AccommodationStatus.RoughSleeper, 5),
        (AccommodationStatus.ShortTermGuest, 10), (AccommodationStatus.CareHome, 10), (AccommodationStatus.Unknown, 35),
    ];

    private static readonly (EmploymentStatus Value, int Weight)[] Employment =
    [
        (EmploymentStatus.NotPaidNotSeekingOrRetired, 520), (EmploymentStatus.NotPaidSeekingWork, 120), (EmploymentStatus.NotPaidVoluntaryOnly, 60),
        (EmploymentStatus.PaidUnder16Hours, 70), (EmploymentStatus.Paid16HoursOrMore, 60), (EmploymentStatus.PaidHoursUnknown, 20), (EmploymentStatus.Unknown, 150),
    ];

    private static readonly (PrimarySupportReason Value, int Weight)[] SupportReasons =
    [
        (PrimarySupportReason.MentalHealthSupport, 880), (PrimarySupportReason.SubstanceMisuse, 40), (PrimarySupportReason.MemoryAndCognition, 25),
        (PrimarySupportReason.SocialIsolationOrOther, 25), (PrimarySupportReason.PhysicalPersonalCare, 15), (PrimarySupportReason.LearningDisability, 10),
        (PrimarySupportReason.Unknown, 5),
    ];

    private static readonly (Gender Value, int Weight)[] Genders = [(Gender.Female, 510), (Gender.Male, 470), (Gender.Other, 8), (Gender.Unknown, 12)];

    private int nhsSerial = nhsSerialStart;

    public Person Make(int index, Actor actor)
    {
        var today = UkTime.DateOf(now);
        // Ages 18 to 90, most of working age.
        var age = random.Next(100) < 78 ? 18 + random.Next(47) : 65 + random.Next(26);
        var s117 = random.Next(100) < 12;
        var details = new PersonDetails
        {
            LegalFirstName = Pick(FirstNames),
            LegalLastName = Pick(LastNames),
            PreferredName = random.Next(10) == 0 ? Pick(FirstNames) : null,
            DateOfBirth = today.AddYears(-age).AddDays(-random.Next(365)),
            NhsNumber = random.Next(100) < 93 ? NextTestNhsNumber() : null,
            PersonIdentifier = $"BP{index + 1:0000000}",
            AddressLine1 = $"{1 + random.Next(240)} {Pick(Streets)}",
            Town = Pick(Towns),
            Postcode = $"ZZ{1 + random.Next(99)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}",
            Gender = Weighted(Genders),
            Ethnicity = Weighted(Ethnicities),
            AccommodationStatus = Weighted(Accommodation),
            EmploymentStatus = Weighted(Employment),
            PhoneNumber = $"07700 9{random.Next(100000):00000}",
            Email = random.Next(3) == 0 ? $"person{index + 1}@example.com" : null,
            CommunicationNeeds = random.Next(12) == 0 ? "Prefers letters in large print." : null,
            GpPracticeCode = $"Y{90000 + random.Next(400)}",
            PrimarySupportReason = Weighted(SupportReasons),
            Section117Eligible = s117,
            Section117StartDate = s117 ? today.AddDays(-30 - random.Next(900)) : null,
        };
        var (normalised, errors) = PersonDetailsRules.Validate(details, today);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Generated person {index} is invalid: {errors[0].Field} {errors[0].Message}");
        }

        var person = Person.Create(ids.Next(), normalised, actor, now.AddDays(-500 - random.Next(200)));
        data.Add(person);
        return person;
    }

    public TeamAllocation Allocate(Person person, Team team, Actor actor, DateTimeOffset at)
    {
        var allocation = new TeamAllocation { Id = ids.Next(), PersonId = person.Id, TeamId = team.Id, StartedAt = at, StartedByName = actor.DisplayName, Reason = "Referred to the team" };
        data.Add(allocation);
        return allocation;
    }

    public void AssignKeyWorker(Person person, BenchStaff worker, Actor actor, DateTimeOffset at)
    {
        person.RecordAllocation(worker.User.Id, actor, at);
        data.Add(new KeyWorkerAssignment { Id = ids.Next(), PersonId = person.Id, StaffId = worker.User.Id, StartedAt = at, StartedByName = actor.DisplayName, Reason = "Allocated as care coordinator" });
    }

    private string Pick(string[] values) => values[random.Next(values.Length)];

    private T Weighted<T>((T Value, int Weight)[] values)
    {
        var total = 0;
        foreach (var v in values)
        {
            total += v.Weight;
        }

        var r = random.Next(total);
        foreach (var v in values)
        {
            if (r < v.Weight)
            {
                return v.Value;
            }

            r -= v.Weight;
        }

        return values[^1].Value;
    }

    /// <summary>NHS numbers in the 999 test range, with valid check digits.</summary>
    private string NextTestNhsNumber()
    {
        while (true)
        {
            var nine = $"999{nhsSerial++:000000}";
            for (var check = 0; check <= 9; check++)
            {
                if (NhsNumber.HasValidCheckDigit(nine + check))
                {
                    return nine + check;
                }
            }
        }
    }
}
