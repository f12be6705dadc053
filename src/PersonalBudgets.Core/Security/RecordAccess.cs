using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Security;

public enum AccessRoute
{
    /// <summary>The person is allocated to a team the user belongs to.</summary>
    LegitimateRelationship,

    /// <summary>Emergency access with a recorded reason, for a limited time, flagged for review.</summary>
    BreakGlass,
}

/// <summary>A break-glass grant: who, which person, why, and until when.</summary>
public sealed class BreakGlassGrant
{
    public const int ReasonMinLength = 10;
    public const int ReasonMaxLength = 1000;

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedByName { get; private set; }
    public string? ReviewNote { get; private set; }

    private BreakGlassGrant()
    {
    }

    public static BreakGlassGrant Grant(Actor actor, Guid personId, string? reason, DateTimeOffset now, TimeSpan duration)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length < ReasonMinLength)
        {
            throw new DomainException("break-glass-reason-required", $"Enter the reason you need access to this record, in at least {ReasonMinLength} characters", "Reason");
        }

        if (trimmed.Length > ReasonMaxLength)
        {
            throw new DomainException("break-glass-reason-too-long", $"Reason must be {ReasonMaxLength} characters or fewer", "Reason");
        }

        return new BreakGlassGrant
        {
            Id = Guid.NewGuid(),
            UserId = actor.UserId,
            UserName = actor.DisplayName,
            PersonId = personId,
            Reason = trimmed,
            GrantedAt = now,
            ExpiresAt = now + duration,
        };
    }

    public bool IsActive(DateTimeOffset now) => now < ExpiresAt;

    public void MarkReviewed(Actor reviewer, string? note, DateTimeOffset now)
    {
        if (ReviewedAt is not null)
        {
            throw new DomainException("break-glass-already-reviewed", "This break-glass access has already been reviewed");
        }

        ReviewedAt = now;
        ReviewedByName = reviewer.DisplayName;
        ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
