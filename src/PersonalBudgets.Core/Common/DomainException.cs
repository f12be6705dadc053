namespace PersonalBudgets.Core.Common;

/// <summary>
/// A domain rule was broken. <see cref="ErrorCode"/> is stable and machine-readable; the message is plain English
/// and safe to show to the user (it never contains personal data).
/// </summary>
public class DomainException(string errorCode, string message, string? field = null) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    /// <summary>The input field the error belongs to, when there is one.</summary>
    public string? Field { get; } = field;
}

/// <summary>The record does not exist (or the caller may not know that it does).</summary>
public sealed class NotFoundException(string what) : DomainException("not-found", $"{what} was not found.");

/// <summary>The record was changed by someone else since the caller read it.</summary>
public sealed class ConcurrencyConflictException(string changedBy, DateTimeOffset changedAt)
    : DomainException("concurrency-conflict", $"This record was changed by {changedBy} at {UkFormat.DateTime(changedAt)}. Your changes have not been saved. Check the current details and try again.")
{
    public string ChangedBy { get; } = changedBy;
    public DateTimeOffset ChangedAt { get; } = changedAt;
}

/// <summary>The request conflicts with what is already recorded, for example a decision that has already been made.</summary>
public class ConflictException(string errorCode, string message) : DomainException(errorCode, message);

/// <summary>The caller has no legitimate relationship with the person.</summary>
public sealed class RecordAccessDeniedException(Guid personId)
    : DomainException("record-access-denied", "You do not have access to this record.")
{
    public Guid PersonId { get; } = personId;
}

/// <summary>Input broke one or more rules; each error names its field.</summary>
public sealed class ValidationFailedException(IReadOnlyList<People.FieldError> errors)
    : DomainException("validation-failed", "The request has errors: " + string.Join("; ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<People.FieldError> Errors { get; } = errors;
}

/// <summary>
/// The caller sees the person only through break-glass, which allows reading and nothing else
/// (<see cref="Security.BreakGlassPolicy"/>): the change is refused.
/// </summary>
public sealed class BreakGlassChangeRefusedException(Guid personId)
    : DomainException("break-glass-read-only", "Break-glass access lets you read this record, not change it. Ask a member of the person's team, or their team manager, to make the change.")
{
    public Guid PersonId { get; } = personId;
}
