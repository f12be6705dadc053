using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Email;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.PersonAccounts;

namespace PersonalBudgets.Web.Features.DemoData;

/// <summary>
/// The person's area in the demo (ADR 0029): NM100041 has an active account (sign-in details in the README and here),
/// and NM100045 has a waiting email invitation, which the development outbox shows.
/// </summary>
public static class DemoPersonAccounts
{
    public static readonly Guid ActivePersonId = new("00000000-0000-4000-8000-000000001040");
    public const string ActiveEmail = "person41@example.com";

    /// <summary>Base 32, for an authenticator app or <c>oathtool --totp -b</c>. Demo only: a real secret is random.</summary>
    public const string ActiveTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static readonly Guid InvitedPersonId = new("00000000-0000-4000-8000-000000001044");
    public const string InvitedEmail = "person45@example.com";

    public static async Task SeedAsync(PersonalBudgetsDbContext db, PersonAccountService accounts, IEmailSender email, Actor inviter, DateTimeOffset now, CancellationToken ct)
    {
        var account = new PersonAccount
        {
            Id = Guid.NewGuid(),
            PersonId = ActivePersonId,
            Email = ActiveEmail,
            NormalizedEmail = PersonAccount.Normalise(ActiveEmail),
            PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<PersonAccount>().HashPassword(new PersonAccount(), DemoDataSeeder.DemoPassword),
            ProtectedTotpSecret = accounts.ProtectSecret(Base32.Decode(ActiveTotpSecret)),
            CreatedAt = now,
        };
        account.SetRecoveryCodes(OneTimeCodes.NewRecoveryCodes());
        db.PersonAccounts.Add(account);

        var (invitation, code) = PersonInvitation.Create(InvitedPersonId, InvitationDelivery.Email, InvitedEmail, inviter, now);
        db.PersonInvitations.Add(invitation);
        await email.SendAsync(InvitedEmail, InvitationService.EmailSubject, InvitationService.EmailBody(code, ServiceSetup.DefaultUrl + MyPaths.Start, invitation.ExpiresAt), ct);
        await db.SaveChangesAsync(ct);
    }
}
