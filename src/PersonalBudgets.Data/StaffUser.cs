using Microsoft.AspNetCore.Identity;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Data;

/// <summary>A staff account (ASP.NET Core Identity user) with the staff member's profession and employer.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public Profession Profession { get; set; }
    public Guid EmployerId { get; set; }
    public bool IsActive { get; set; } = true;
    public string? JobTitle { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an administrator resets the password: the person must choose a new one before anything else.</summary>
    public bool MustChangePassword { get; set; }
}
