namespace PersonalBudgets.Core.Teams;

/// <summary>An integrated community mental health team: members may be employed by the council or the NHS trust.</summary>
public sealed class Team
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A staff member's membership of a team.</summary>
public sealed class TeamMembership
{
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>A person's allocation to a team; ended allocations are kept as history.</summary>
public sealed class TeamAllocation
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public string StartedByName { get; set; } = "";
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedByName { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A period during which a staff member was a person's named key worker.</summary>
public sealed class KeyWorkerAssignment
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid StaffId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public string StartedByName { get; set; } = "";
    public DateTimeOffset? EndedAt { get; set; }
    public string? Reason { get; set; }
}
