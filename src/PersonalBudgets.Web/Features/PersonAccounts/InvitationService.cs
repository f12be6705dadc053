using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Email;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.PersonAccounts;

/// <summary>The person's online account as staff see it on the record: its state and the invitations, newest first.</summary>
public sealed record PersonAccountOverview(PersonAccountState State, DateTimeOffset? LastSignedInAt, DateTimeOffset? LockedUntil, IReadOnlyList<InvitationRow> Invitations);

public sealed record InvitationRow(InvitationDelivery Delivery, string Email, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset ExpiresAt, InvitationState State);

/// <summary>A letter invitation to print: the code exists only in this answer (it is stored hashed).</summary>
public sealed record InvitationLetter(Guid PersonId, string Email, string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Staff invite a person to their own area (ADR 0029). The page's person-access filter has already checked the
/// legitimate relationship. Inviting again cancels the waiting invitation; a person with an account is not invited.
/// </summary>
public sealed class InvitationService(PersonalBudgetsDbContext db, ICurrentUser user, AuditLog audit, IEmailSender email, TimeProvider clock)
{
    public const string RecordType = "PersonAccount";
    public const int EmailMaxLength = 254;

    public async Task<PersonAccountOverview> OverviewAsync(Guid personId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var account = await db.PersonAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.PersonId == personId, ct);
        var invitations = (await db.PersonInvitations.AsNoTracking().Where(i => i.PersonId == personId).ToListAsync(ct))
            .OrderByDescending(i => i.CreatedAt).ToList();
        return new PersonAccountOverview(
            PersonAccount.StateOf(account, invitations.FirstOrDefault(), now),
            account?.LastSignedInAt,
            account?.IsLockedOut(now) == true ? account.LockoutEnd : null,
            invitations.Select(i => new InvitationRow(i.Delivery, i.Email, i.CreatedAt, i.CreatedByName, i.ExpiresAt, i.StateAt(now))).ToList());
    }

    public const string EmailSubject = "Your invitation to see your support online";

    public static string EmailBody(string code, string signUpAddress, DateTimeOffset expiresAt) =>
        $"""
        Hello,

        Your team has invited you to see your care and support online.

        1. Go to {signUpAddress}
        2. Enter this code: {code}

        The code works once. It stops working on {UkFormat.DateTime(expiresAt)}.
        If you did not expect this email, you can ignore it, or call your team.
        """;

    /// <summary>Makes an invitation and sends it by email, or returns the letter to print.</summary>
    public async Task<InvitationLetter> InviteAsync(Guid personId, InvitationDelivery? delivery, string? emailAddress, string signUpAddress, CancellationToken ct = default)
    {
        var errors = new List<Core.People.FieldError>();
        if (delivery is null)
        {
            errors.Add(new("Delivery", "Select how to send the invitation"));
        }

        var address = emailAddress?.Trim() ?? "";
        if (address.Length == 0)
        {
            errors.Add(new("Email", "Enter the email address the person will sign in with"));
        }
        else if (address.Length > EmailMaxLength || !System.Net.Mail.MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(new("Email", "Enter an email address in the correct format, like name@example.com"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        if (await db.PersonAccounts.AnyAsync(a => a.PersonId == personId, ct))
        {
            throw new ConflictException("account-exists", "This person already has an account. They can sign in with it");
        }

        var normalised = PersonAccount.Normalise(address);
        if (await db.PersonAccounts.AnyAsync(a => a.NormalizedEmail == normalised, ct))
        {
            throw new DomainException("email-in-use", "Another account uses this email address. Enter a different one", "Email");
        }

        var now = clock.GetUtcNow();
        // Inviting again cancels the waiting invitation: its code stops working.
        var waiting = await db.PersonInvitations.Where(i => i.PersonId == personId && i.UsedAt == null && i.CancelledAt == null).ToListAsync(ct);
        foreach (var old in waiting)
        {
            old.Cancel(now);
        }

        if (waiting.Count > 0)
        {
            // Saved first: the unique index allows one waiting invitation per person.
            await db.SaveChangesOrDuplicateAsync(ct);
        }

        var (invitation, code) = PersonInvitation.Create(personId, delivery!.Value, address, user.Actor, now);
        db.PersonInvitations.Add(invitation);
        audit.Add(AuditAction.Created, RecordType, invitation.Id.ToString(), personId,
            summary: $"Invited the person to their online account by {delivery.Value.Label().ToLowerInvariant()}{(waiting.Count > 0 ? " (the earlier invitation was cancelled)" : "")}");
        if (delivery == InvitationDelivery.Email)
        {
            await email.SendAsync(address, EmailSubject, EmailBody(code, signUpAddress, invitation.ExpiresAt), ct);
        }

        await db.SaveChangesOrDuplicateAsync(ct);
        return new InvitationLetter(personId, address, code, invitation.ExpiresAt);
    }
}
