using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Security;
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

        await SeedWhoLookedAsync(db, now, ct);

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

    /// <summary>
    /// What NM100041's "who looked at your record" page shows in the demo: the nurse's work on her record, a social
    /// worker's look, and a South team OT's break-glass with its reason (a grant the administrator can review). The
    /// pathway seeder builds records through the domain without audit entries; these are the entries the pages would
    /// have written.
    /// </summary>
    private static async Task SeedWhoLookedAsync(PersonalBudgetsDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var staff = await db.Users.Where(u => u.Email == "nurse@northmoor.example" || u.Email == "socialworker@northmoor.example" || u.Email == "ot@northmoor.example")
            .ToDictionaryAsync(u => u.Email!, ct);
        var (priya, tom, grace) = (staff["nurse@northmoor.example"], staff["socialworker@northmoor.example"], staff["ot@northmoor.example"]);
        const string reason = "Called the out-of-hours line in distress: I needed her contingency plan and her team's details";
        var grant = BreakGlassGrant.Grant(new Actor(grace.Id, grace.DisplayName), ActivePersonId, reason, now.AddDays(-3), TimeSpan.FromMinutes(30));
        db.BreakGlassGrants.Add(grant);
        AuditEntry Entry(Data.StaffUser by, int daysAgo, AuditAction action, string recordType, string summary, bool breakGlass = false, string? why = null) => new()
        {
            OccurredAt = now.AddDays(-daysAgo).AddHours(-2), UserId = by.Id, UserName = by.DisplayName, ActorKind = ActorKind.Staff, Action = action,
            RecordType = recordType, RecordId = ActivePersonId.ToString(), PersonId = ActivePersonId, Summary = summary, IsBreakGlass = breakGlass, Reason = why,
        };
        db.AuditEntries.AddRange(
            Entry(priya, 27, AuditAction.Created, "Assessment", "Needs assessment started"),
            Entry(priya, 14, AuditAction.Viewed, "Assessment", "Viewed the assessment"),
            Entry(priya, 8, AuditAction.Created, "Eligibility", "Eligibility decided: eligible (adult)"),
            Entry(priya, 6, AuditAction.Created, "IndicativeBudget", "Indicative budget worked out"),
            Entry(grace, 3, AuditAction.BreakGlassGranted, "Person", "Break-glass access", breakGlass: true, why: reason),
            Entry(grace, 3, AuditAction.Viewed, "Person", "Viewed the record", breakGlass: true),
            Entry(tom, 1, AuditAction.Viewed, "Person", "Viewed the record"));
    }
}
