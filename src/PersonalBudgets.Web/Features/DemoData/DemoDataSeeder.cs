using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.DemoData;

public sealed record DemoAccount(string Email, string Name, Profession Profession, bool NhsEmployed, Role[] Roles, string[] Teams);

/// <summary>
/// Clearly fictional, deterministic demo data, seeded on first run in Development: one council, one NHS trust, two
/// integrated teams, an account for each role and several professions, and 46 people, some of them part way along the
/// pathway (see <see cref="DemoPathwaySeeder"/>).
/// </summary>
public sealed class DemoDataSeeder(PersonalBudgetsDbContext db, UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles, TimeProvider clock, ILogger<DemoDataSeeder> logger,
    My.PersonAccountService personAccounts, Email.IEmailSender email)
{
    public const string DemoPassword = "Demo-password-2026";
    public const string NorthTeam = "North Community Mental Health Team";
    public const string SouthTeam = "South Community Mental Health Team";

    /// <summary>
    /// People 40 to 45 were added after the first 40 so that tests picking people by position among the first ones
    /// are unaffected by the pathway demo data some of the later ones carry.
    /// </summary>
    public const int PeopleCount = 46;

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("nurse@northmoor.example", "Priya Shah", Profession.Nurse, true, [Role.Practitioner], [NorthTeam]),
        new("socialworker@northmoor.example", "Tom Okafor", Profession.SocialWorker, false, [Role.Practitioner], [NorthTeam]),
        new("ot@northmoor.example", "Grace Lee", Profession.OccupationalTherapist, true, [Role.Practitioner], [SouthTeam]),
        new("peersupport@northmoor.example", "Sam Rivers", Profession.PeerSupportWorker, false, [Role.Practitioner], [SouthTeam]),
        new("psychologist@northmoor.example", "Ben Adeyemi", Profession.Psychologist, true, [Role.Practitioner], [NorthTeam]),
        new("manager.north@northmoor.example", "Helen Marsh", Profession.SocialWorker, false, [Role.TeamManager, Role.Practitioner], [NorthTeam]),
        new("manager.south@northmoor.example", "David Osei", Profession.Nurse, true, [Role.TeamManager, Role.Practitioner], [SouthTeam]),
        new("panel@northmoor.example", "Ruth Campbell", Profession.Other, false, [Role.PanelMember], [NorthTeam, SouthTeam]),
        new("finance@northmoor.example", "Mark Ellis", Profession.Other, false, [Role.FinanceOfficer], [NorthTeam, SouthTeam]),
        new("financemanager@northmoor.example", "Joanna Brooks", Profession.Other, false, [Role.FinanceManager], [NorthTeam, SouthTeam]),
        new("analyst@northmoor.example", "Aisha Begum", Profession.Other, false, [Role.Analyst], []),
        new("admin@northmoor.example", "Chris Taylor", Profession.Other, false, [Role.Administrator], []),
    ];

    private static readonly string[] FirstNames = ["Alex", "Jordan", "Morgan", "Casey", "Riley", "Jamie", "Taylor", "Robin", "Sasha", "Kieran", "Niamh", "Imran", "Farah", "Olu", "Mei", "Tomasz", "Zofia", "Declan", "Leah", "Marcus"];
    private static readonly string[] LastNames = ["Example", "Testwell", "Sample", "Demoson", "Fictional", "Madeup", "Pretend", "Placeholder", "Mockford", "Dummyfield"];
    private static readonly string[] Streets = ["Test Street", "Sample Road", "Example Avenue", "Demo Lane", "Fiction Close"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var council = new Organisation { Id = G(1), Name = "Northmoor City Council (demo)", Type = OrganisationType.Council, Code = "999" };
        var trust = new Organisation { Id = G(2), Name = "Northmoor Mental Health NHS Foundation Trust (demo)", Type = OrganisationType.NhsTrust, Code = "RZZ" };
        db.Organisations.AddRange(council, trust);
        var teams = new Dictionary<string, Team>
        {
            [NorthTeam] = new() { Id = G(11), Name = NorthTeam, Description = "Integrated council and NHS team covering the north of Northmoor (demo)." },
            [SouthTeam] = new() { Id = G(12), Name = SouthTeam, Description = "Integrated council and NHS team covering the south of Northmoor (demo)." },
        };
        db.Teams.AddRange(teams.Values);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var role in Enum.GetValues<Role>())
        {
            if (!await roles.RoleExistsAsync(role.ToString()))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role.ToString())));
            }
        }

        var staff = new Dictionary<string, StaffUser>();
        var n = 100;
        foreach (var a in Accounts)
        {
            var user = new StaffUser
            {
                Id = G(n++),
                UserName = a.Email,
                Email = a.Email,
                EmailConfirmed = true,
                DisplayName = a.Name,
                Profession = a.Profession,
                EmployerId = a.NhsEmployed ? trust.Id : council.Id,
                JobTitle = a.Roles.Contains(Role.TeamManager) ? "Team manager" : a.Profession.Label(),
                CreatedAt = now,
            };
            Check(await users.CreateAsync(user, DemoPassword));
            Check(await users.AddToRolesAsync(user, a.Roles.Select(r => r.ToString())));
            foreach (var t in a.Teams)
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = teams[t].Id, UserId = user.Id });
            }

            staff[a.Email] = user;
        }

        await db.SaveChangesAsync(cancellationToken);

        var seeder = new Actor(Guid.Empty, "Demo data");
        var northWorkers = new[] { "nurse@northmoor.example", "socialworker@northmoor.example", "psychologist@northmoor.example", "manager.north@northmoor.example" };
        var southWorkers = new[] { "ot@northmoor.example", "peersupport@northmoor.example", "manager.south@northmoor.example" };
        var genders = new[] { Gender.Female, Gender.Male, Gender.Female, Gender.Male, Gender.Other, Gender.Unknown };
        var ethnicities = Enum.GetValues<Ethnicity>();
        var accommodation = new[] { AccommodationStatus.TenantSocialHousing, AccommodationStatus.OwnerOccupier, AccommodationStatus.TenantPrivateLandlord, AccommodationStatus.SettledWithFamilyOrFriends, AccommodationStatus.SupportedAccommodation, AccommodationStatus.NightShelter };
        var employment = Enum.GetValues<EmploymentStatus>();
        var nhsSerial = 0;
        for (var i = 0; i < PeopleCount; i++)
        {
            var details = new PersonDetails
            {
                LegalFirstName = FirstNames[i % FirstNames.Length],
                LegalLastName = LastNames[(i * 3) % LastNames.Length],
                PreferredName = i % 5 == 0 ? FirstNames[(i + 7) % FirstNames.Length] : null,
                DateOfBirth = new DateOnly(1950 + (i * 7 % 55), 1 + (i % 12), 1 + (i * 5 % 28)),
                NhsNumber = i % 9 == 4 ? null : NextTestNhsNumber(ref nhsSerial),
                PersonIdentifier = $"NM{100001 + i}",
                AddressLine1 = $"{1 + i * 2} {Streets[i % Streets.Length]}",
                Town = "Northmoor",
                Postcode = $"NM{1 + i % 9} {1 + i % 8}{(char)('A' + i % 20)}{(char)('B' + i % 17)}",
                Gender = genders[i % genders.Length],
                Ethnicity = ethnicities[(i * 5) % ethnicities.Length],
                AccommodationStatus = accommodation[i % accommodation.Length],
                EmploymentStatus = employment[i % employment.Length],
                PhoneNumber = $"01632 960{i:000}",
                Email = i % 3 == 0 ? $"person{i + 1}@example.com" : null,
                CommunicationNeeds = i % 6 == 1 ? "Prefers letters in large print." : i % 6 == 3 ? "Prefers contact by text message; anxious on the phone." : null,
                GpPracticeCode = $"Y{90000 + i % 6}",
                PrimarySupportReason = i % 13 == 12 ? PrimarySupportReason.SubstanceMisuse : PrimarySupportReason.MentalHealthSupport,
                Section117Eligible = i % 7 == 2,
                Section117StartDate = i % 7 == 2 ? new DateOnly(2024, 1 + i % 12, 10) : null,
            };
            var (normalised, errors) = PersonDetailsRules.Validate(details, UkTime.DateOf(now));
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo person {i} is invalid: {errors[0].Field}");
            }

            var person = Person.Create(G(1000 + i), normalised, seeder, now);
            var team = i % 10 < 6 ? teams[NorthTeam] : teams[SouthTeam];
            var workers = team.Name == NorthTeam ? northWorkers : southWorkers;
            db.People.Add(person);
            db.TeamAllocations.Add(new TeamAllocation { Id = G(2000 + i), PersonId = person.Id, TeamId = team.Id, StartedAt = now, StartedByName = seeder.DisplayName, Reason = "Demo data" });
            if (i % 8 == 7)
            {
                var other = team.Name == NorthTeam ? teams[SouthTeam] : teams[NorthTeam];
                db.TeamAllocations.Add(new TeamAllocation { Id = G(3000 + i), PersonId = person.Id, TeamId = other.Id, StartedAt = now, StartedByName = seeder.DisplayName, Reason = "Demo data" });
            }

            // Every sixth person is waiting for a key worker.
            if (i % 6 != 5)
            {
                var worker = staff[workers[i % workers.Length]];
                person.RecordAllocation(worker.Id, seeder, now);
                db.KeyWorkerAssignments.Add(new KeyWorkerAssignment { Id = G(4000 + i), PersonId = person.Id, StaffId = worker.Id, StartedAt = now, StartedByName = seeder.DisplayName });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        // Some people part way along the pathway, so worklists, approvals, panels and budgets have something to show.
        await new DemoPathwaySeeder(db, now).SeedAsync(staff, teams[NorthTeam].Id, teams[SouthTeam].Id, cancellationToken);
        // A carer of one of them on the carer's own route (ADR 21), with her budget in place.
        await new DemoCarerSeeder(db, now).SeedAsync(staff, teams[NorthTeam].Id, cancellationToken);
        var nurse = staff["nurse@northmoor.example"];
        await DemoPersonAccounts.SeedAsync(db, personAccounts, email, new Actor(nurse.Id, nurse.DisplayName), now, cancellationToken);
        logger.LogInformation("Seeded demo data: {Accounts} accounts, {People} people, {Pathways} with a pathway in progress", Accounts.Count, PeopleCount, DemoPathwaySeeder.People.Count);
    }

    /// <summary>NHS numbers in the 999 test range, with valid check digits.</summary>
    private static string NextTestNhsNumber(ref int serial)
    {
        while (true)
        {
            var nine = $"999{serial++:000000}";
            for (var check = 0; check <= 9; check++)
            {
                if (NhsNumber.HasValidCheckDigit(nine + check))
                {
                    return nine + check;
                }
            }
        }
    }

    private static Guid G(int n) => new($"00000000-0000-4000-8000-{n:000000000000}");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
