using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Email;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.PersonAccounts;
using PersonalBudgets.Web.Features.Representatives;

namespace PersonalBudgets.Web.Features.DemoData;

/// <summary>
/// The person's area in the demo (ADR 0029): NM100041 has an active account (sign-in details in the README and here),
/// and NM100045 has a waiting email invitation, which the development outbox shows. NM100041 has given their carer
/// access (ADR 0030): the carer's account signs in with the details below and acts for NM100041; an invitation to
/// NM100041's advocate waits in the outbox.
/// </summary>
public static class DemoPersonAccounts
{
    public static readonly Guid ActivePersonId = new("00000000-0000-4000-8000-000000001040");
    public const string ActiveEmail = "person41@example.com";

    /// <summary>Base 32, for an authenticator app or <c>oathtool --totp -b</c>. Demo only: a real secret is random.</summary>
    public const string ActiveTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public const string RepresentativeName = "Sam Carter";
    public const string RepresentativeEmail = "carer41@example.com";

    /// <summary>The carer's authenticator key (base 32). Demo only.</summary>
    public const string RepresentativeTotpSecret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";

    public const string InvitedRepresentativeEmail = "advocate41@example.com";

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

        // NM100041's carer, with an account of their own, acting for NM100041 (ADR 0030).
        var carer = new PersonAccount
        {
            Id = Guid.NewGuid(),
            DisplayName = RepresentativeName,
            Email = RepresentativeEmail,
            NormalizedEmail = PersonAccount.Normalise(RepresentativeEmail),
            PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<PersonAccount>().HashPassword(new PersonAccount(), DemoDataSeeder.DemoPassword),
            ProtectedTotpSecret = accounts.ProtectSecret(Base32.Decode(RepresentativeTotpSecret)),
            CreatedAt = now,
        };
        carer.SetRecoveryCodes(OneTimeCodes.NewRecoveryCodes());
        db.PersonAccounts.Add(carer);
        var demoPerson = await db.People.FindAsync([ActivePersonId], ct) ?? throw new InvalidOperationException("NM100041 is seeded first.");
        var firstName = demoPerson.PreferredName ?? demoPerson.LegalFirstName;
        var person = new Actor(account.Id, $"{firstName} {demoPerson.LegalLastName}", ActorKind.Person);
        var today = UkTime.DateOf(now);
        var (grant, _) = RecordGrant.Create(ActivePersonId, new GrantRequest(RepresentativeName, Relationship.Carer, RepresentativeEmail,
            RepresentativeScopes.SeeSupport | RepresentativeScopes.SeeMoney | RepresentativeScopes.AgreeAndAsk, today, today.AddYears(1)), person, now);
        grant.Accept(carer.Id, now);
        db.RecordGrants.Add(grant);
        var (advocate, advocateCode) = RecordGrant.Create(ActivePersonId, new GrantRequest("Jo Lee", Relationship.Advocate, InvitedRepresentativeEmail,
            RepresentativeScopes.SeeSupport | RepresentativeScopes.WritePlan, today, today.AddMonths(6)), person, now);
        db.RecordGrants.Add(advocate);
        await email.SendAsync(InvitedRepresentativeEmail, RepresentativeService.EmailSubject,
            RepresentativeService.EmailBody("Jo Lee", firstName, advocateCode, ServiceSetup.DefaultUrl + MyPaths.Start, advocate.InvitationExpiresAt), ct);
        await db.SaveChangesAsync(ct);
    }
}
