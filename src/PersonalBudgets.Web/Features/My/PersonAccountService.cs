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

    /// <summary>Step 1: the invitation code. Exchanged for a short-lived cookie; the code never travels again.</summary>
    public async Task AcceptCodeAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("code-required", "Enter the code from your letter or email", "Code");
        }

        var invitation = await FindUsableInvitationAsync(OneTimeCodes.Hash(code), ct);
        await SetPendingAsync(new Claim(PersonAuthentication.PendingInvitationClaim, invitation.Id.ToString()));
    }

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
    public async Task<string?> SignUpEmailAsync(CancellationToken ct = default) => (await PendingInvitationAsync(ct))?.Email;

    /// <summary>Step 2: the password, checked by the staff password policy, kept hashed in the pending cookie.</summary>
    public async Task SetPasswordAsync(string? password, string? confirm, CancellationToken ct = default)
    {
        var invitation = await PendingInvitationAsync(ct) ?? throw new DomainException("sign-up-expired", "Your sign-up timed out. Enter your code again", "Password");
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
            new Claim(PersonAuthentication.PendingInvitationClaim, invitation.Id.ToString()),
            new Claim(PersonAuthentication.PendingPasswordHashClaim, Hasher.HashPassword(new PersonAccount(), password)),
            new Claim(PersonAuthentication.PendingSecretClaim, Base32.Encode(Totp.NewSecret())));
    }

    public sealed record AuthenticatorSetUp(string Email, string Key, string KeyUri);

    /// <summary>Step 3: the key to put in an authenticator app (null: start again).</summary>
    public async Task<AuthenticatorSetUp?> AuthenticatorAsync(CancellationToken ct = default)
    {
        var pending = await PendingAsync();
        var invitation = await PendingInvitationAsync(ct);
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
        var invitation = await PendingInvitationAsync(ct);
        var secretText = pending?.FindFirstValue(PersonAuthentication.PendingSecretClaim);
        var passwordHash = pending?.FindFirstValue(PersonAuthentication.PendingPasswordHashClaim);
        if (invitation is null || secretText is null || passwordHash is null)
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
        var name = await DisplayNameAsync(account.PersonId, ct);
        audit.Add(AuditAction.SignedIn, RecordType, account.Id.ToString(), account.PersonId,
            summary: usedRecovery ? $"Signed in with a recovery code ({account.RecoveryCodesLeft} left)" : null, actor: new Actor(account.Id, name, ActorKind.Person));
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
                actor: new Actor(account.Id, principal!.FindFirstValue(HttpContextCurrentUser.DisplayNameClaim) ?? "The person", ActorKind.Person));
            await db.SaveChangesAsync(ct);
        }

        await Http.SignOutAsync(PersonAuthentication.Scheme);
    }
}
