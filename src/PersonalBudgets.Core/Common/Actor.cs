namespace PersonalBudgets.Core.Common;

/// <summary>
/// What kind of account acted: a member of staff, a person receiving support in their own area, or someone acting for a
/// person under a grant (a representative, ADR 0030: the entry's person is the one they acted for).
/// </summary>
public enum ActorKind
{
    Staff,
    Person,
    Representative,
}

/// <summary>Who is doing something: recorded on every change and audit entry.</summary>
public sealed record Actor(Guid UserId, string DisplayName, ActorKind Kind = ActorKind.Staff);
