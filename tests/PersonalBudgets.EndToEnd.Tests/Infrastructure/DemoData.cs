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

    public static Guid PersonId(int i) => new($"00000000-0000-4000-8000-{1000 + i:000000000000}");

    public static string PersonPath(int i, string? section = null) => $"/People/{PersonId(i)}" + (section is null ? "" : "/" + section);
}
