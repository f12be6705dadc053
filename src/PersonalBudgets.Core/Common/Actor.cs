namespace PersonalBudgets.Core.Common;

/// <summary>Who is doing something: recorded on every change and audit entry.</summary>
public sealed record Actor(Guid UserId, string DisplayName);
