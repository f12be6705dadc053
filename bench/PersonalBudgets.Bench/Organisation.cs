using Microsoft.AspNetCore.Identity;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;

namespace PersonalBudgets.Bench;

/// <summary>One staff account as the generator makes it, with the roles it holds and the teams it belongs to.</summary>
public sealed record BenchStaff(StaffUser User, Role[] Roles, int[] Teams)
{
    public PersonalBudgets.Core.Common.Actor Actor() => new(User.Id, User.DisplayName);

    public PersonalBudgets.Core.Pathways.StaffRef Ref() => new(User.Id, User.DisplayName, User.Profession);
}

/// <summary>The council, the trust, the teams and the staff: about 20 teams of 20 at 100,000 people.</summary>
public sealed class OrganisationBuilder(DataSet data, IdMap ids, Random random, int people, DateTimeOffset now)
{
    public const string Password = "Bench-password-2026";
    public const string ManagerEmail = "manager@bench.example";
    public const string PractitionerEmail = "practitioner@bench.example";
    public const string ApproverEmail = "approver@bench.example";
    public const string PanelEmail = "panel@bench.example";
    public const string FinanceEmail = "finance@bench.example";
    public const string AnalystEmail = "analyst@bench.example";
    public const string AdminEmail = "admin@bench.example";

    private static readonly string[] Places = ["Ashby", "Brackley", "Carrow", "Dunmore", "Elmswell", "Fernhill", "Greyford", "Hollins", "Ivybridge", "Juniper", "Kestrel", "Larchmont", "Millbrook", "Northgate", "Oakham", "Pinewood", "Queensway", "Riverside", "Stonebridge", "Thornbury", "Upton", "Valley", "Westfield", "Yardley"];
    private static readonly string[] StaffFirst = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Femi", "Gita", "Hassan", "Iris", "Jack", "Kemi", "Liam", "Maya", "Nadia", "Owen", "Pia", "Quinn", "Rosa", "Sol", "Tariq", "Una", "Vik", "Wren", "Yusuf", "Zara"];
    private static readonly string[] StaffLast = ["Abbott", "Bennett", "Chowdhury", "Dale", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Khan", "Lowe", "Mensah", "Nolan", "Osei", "Patel", "Reid", "Singh", "Turner", "Walsh"];

    // 19 practitioners per team besides the manager, in the mix of an integrated community mental health team.
    private static readonly Profession[] TeamMix =
    [
        Profession.Nurse, Profession.Nurse, Profession.Nurse, Profession.Nurse, Profession.Nurse,
        Profession.SocialWorker, Profession.SocialWorker, Profession.SocialWorker, Profession.SocialWorker, Profession.SocialWorker,
        Profession.OccupationalTherapist, Profession.OccupationalTherapist, Profession.OccupationalTherapist,
        Profession.Psychologist, Profession.Psychologist,
        Profession.PeerSupportWorker, Profession.PeerSupportWorker,
        Profession.SupportWorker, Profession.Psychiatrist,
    ];

    private int staffNumber;

    public Organisation Council { get; private set; } = null!;
    public Organisation Trust { get; private set; } = null!;
    public List<Team> Teams { get; } = [];
    public List<BenchStaff> Staff { get; } = [];

    /// <summary>Practitioners of each team (index by team), the manager who decides approvals, and the panel members.</summary>
    public List<List<BenchStaff>> Practitioners { get; } = [];
    public List<BenchStaff> Managers { get; } = [];
    public List<BenchStaff> PanelMembers { get; } = [];

    /// <summary>The finance officers: the first (finance@bench.example) sets up direct payments and creates the payment runs, the second approves them (four eyes).</summary>
    public List<BenchStaff> FinanceOfficers { get; } = [];
    public BenchStaff Practitioner { get; private set; } = null!;
    public BenchStaff Approver { get; private set; } = null!;

    public static int TeamCount(int people) => Math.Max(2, (int)Math.Round(people / 5000.0));

    public void Build()
    {
        var hash = DeterministicHash(Password, random);
        Council = new Organisation { Id = ids.Next(), Name = "Benchmark County Council", Type = OrganisationType.Council, Code = "998" };
        Trust = new Organisation { Id = ids.Next(), Name = "Benchmark Mental Health NHS Foundation Trust", Type = OrganisationType.NhsTrust, Code = "RZY" };
        data.Add(Council);
        data.Add(Trust);
        foreach (var role in Enum.GetValues<Role>())
        {
            data.Add(new IdentityRole<Guid>(role.ToString()) { Id = ids.Next(), NormalizedName = role.ToString().ToUpperInvariant(), ConcurrencyStamp = ids.Next().ToString() });
        }

        var teams = TeamCount(people);
        for (var t = 0; t < teams; t++)
        {
            var place = Places[t % Places.Length] + (t >= Places.Length ? $" {(t / Places.Length) + 1}" : "");
            var team = new Team { Id = ids.Next(), Name = $"{place} Community Mental Health Team", Description = $"Integrated council and NHS team for {place} (benchmark data)." };
            Teams.Add(team);
            data.Add(team);
        }

        for (var t = 0; t < teams; t++)
        {
            var manager = Add(t == 0 ? ManagerEmail : null, t % 2 == 0 ? Profession.SocialWorker : Profession.Nurse, [Role.TeamManager, Role.Practitioner], [t], hash, "Team manager");
            Managers.Add(manager);
            var practitioners = new List<BenchStaff>();
            for (var n = 0; n < TeamMix.Length; n++)
            {
                practitioners.Add(Add(t == 0 && n == 0 ? PractitionerEmail : null, TeamMix[n], [Role.Practitioner], [t], hash, null));
            }

            Practitioners.Add(practitioners);
        }

        Practitioner = Practitioners[0][0];
        // The approvals queue is a team manager's: a second manager of team 1 works it (the route owner of team 1's approvals).
        Approver = Add(ApproverEmail, Profession.SocialWorker, [Role.TeamManager, Role.Practitioner], [0], hash, "Team manager (approvals)");
        var allTeams = Enumerable.Range(0, teams).ToArray();
        var panels = Math.Max(2, teams / 4);
        for (var n = 0; n < panels; n++)
        {
            PanelMembers.Add(Add(n == 0 ? PanelEmail : null, Profession.Other, [Role.PanelMember], allTeams, hash, "Panel member"));
        }

        // At least two: a payment run is approved by a finance officer other than the one who created it.
        for (var n = 0; n < Math.Max(2, teams / 5); n++)
        {
            FinanceOfficers.Add(Add(n == 0 ? FinanceEmail : null, Profession.Other, [Role.FinanceOfficer], allTeams, hash, "Finance officer"));
        }

        Add(AnalystEmail, Profession.Other, [Role.Analyst], [], hash, "Performance analyst");
        Add(AdminEmail, Profession.Other, [Role.Administrator], [], hash, "Administrator");
    }

    /// <summary>
    /// The ASP.NET Core Identity (version 3) hash of the password, as <see cref="PasswordHasher{TUser}"/> makes it
    /// (PBKDF2 with HMAC-SHA512, 100,000 iterations, 128-bit salt, 256-bit subkey), but with a salt from the seeded
    /// random source so the same seed writes the same rows. The hasher verifies it; the test signs in with it.
    /// </summary>
    public static string DeterministicHash(string password, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        const int iterations = 100_000;
        var salt = new byte[16];
        random.NextBytes(salt);
        var subkey = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, System.Security.Cryptography.HashAlgorithmName.SHA512, 32);
        var output = new byte[13 + salt.Length + subkey.Length];
        output[0] = 0x01;
        WriteBigEndian(output, 1, 2); // KeyDerivationPrf.HMACSHA512
        WriteBigEndian(output, 5, iterations);
        WriteBigEndian(output, 9, salt.Length);
        salt.CopyTo(output, 13);
        subkey.CopyTo(output, 13 + salt.Length);
        var hash = Convert.ToBase64String(output);
        if (new PasswordHasher<StaffUser>().VerifyHashedPassword(new StaffUser(), hash, password) != PasswordVerificationResult.Success)
        {
            throw new InvalidOperationException("The generated password hash is not one ASP.NET Core Identity accepts");
        }

        return hash;
    }

