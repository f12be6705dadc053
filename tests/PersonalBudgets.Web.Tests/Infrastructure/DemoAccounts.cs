namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>Demo accounts seeded by DemoDataSeeder (all share its demo password).</summary>
public static class DemoAccounts
{
    /// <summary>Practitioner (nurse), North team: Priya Shah.</summary>
    public const string NorthNurse = "nurse@northmoor.example";

    /// <summary>Practitioner (social worker), North team: Tom Okafor.</summary>
    public const string NorthSocialWorker = "socialworker@northmoor.example";

    /// <summary>Practitioner (psychologist), North team: Ben Adeyemi.</summary>
    public const string NorthPsychologist = "psychologist@northmoor.example";

    /// <summary>Practitioner (occupational therapist), South team: Grace Lee.</summary>
    public const string SouthOt = "ot@northmoor.example";

    /// <summary>Practitioner (peer support worker), South team: Sam Rivers.</summary>
    public const string SouthPeerSupport = "peersupport@northmoor.example";

    /// <summary>Team manager and practitioner, North team: Helen Marsh.</summary>
    public const string NorthManager = "manager.north@northmoor.example";

    /// <summary>Panel member for both teams: Ruth Campbell.</summary>
    public const string Panel = "panel@northmoor.example";

    /// <summary>Finance officer for both teams: Mark Ellis.</summary>
    public const string Finance = "finance@northmoor.example";

    /// <summary>Administrator: Chris Taylor.</summary>
    public const string Administrator = "admin@northmoor.example";

    public const string NorthNurseName = "Priya Shah";
    public const string NorthSocialWorkerName = "Tom Okafor";
}
