using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// Sign-up by invitation and sign-in for people receiving support (ADR 0029), apart from staff Identity. Every refusal
/// says the same thing whatever the reason, at the same hashing cost, so nothing tells whether an account exists.
/// </summary>
public sealed class PersonAccountService(
    PersonalBudgetsDbContext db,
    IHttpContextAccessor accessor,
    IDataProtectionProvider protection,
    AuditLog audit,
    TimeProvider clock)
{
    public const string RecordType = "PersonAccount";
    public const string CredentialsRefused = "Enter a correct email address and password";
    public const string CodeRefused = "Enter a correct code from your authenticator app, or one of your recovery codes";
    public const string Issuer = "Personal budgets";

    private static readonly PasswordHasher<PersonAccount> Hasher = new();
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(new PersonAccount(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    private IDataProtector TotpProtector => protection.CreateProtector("PersonAccounts.TotpSecret");

    public string ProtectSecret(byte[] secret) => TotpProtector.Protect(Base32.Encode(secret));

    private byte[] UnprotectSecret(string protectedSecret) => Base32.Decode(TotpProtector.Unprotect(protectedSecret));

    private async Task<ClaimsPrincipal?> PendingAsync() =>
        (await Http.AuthenticateAsync(PersonAuthentication.PendingScheme)).Principal;

    private Task SetPendingAsync(params Claim[] claims) =>
        Http.SignInAsync(PersonAuthentication.PendingScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, PersonAuthentication.PendingScheme)));

    // ----- Sign-up -----

    /// <summary>What happened to a code typed at the start.</summary>
    public enum CodeAccepted
    {
        /// <summary>Sign-up goes on: choose a password.</summary>
        SignUp,

        /// <summary>A representative's code for an email that already has an account: the access was added to it (ADR 0030).</summary>
        AddedToAccount,
    }

    /// <summary>
    /// Step 1: the invitation code (a person's own, or a representative's from a grant). Exchanged for a short-lived
    /// cookie; the code never travels again.
    /// </summary>
    public async Task<CodeAccepted> AcceptCodeAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("code-required", "Enter the code from your letter or email", "Code");
        }

        var hash = OneTimeCodes.Hash(code);
        if (hash is not null && await db.RecordGrants.SingleOrDefaultAsync(g => g.InvitationCodeHash == hash, ct) is { } grant)
        {
            var now = clock.GetUtcNow();
            grant.EnsureInvitationUsable(now);
            var normalised = PersonAccount.Normalise(grant.Email);
            if (await db.PersonAccounts.SingleOrDefaultAsync(a => a.NormalizedEmail == normalised, ct) is { } existing)
            {
                // The code went to this email address: the access joins the account it already has. Using it still needs
                // that account's password and authenticator.
                grant.Accept(existing.Id, now);
                grant.Version++;
                audit.Add(AuditAction.Updated, Representatives.RepresentativeService.RecordType, grant.Id.ToString(), grant.PersonId,
                    summary: "The representative accepted the invitation with the account they already had",
                    actor: new Actor(existing.Id, existing.DisplayName ?? grant.RepresentativeName, ActorKind.Representative));
                await db.SaveChangesOrDuplicateAsync(ct);
                return CodeAccepted.AddedToAccount;
            }

            await SetPendingAsync(new Claim(PersonAuthentication.PendingGrantClaim, grant.Id.ToString()));
            return CodeAccepted.SignUp;
        }

        var invitation = await FindUsableInvitationAsync(hash, ct);
        await SetPendingAsync(new Claim(PersonAuthentication.PendingInvitationClaim, invitation.Id.ToString()));
        return CodeAccepted.SignUp;
    }

    /// <summary>The sign-up under way: a person's invitation or a representative's grant, and the email the account will use.</summary>
    private sealed record PendingSignUp(string Email, PersonInvitation? Invitation, Core.Representatives.RecordGrant? Grant);

    private async Task<PendingSignUp?> PendingSignUpAsync(CancellationToken ct)
    {
        var pending = await PendingAsync();
        if (Guid.TryParse(pending?.FindFirstValue(PersonAuthentication.PendingGrantClaim), out var grantId))
        {
            var grant = await db.RecordGrants.SingleOrDefaultAsync(g => g.Id == grantId, ct);
            return grant?.StateAt(clock.GetUtcNow()) == Core.Representatives.GrantState.Invited ? new PendingSignUp(grant.Email, null, grant) : null;
        }

        return await PendingInvitationAsync(ct) is { } invitation ? new PendingSignUp(invitation.Email, invitation, null) : null;
    }

    private static Claim PendingClaimOf(PendingSignUp signUp) => signUp.Grant is { } g
        ? new Claim(PersonAuthentication.PendingGrantClaim, g.Id.ToString())
        : new Claim(PersonAuthentication.PendingInvitationClaim, signUp.Invitation!.Id.ToString());

    private async Task<PersonInvitation> FindUsableInvitationAsync(string? hash, CancellationToken ct)
    {
        var invitation = hash is null ? null : await db.PersonInvitations.SingleOrDefaultAsync(i => i.CodeHash == hash, ct);
        if (invitation is null)
        {
            throw new DomainException("invitation-not-usable", PersonInvitation.Refused, "Code");
        }

        invitation.EnsureUsable(clock.GetUtcNow());
        return invitation;
    }

    private async Task<PersonInvitation?> PendingInvitationAsync(CancellationToken ct)
    {
        var pending = await PendingAsync();
        if (!Guid.TryParse(pending?.FindFirstValue(PersonAuthentication.PendingInvitationClaim), out var id))
        {
            return null;
        }

        var invitation = await db.PersonInvitations.SingleOrDefaultAsync(i => i.Id == id, ct);
        return invitation?.StateAt(clock.GetUtcNow()) == InvitationState.Waiting ? invitation : null;
    }

    /// <summary>The email the new account will use, while sign-up is under way (null: start again).</summary>
    public async Task<string?> SignUpEmailAsync(CancellationToken ct = default) => (await PendingSignUpAsync(ct))?.Email;

    /// <summary>Step 2: the password, checked by the staff password policy, kept hashed in the pending cookie.</summary>
    public async Task SetPasswordAsync(string? password, string? confirm, CancellationToken ct = default)
    {
        var invitation = await PendingSignUpAsync(ct) ?? throw new DomainException("sign-up-expired", "Your sign-up timed out. Enter your code again", "Password");
        if (string.IsNullOrEmpty(password))
        {
            throw new DomainException("password-required", "Enter a password", "Password");
        }

        if (PasswordPolicy.Default.Check(password, invitation.Email) is [var problem, ..])
        {
            throw new DomainException("password-policy", problem, "Password");
        }

        if (!string.Equals(password, confirm, StringComparison.Ordinal))
        {
            throw new DomainException("password-mismatch", "The passwords do not match. Type the same password twice", "ConfirmPassword");
        }

        await SetPendingAsync(
            PendingClaimOf(invitation),
            new Claim(PersonAuthentication.PendingPasswordHashClaim, Hasher.HashPassword(new PersonAccount(), password)),
            new Claim(PersonAuthentication.PendingSecretClaim, Base32.Encode(Totp.NewSecret())));
    }

    public sealed record AuthenticatorSetUp(string Email, string Key, string KeyUri);

    /// <summary>Step 3: the key to put in an authenticator app (null: start again).</summary>
    public async Task<AuthenticatorSetUp?> AuthenticatorAsync(CancellationToken ct = default)
    {
        var pending = await PendingAsync();
        var invitation = await PendingSignUpAsync(ct);
        var secret = pending?.FindFirstValue(PersonAuthentication.PendingSecretClaim);
        if (invitation is null || secret is null || pending!.FindFirstValue(PersonAuthentication.PendingPasswordHashClaim) is null)
        {
            return null;
        }

        return new AuthenticatorSetUp(invitation.Email, GroupKey(secret), Totp.KeyUri(Issuer, invitation.Email, Base32.Decode(secret)));
    }

    private static string GroupKey(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c)));

    /// <summary>Step 4: a code from the app proves it is set up; the account is made and signed in, and the recovery codes returned (shown once).</summary>
    public async Task<IReadOnlyList<string>> CompleteSignUpAsync(string? code, CancellationToken ct = default)
    {
        var pending = await PendingAsync();
        var signUp = await PendingSignUpAsync(ct);
        var secretText = pending?.FindFirstValue(PersonAuthentication.PendingSecretClaim);
        var passwordHash = pending?.FindFirstValue(PersonAuthentication.PendingPasswordHashClaim);
        if (signUp is null || secretText is null || passwordHash is null)
        {
            throw new DomainException("sign-up-expired", "Your sign-up timed out. Enter your code again", "Code");
        }

        if (Totp.Normalise(code) is null)
        {
            throw new DomainException("code-format", "Enter the 6-digit code from your authenticator app", "Code");
        }

        var secret = Base32.Decode(secretText);
        var now = clock.GetUtcNow();
        if (Totp.Verify(secret, code, now) is not { } step)
        {
            throw new DomainException("code-wrong", "The code is not right. Check the key in your app and enter the newest code", "Code");
        }

        if (signUp.Grant is { } grant)
        {
            return await CompleteRepresentativeSignUpAsync(grant, passwordHash, secret, step, now, ct);
        }

        var invitation = signUp.Invitation!;
        if (await db.PersonAccounts.AnyAsync(a => a.PersonId == invitation.PersonId || a.NormalizedEmail == PersonAccount.Normalise(invitation.Email), ct))
        {
            throw new DomainException("invitation-not-usable", PersonInvitation.Refused, "Code");
        }

        invitation.MarkUsed(now);
        var recovery = OneTimeCodes.NewRecoveryCodes();
        var account = new PersonAccount
        {
            Id = Guid.NewGuid(),
            PersonId = invitation.PersonId,
            Email = invitation.Email,
            NormalizedEmail = PersonAccount.Normalise(invitation.Email),
            PasswordHash = passwordHash,
            ProtectedTotpSecret = ProtectSecret(secret),
            LastTotpStep = step,
            CreatedAt = now,
            LastSignedInAt = now,
        };
        account.SetRecoveryCodes(recovery);
        db.PersonAccounts.Add(account);
        var name = await DisplayNameAsync(invitation.PersonId, ct);
        var actor = new Actor(account.Id, name, ActorKind.Person);
        audit.Add(AuditAction.AccountCreated, RecordType, account.Id.ToString(), invitation.PersonId, summary: "The person made their online account from an invitation", actor: actor);
        audit.Add(AuditAction.SignedIn, RecordType, account.Id.ToString(), invitation.PersonId, actor: actor);
        // A unique index holds one account per person: of two sign-ups racing with one code, the second gets a conflict.
        await db.SaveChangesOrDuplicateAsync(ct);
        await Http.SignOutAsync(PersonAuthentication.PendingScheme);
        await Http.SignInAsync(PersonAuthentication.Scheme, PersonAuthentication.PrincipalFor(account.Id, account.PersonId, name, account.SecurityStamp, now));
        return recovery;
    }

    /// <summary>
    /// A representative's sign-up (ADR 0030): an account with no person of its own, named as the grant names them, and
    /// the grant accepted onto it. The unique email index holds one account however many sign-ups race with one code.
    /// </summary>
    private async Task<IReadOnlyList<string>> CompleteRepresentativeSignUpAsync(Core.Representatives.RecordGrant grant, string passwordHash, byte[] secret, long step, DateTimeOffset now, CancellationToken ct)
    {
        var normalised = PersonAccount.Normalise(grant.Email);
        if (await db.PersonAccounts.AnyAsync(a => a.NormalizedEmail == normalised, ct))
        {
            throw new DomainException("invitation-not-usable", PersonInvitation.Refused, "Code");
        }

        var recovery = OneTimeCodes.NewRecoveryCodes();
        var account = new PersonAccount
        {
            Id = Guid.NewGuid(),
            PersonId = null,
            DisplayName = grant.RepresentativeName,
            Email = grant.Email,
            NormalizedEmail = normalised,
            PasswordHash = passwordHash,
            ProtectedTotpSecret = ProtectSecret(secret),
            LastTotpStep = step,
            CreatedAt = now,
            LastSignedInAt = now,
        };
        account.SetRecoveryCodes(recovery);
        db.PersonAccounts.Add(account);
        grant.Accept(account.Id, now);
        grant.Version++;
        var actor = new Actor(account.Id, grant.RepresentativeName, ActorKind.Representative);
        audit.Add(AuditAction.AccountCreated, Representatives.RepresentativeService.RecordType, grant.Id.ToString(), grant.PersonId, summary: "The representative made their online account from the invitation", actor: actor);
        audit.Add(AuditAction.SignedIn, RecordType, account.Id.ToString(), null, actor: actor);
        await db.SaveChangesOrDuplicateAsync(ct);
        await Http.SignOutAsync(PersonAuthentication.PendingScheme);
        await Http.SignInAsync(PersonAuthentication.Scheme, PersonAuthentication.PrincipalFor(account.Id, null, grant.RepresentativeName, account.SecurityStamp, now, grant.Id.ToString()));
        return recovery;
    }

    /// <summary>The account holder's name: a representative's own, or the person's.</summary>
    private async Task<string> AccountNameAsync(PersonAccount account, CancellationToken ct) =>
        account.PersonId is { } personId ? await DisplayNameAsync(personId, ct) : account.DisplayName ?? "Representative";

    private Task<string> DisplayNameAsync(Guid personId, CancellationToken ct) =>
        db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => (p.PreferredName ?? p.LegalFirstName) + " " + p.LegalLastName).SingleAsync(ct);

    // ----- Sign-in -----

    /// <summary>Step 1: email and password. Unknown email, locked account and wrong password give one answer at one cost.</summary>
    public async Task SignInWithPasswordAsync(string? email, string? password, CancellationToken ct = default)
    {
        var errors = new List<Core.People.FieldError>();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(new("Email", "Enter your email address"));
        }

        if (string.IsNullOrEmpty(password))
        {
            errors.Add(new("Password", "Enter your password"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var now = clock.GetUtcNow();
        var normalised = PersonAccount.Normalise(email!);
        var account = await db.PersonAccounts.SingleOrDefaultAsync(a => a.NormalizedEmail == normalised, ct);
        if (account is null || account.IsLockedOut(now))
        {
            Hasher.VerifyHashedPassword(new PersonAccount(), DummyHash.Value, password!);
            await RefuseAsync(account, account is null ? "Unknown email address" : "Account locked after repeated failures", "Email", CredentialsRefused, ct);
            return;
        }

        if (Hasher.VerifyHashedPassword(account, account.PasswordHash, password!) == PasswordVerificationResult.Failed)
        {
            account.RecordFailure(now);
            await RefuseAsync(account, "Wrong password", "Email", CredentialsRefused, ct);
            return;
        }

        await SetPendingAsync(new Claim(PersonAuthentication.PendingAccountClaim, account.Id.ToString()));
    }

    public async Task<bool> HasPendingSignInAsync() =>
        (await PendingAsync())?.FindFirstValue(PersonAuthentication.PendingAccountClaim) is not null;

    /// <summary>Step 2: a code from the authenticator app, or a recovery code (each works once).</summary>
    public async Task SignInWithCodeAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("code-required", "Enter the code from your authenticator app", "Code");
        }

        var pending = await PendingAsync();
        if (!Guid.TryParse(pending?.FindFirstValue(PersonAuthentication.PendingAccountClaim), out var accountId)
            || await db.PersonAccounts.SingleOrDefaultAsync(a => a.Id == accountId, ct) is not { } account)
        {
            throw new DomainException("sign-in-expired", "Your sign-in timed out. Enter your email address and password again", "Code");
        }

        var now = clock.GetUtcNow();
        if (account.IsLockedOut(now))
        {
            await RefuseAsync(account, "Account locked after repeated failures", "Code", CodeRefused, ct);
            return;
        }

        var step = Totp.Verify(UnprotectSecret(account.ProtectedTotpSecret), code, now, account.LastTotpStep);
        var usedRecovery = step is null && account.RedeemRecoveryCode(code);
        if (step is null && !usedRecovery)
        {
            account.RecordFailure(now);
            await RefuseAsync(account, "Wrong code", "Code", CodeRefused, ct);
            return;
        }

        if (step is { } s)
        {
            account.LastTotpStep = s;
        }

        account.RecordSignIn(now);
        account.Version++;
        var name = await AccountNameAsync(account, ct);
        audit.Add(AuditAction.SignedIn, RecordType, account.Id.ToString(), account.PersonId,
            summary: usedRecovery ? $"Signed in with a recovery code ({account.RecoveryCodesLeft} left)" : null, actor: new Actor(account.Id, name, account.PersonId is null ? ActorKind.Representative : ActorKind.Person));
        await db.SaveChangesOrDuplicateAsync(ct);
        await Http.SignOutAsync(PersonAuthentication.PendingScheme);
        await Http.SignInAsync(PersonAuthentication.Scheme, PersonAuthentication.PrincipalFor(account.Id, account.PersonId, name, account.SecurityStamp, now));
    }

    private async Task RefuseAsync(PersonAccount? account, string why, string field, string message, CancellationToken ct)
    {
        if (account is not null)
        {
            account.Version++;
        }

        audit.Add(AuditAction.SignInFailed, RecordType, account?.Id.ToString(), account?.PersonId, summary: why);
        await db.SaveChangesAsync(ct);
        throw new DomainException("sign-in-refused", message, field);
    }

    // ----- Sign-out -----

    public async Task SignOutAsync(bool everywhere, CancellationToken ct = default)
    {
        var principal = (await Http.AuthenticateAsync(PersonAuthentication.Scheme)).Principal;
        if (Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId)
            && await db.PersonAccounts.SingleOrDefaultAsync(a => a.Id == accountId, ct) is { } account)
        {
            if (everywhere)
            {
                account.SignOutEverywhere();
                account.Version++;
            }

            audit.Add(AuditAction.SignedOut, RecordType, account.Id.ToString(), account.PersonId,
                summary: everywhere ? "Signed out everywhere" : null,
                actor: new Actor(account.Id, principal!.FindFirstValue(HttpContextCurrentUser.DisplayNameClaim) ?? "The person", account.PersonId is null ? ActorKind.Representative : ActorKind.Person));
            await db.SaveChangesAsync(ct);
        }

        await Http.SignOutAsync(PersonAuthentication.Scheme);
    }

    // ----- Whose record (ADR 0030) -----

    /// <summary>One record the account may see: its own, or a person's through a live grant.</summary>
    public sealed record Choice(string Value, string Name, string Why);

    /// <summary>The records the signed-in account may choose between now (live grants only).</summary>
    public async Task<IReadOnlyList<Choice>> ChoicesAsync(Guid accountId, CancellationToken ct = default)
    {
        var account = await db.PersonAccounts.AsNoTracking().SingleAsync(a => a.Id == accountId, ct);
        var choices = new List<Choice>();
        if (account.PersonId is { } own)
        {
            choices.Add(new(PersonAuthentication.Self, await DisplayNameAsync(own, ct), "Your own support"));
        }

        var today = clock.UkToday();
        var grants = await db.RecordGrants.AsNoTracking().Where(g => g.AccountId == accountId).Where(Core.Representatives.RecordGrant.LiveOn(today))
            .Join(db.People, g => g.PersonId, p => p.Id, (g, p) => new { g.Id, g.Relationship, Name = (p.PreferredName ?? p.LegalFirstName) + " " + p.LegalLastName })
            .ToListAsync(ct);
        choices.AddRange(grants.OrderBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => new Choice(g.Id.ToString(), g.Name, $"You help them as their {g.Relationship.Label().ToLowerInvariant()}")));
        return choices;
    }

    /// <summary>Chooses whose record the account sees: kept in its cookie as an opaque value, checked against live grants on every request.</summary>
    public async Task ChooseAsync(Guid accountId, string? choice, CancellationToken ct = default)
    {
        var choices = await ChoicesAsync(accountId, ct);
        if (choices.FirstOrDefault(c => c.Value == choice) is not { } chosen)
        {
            throw new DomainException("choice-required", "Select whose support you want to see", "Choice");
        }

        var account = await db.PersonAccounts.AsNoTracking().SingleAsync(a => a.Id == accountId, ct);
        var signedInAt = long.TryParse(Http.User.FindFirstValue(PersonAuthentication.SignedInAtClaim), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : clock.GetUtcNow();
        await Http.SignInAsync(PersonAuthentication.Scheme, PersonAuthentication.PrincipalFor(
            account.Id, account.PersonId, await AccountNameAsync(account, ct), account.SecurityStamp, signedInAt, chosen.Value));
    }
}
