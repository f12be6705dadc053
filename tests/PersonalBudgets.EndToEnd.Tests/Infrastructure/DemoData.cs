namespace PersonalBudgets.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What the tests rely on from the demo data seeded in Development (Features/DemoData/DemoDataSeeder.cs): demo
/// person i has a fixed id; North team people are those with i % 10 &lt; 6, plus i % 8 == 7 (both teams); people with
/// i % 6 == 5 have no key worker.
/// </summary>
public static class DemoData
{
    public const string Nurse = "nurse@northmoor.example";
    public const string NurseName = "Priya Shah";
    public const string NorthManager = "manager.north@northmoor.example";
    public const string NorthManagerName = "Helen Marsh";
    public const string Panel = "panel@northmoor.example";
    public const string SocialWorkerName = "Tom Okafor";
    public const string Ot = "ot@northmoor.example";
    public const string OtName = "Grace Lee";
    public const string SouthManager = "manager.south@northmoor.example";
    public const string SouthManagerName = "David Osei";

    // Demo people part way along the pathway (Features/DemoData/DemoPathwaySeeder.cs).

    /// <summary>Support planning, owned by Priya Shah: ready for a plan.</summary>
    public const int ReadyForPlan = 40;

    /// <summary>A £520-a-week plan by Tom Okafor on a funding panel's agenda (direct payment £330, commissioned £190, contribution £40).</summary>
    public const int OnFundingPanelAgenda = 45;

    /// <summary>Budget in place since 9 weeks ago; the first review, owned by Priya Shah, was due a week ago.</summary>
    public const int ReviewOverdue = 44;

    /// <summary>At referral, owned by Priya Shah (due in 25 days), with no online account: the person journey invites them.</summary>
    public const int ReferralNoAccount = 34;

    /// <summary>Support planning (South) owned by Grace Lee, due in 12 days; key worker David Osei; no plan started and no online account: the taking-part journey.</summary>
    public const int SouthPlanningNoAccount = 38;

    /// <summary>Support planning owned by Tom Okafor, 10 days overdue.</summary>
    public const int PlanningOverdue = 33;

    public static Guid PersonId(int i) => new($"00000000-0000-4000-8000-{1000 + i:000000000000}");

    public static string PersonPath(int i, string? section = null) => $"/People/{PersonId(i)}" + (section is null ? "" : "/" + section);
}
