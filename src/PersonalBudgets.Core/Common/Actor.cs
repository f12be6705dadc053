namespace PersonalBudgets.Core.Common;

/// <summary>What kind of account acted: a member of staff, or a person receiving support in their own area.</summary>
public enum ActorKind
{
    Staff,
    Person,
}

/// <summary>Who is doing something: recorded on every change and audit entry.</summary>
public sealed record Actor(Guid UserId, string DisplayName, ActorKind Kind = ActorKind.Staff);
