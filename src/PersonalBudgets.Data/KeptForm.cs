namespace PersonalBudgets.Data;

/// <summary>
/// What a staff member posted after their session had ended, kept so it can be put back into the form once they have
/// signed in again (docs/adr/0022-keeping-work-when-a-session-ends.md). The fields are encrypted with Data Protection;
/// only the same account can have them back, once, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class KeptForm
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The page the form was on (path only, no query): the form is put back on that page only.</summary>
    public string Path { get; set; } = "";

    /// <summary>The posted fields, encrypted (Data Protection), never in plain text.</summary>
    public string ProtectedFields { get; set; } = "";

    public DateTimeOffset KeptAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
