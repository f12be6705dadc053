using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.Audit;

public enum AuditAction
{
    [Display(Name = "Viewed record")] Viewed,
    [Display(Name = "Searched")] Searched,
    [Display(Name = "Created record")] Created,
    [Display(Name = "Changed details")] Updated,
    [Display(Name = "Changed allocation")] Allocated,
    [Display(Name = "Break-glass access")] BreakGlassGranted,
    [Display(Name = "Access refused")] AccessDenied,
    [Display(Name = "Reviewed break-glass access")] BreakGlassReviewed,
    [Display(Name = "Signed in")] SignedIn,
    [Display(Name = "Sign-in failed")] SignInFailed,
    [Display(Name = "Signed out")] SignedOut,
    [Display(Name = "Created account")] AccountCreated,
    [Display(Name = "Changed account")] AccountUpdated,
    [Display(Name = "Changed password")] PasswordChanged,
    [Display(Name = "Reset password")] PasswordReset,
    [Display(Name = "Viewed audit trail")] AuditViewed,
    [Display(Name = "Moved pathway stage")] Transitioned,
    [Display(Name = "Reallocated work")] Reallocated,
    [Display(Name = "Recorded a decision")] Decided,
    [Display(Name = "Deleted a draft")] DraftDeleted,
    [Display(Name = "Kept a form after the session ended")] FormKept,
    [Display(Name = "Put back a kept form")] FormRestored,
    [Display(Name = "Checked a statutory return's data quality")] ReturnChecked,
    [Display(Name = "Made a statutory return")] ReturnMade,
    [Display(Name = "Downloaded a statutory return")] ReturnDownloaded,
    [Display(Name = "Gave access to the record")] AccessGranted,
    [Display(Name = "Ended access to the record")] AccessEnded,
}

/// <summary>
/// One audited event. Append-only: nothing in the service updates or deletes these rows (the database context
/// refuses it, and no page or endpoint offers it).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";

    /// <summary>Whether <see cref="UserId"/> is a staff account or a person's own account (their area, ADR 0029).</summary>
    public Common.ActorKind ActorKind { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>The kind of record, e.g. "Person", "Account".</summary>
    public string RecordType { get; set; } = "";

    public string? RecordId { get; set; }

    /// <summary>The person the entry concerns, so a person's history can be listed.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>JSON list of {field, before, after} for changes.</summary>
    public string? Changes { get; set; }

    /// <summary>Free text summary (no more personal data than the record itself holds).</summary>
    public string? Summary { get; set; }

    public string? Reason { get; set; }
    public bool IsBreakGlass { get; set; }
    public string? IpAddress { get; set; }
}
