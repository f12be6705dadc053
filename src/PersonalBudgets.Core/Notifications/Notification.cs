namespace PersonalBudgets.Core.Notifications;

/// <summary>A message in the service to one staff member, for example that a step they own is overdue.</summary>
public sealed class Notification
{
    public const int MessageMaxLength = 500;

    public Guid Id { get; private set; }
    public Guid RecipientId { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? StepId { get; private set; }

    /// <summary>Plain text without personal data beyond what the recipient may already see on the linked page.</summary>
    public string Message { get; private set; } = "";

    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    private Notification()
    {
    }

    public static Notification Create(Guid recipientId, Guid? personId, Guid? stepId, string message, string link, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        RecipientId = recipientId,
        PersonId = personId,
        StepId = stepId,
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message,
        Link = link,
        CreatedAt = now,
    };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
