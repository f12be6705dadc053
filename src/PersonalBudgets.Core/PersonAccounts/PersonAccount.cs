using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.PersonAccounts;

public enum PersonAccountState
{
    [Display(Name = "No account")] None,
    [Display(Name = "Invited")] Invited,
    [Display(Name = "Active")] Active,
    [Display(Name = "Locked")] Locked,
}

/// <summary>
/// The online account of a person receiving support: one per person (unique index), entirely apart from staff accounts.
/// The password hash and the TOTP secret (protected by the web layer's Data Protection before it is stored) are set at
/// sign-up; recovery codes are stored hashed and each works once. Changing <see cref="SecurityStamp"/> ends every
/// session. A representative's account (ADR 0030) is the same kind of account with no <see cref="PersonId"/> of its
/// own and the holder's <see cref="DisplayName"/>; it reaches people only through their live grants. A person's own
/// account may hold grants too (a person who is also someone's carer).
/// </summary>
public sealed class PersonAccount
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public Guid Id { get; set; }
    /// <summary>The person whose own account this is; null for an account that only acts for others (a representative's).</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The holder's name when the account is not a person's own (a representative's, as the grant named them).</summary>
    public string? DisplayName { get; set; }

    public string Email { get; set; } = "";

    /// <summary>Upper-cased email, unique: sign-in looks accounts up by it.</summary>
    public string NormalizedEmail { get; set; } = "";

    public string PasswordHash { get; set; } = "";
    public string ProtectedTotpSecret { get; set; } = "";

    /// <summary>The last TOTP step accepted, so a code works once.</summary>
    public long? LastTotpStep { get; set; }

    /// <summary>Hashes of the recovery codes not yet used, separated by spaces.</summary>
    public string RecoveryCodeHashes { get; set; } = "";

    public int FailedAttempts { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public string SecurityStamp { get; set; } = NewStamp();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignedInAt { get; set; }
    public int Version { get; set; }

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    public static string Normalise(string email) => email.Trim().ToUpperInvariant();

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    /// <summary>A wrong password or code: counts it, and locks the account after <see cref="MaxFailedAttempts"/> in a row.</summary>
    public void RecordFailure(DateTimeOffset now)
    {
        FailedAttempts++;
        if (FailedAttempts >= MaxFailedAttempts)
        {
            LockoutEnd = now + LockoutDuration;
            FailedAttempts = 0;
        }
    }

    public void RecordSignIn(DateTimeOffset now)
    {
        FailedAttempts = 0;
        LockoutEnd = null;
        LastSignedInAt = now;
    }

    public void SetRecoveryCodes(IEnumerable<string> codes) =>
        RecoveryCodeHashes = string.Join(' ', codes.Select(c => OneTimeCodes.Hash(c)!));

    /// <summary>Uses a recovery code: true (and the code is gone) if it was one of the unused ones.</summary>
    public bool RedeemRecoveryCode(string? code)
    {
        if (OneTimeCodes.Hash(code) is not { } hash)
        {
            return false;
        }

        var hashes = RecoveryCodeHashes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!hashes.Remove(hash))
        {
            return false;
        }

        RecoveryCodeHashes = string.Join(' ', hashes);
        return true;
    }

    public int RecoveryCodesLeft => RecoveryCodeHashes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>"Sign out everywhere": every cookie issued before carries the old stamp and is refused.</summary>
    public void SignOutEverywhere() => SecurityStamp = NewStamp();

    /// <summary>What staff see on the person's record.</summary>
    public static PersonAccountState StateOf(PersonAccount? account, PersonInvitation? latestInvitation, DateTimeOffset now) =>
        account is not null ? (account.IsLockedOut(now) ? PersonAccountState.Locked : PersonAccountState.Active)
        : latestInvitation?.StateAt(now) == InvitationState.Waiting ? PersonAccountState.Invited
        : PersonAccountState.None;
}
