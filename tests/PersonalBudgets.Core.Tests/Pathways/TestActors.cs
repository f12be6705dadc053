using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Core.Tests.Pathways;

/// <summary>Fixed people and times for the issue 4 domain tests.</summary>
public static class TestActors
{
    public static readonly DateTimeOffset Now = new(2027, 3, 10, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2027, 3, 10);

    public static readonly StaffRef Priya = new(Guid.Parse("00000000-0000-4000-8000-000000000100"), "Priya Shah", Profession.Nurse);
    public static readonly StaffRef Tom = new(Guid.Parse("00000000-0000-4000-8000-000000000101"), "Tom Okafor", Profession.SocialWorker);
    public static readonly StaffRef Helen = new(Guid.Parse("00000000-0000-4000-8000-000000000105"), "Helen Marsh", Profession.SocialWorker);
    public static readonly StaffRef Ruth = new(Guid.Parse("00000000-0000-4000-8000-000000000107"), "Ruth Campbell", Profession.Other);

    public static Actor Actor(this StaffRef staff) => new(staff.Id, staff.Name);
}
