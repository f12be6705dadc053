using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.PersonAccounts;

public enum InvitationDelivery
{
    [Display(Name = "Email")] Email,
    [Display(Name = "Letter")] Letter,
}

public enum InvitationState
{
    [Display(Name = "Waiting")] Waiting,
    [Display(Name = "Used")] Used,
    [Display(Name = "Expired")] Expired,
    [Display(Name = "Cancelled")] Cancelled,
}

/// <summary>
/// An invitation for a person to make their account: a one-time code (stored as a hash), sent by email or printed as a
/// letter, that expires. Using it once ends it; inviting again cancels the waiting one (one waiting invitation per
/// person, held by a unique index too).
/// </summary>
public sealed class PersonInvitation
{
    public const int ValidDays = 14;
    public const string Refused = "The code is wrong, has been used or has expired. Check it, or ask your team for a new one";

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public InvitationDelivery Delivery { get; private set; }

    /// <summary>Where an email invitation went; for a letter, the email address the account will use.</summary>
    public string Email { get; private set; } = "";

    public string CodeHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public Guid CreatedById { get; private set; }
    public string CreatedByName { get; private set; } = "";

    private PersonInvitation()
    {
    }

    /// <summary>A new invitation and its code (the only time the code exists outside the person's hands).</summary>
    public static (PersonInvitation Invitation, string Code) Create(Guid personId, InvitationDelivery delivery, string email, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var code = OneTimeCodes.NewInvitationCode();
        return (new PersonInvitation
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Delivery = delivery,
            Email = email.Trim(),
            CodeHash = OneTimeCodes.Hash(code)!,
            CreatedAt = now,
            ExpiresAt = now.AddDays(ValidDays),
            CreatedById = actor.UserId,
            CreatedByName = actor.DisplayName,
        }, code);
    }

    public InvitationState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? InvitationState.Used
        : CancelledAt is not null ? InvitationState.Cancelled
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Waiting;

    /// <summary>Refuses an invitation that is used, cancelled or expired, with one message for all (it tells nothing).</summary>
    public void EnsureUsable(DateTimeOffset now)
    {
        if (StateAt(now) != InvitationState.Waiting)
        {
            throw new DomainException("invitation-not-usable", Refused, "Code");
        }
    }

    public void MarkUsed(DateTimeOffset now)
    {
        EnsureUsable(now);
        UsedAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        if (UsedAt is null && CancelledAt is null)
        {
            CancelledAt = now;
        }
    }
}
