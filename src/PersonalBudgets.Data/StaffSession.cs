namespace PersonalBudgets.Data;

/// <summary>Why a staff session ended.</summary>
public enum SessionEndReason
{
    SignedOut,
    SignedOutEverywhere,
    IdleTimeout,
    Expired,
    AccountDeactivated,
    PasswordChanged,
    PasswordReset,
}

/// <summary>
/// One signed-in session of a staff member, held on the server so it can be ended there: the sign-in cookie only
/// carries its id, and a cookie whose session has ended (sign-out, deactivation, password change) or expired is refused.
/// </summary>
public sealed class StaffSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the session was last used, to the minute or so: it is not written on every request.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
    public SessionEndReason? EndReason { get; set; }
}