    private static void WriteBigEndian(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private BenchStaff Add(string? email, Profession profession, Role[] roles, int[] teams, string hash, string? jobTitle)
    {
        staffNumber++;
        email ??= $"staff{staffNumber}@bench.example";
        var name = $"{StaffFirst[random.Next(StaffFirst.Length)]} {StaffLast[random.Next(StaffLast.Length)]}";
        var user = new StaffUser
        {
            Id = ids.Next(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = hash,
            SecurityStamp = ids.Next().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = ids.Next().ToString(),
            LockoutEnabled = true,
            DisplayName = name,
            Profession = profession,
            EmployerId = profession is Profession.Nurse or Profession.Psychologist or Profession.Psychiatrist or Profession.OccupationalTherapist ? Trust.Id : Council.Id,
            JobTitle = jobTitle ?? profession.Label(),
            CreatedAt = now.AddDays(-400),
            MustChangePassword = false,
        };
        data.Add(user);
        var roleIds = data.Of(typeof(IdentityRole<Guid>)).Cast<IdentityRole<Guid>>().ToDictionary(r => r.Name!, r => r.Id);
        foreach (var role in roles)
        {
            data.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role.ToString()] });
        }

        foreach (var t in teams)
        {
            data.Add(new TeamMembership { TeamId = Teams[t].Id, UserId = user.Id });
        }

        var staff = new BenchStaff(user, roles, teams);
        Staff.Add(staff);
        return staff;
    }
}
