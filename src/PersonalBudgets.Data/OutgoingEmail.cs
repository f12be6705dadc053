namespace PersonalBudgets.Data;

/// <summary>
/// An email the service would send, kept in the development outbox instead (ADR 0029): so the demo works with no mail
/// server, and staff with the administrator's permission can read what was sent. Production sends by SMTP and keeps none.
/// </summary>
public sealed class OutgoingEmail
{
    public Guid Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
