using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin;

public enum AccountStatus
{
    [Display(Name = "Active")] Active,
    [Display(Name = "Deactivated")] Deactivated,
    [Display(Name = "Locked")] Locked,
}

public sealed record NamedRef(Guid Id, string Name);

public sealed record AccountListItem(
    Guid Id, string Name, string Email, string Profession, string Employer, IReadOnlyList<Role> Roles, IReadOnlyList<string> Teams, AccountStatus Status);

public sealed record AccountList(IReadOnlyList<AccountListItem> Accounts, int Page, int PageSize, int Total)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The choices an account form offers: employers and active teams.</summary>
public sealed record AccountFormOptions(IReadOnlyList<NamedRef> Employers, IReadOnlyList<NamedRef> Teams);

/// <summary>What an administrator can change on an account (email and password are set once, at creation).</summary>
public sealed record AccountDetails(
    string? DisplayName, string? JobTitle, Profession? Profession, Guid? EmployerId, IReadOnlyCollection<Role> Roles, IReadOnlyCollection<Guid> TeamIds);

public sealed record AccountHistoryItem(DateTimeOffset At, string By, string What, IReadOnlyList<FieldChange> Changes, string? Reason);

public sealed record AccountView(
    Guid Id,
    string Email,
    string DisplayName,
    string? JobTitle,
    Profession Profession,
    Guid EmployerId,
    string Employer,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<NamedRef> Teams,
    AccountStatus Status,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    int KeyWorkerFor,
    bool IsSelf,
    string ConcurrencyStamp,
    IReadOnlyList<AccountHistoryItem> History)
{
    public AccountDetails ToDetails() => new(DisplayName, JobTitle, Profession, EmployerId, Roles, Teams.Select(t => t.Id).ToList());
}

/// <summary>The account was changed by someone else since the administrator loaded it; nothing was saved.</summary>
public sealed class AccountConflictException()
    : ConflictException("account-concurrency-conflict", "This account was changed by someone else. Check the details and try again");

/// <summary>
/// Staff accounts: create, change, deactivate, reactivate and unlock, with roles and team memberships.
/// Identity's UserManager does the account work so its password, email and lockout rules apply; every change
/// is saved in one transaction with its audit entry.
/// </summary>
public sealed class AccountService(
    PersonalBudgetsDbContext db,
    UserManager<StaffUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock,
    StaffSessionService sessions)
{
    public const int PageSize = 50;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 256;
    public const int ReasonMaxLength = 1000;
    public const string RecordType = "Account";

    public async Task<AccountList> ListAsync(int page, CancellationToken cancellationToken = default)
    {
        var total = await db.Users.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var accounts = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Skip(Paging.Offset(page, PageSize)).Take(PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.Profession, u.EmployerId, u.IsActive, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var roleNames = await RoleNamesAsync(ids, cancellationToken);
        var teams = await db.TeamMemberships.Where(m => ids.Contains(m.UserId))
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.UserId, t.Name })
            .ToListAsync(cancellationToken);
        var employers = await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var now = clock.GetUtcNow();

        var items = accounts.Select(a => new AccountListItem(
                a.Id,
                a.DisplayName,
                a.Email ?? "",
                a.Profession.Label(),
                employers.GetValueOrDefault(a.EmployerId, ""),
                roleNames.GetValueOrDefault(a.Id, []),
                teams.Where(t => t.UserId == a.Id).Select(t => t.Name).Order().ToList(),
                StatusOf(a.IsActive, a.LockoutEnd, now)))
            .ToList();
        return new AccountList(items, page, PageSize, total);
    }

    public async Task<AccountFormOptions> FormOptionsAsync(CancellationToken cancellationToken = default) => new(
        await db.Organisations.OrderBy(o => o.Name).Select(o => new NamedRef(o.Id, o.Name)).ToListAsync(cancellationToken),
        await db.Teams.Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => new NamedRef(t.Id, t.Name)).ToListAsync(cancellationToken));

    public async Task<AccountView> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException("The account");
        var roleNames = await RoleNamesAsync([id], cancellationToken);
        var teams = await db.TeamMemberships.Where(m => m.UserId == id)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t)
            .OrderBy(t => t.Name)
            .Select(t => new NamedRef(t.Id, t.Name))
            .ToListAsync(cancellationToken);
        var employer = await db.Organisations.Where(o => o.Id == user.EmployerId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var keyWorkerFor = await db.People.CountAsync(p => p.KeyWorkerId == id, cancellationToken);

        var idText = id.ToString();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == RecordType && a.RecordId == idText
                && (a.Action == AuditAction.AccountCreated || a.Action == AuditAction.AccountUpdated || a.Action == AuditAction.PasswordReset))
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(20)
            .ToListAsync(cancellationToken);
        var history = entries
            .Select(e => new AccountHistoryItem(e.OccurredAt, e.UserName, e.Summary ?? e.Action.Label(), AuditLog.ReadChanges(e.Changes), e.Reason))
            .ToList();

        return new AccountView(
            user.Id,
            user.Email ?? "",
            user.DisplayName,
            user.JobTitle,
            user.Profession,
            user.EmployerId,
            employer,
            roleNames.GetValueOrDefault(id, []),
            teams,
            StatusOf(user.IsActive, user.LockoutEnd, clock.GetUtcNow()),
            user.LockoutEnd,
            user.CreatedAt,
            keyWorkerFor,
            id == currentUser.Id,
            user.ConcurrencyStamp ?? "",
            history);
    }

    /// <summary>Checks the details of a new account without saving, so the form can show every problem at once.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckNewAsync(string? email, AccountDetails details, string? password, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        errors.AddRange(await EmailErrorsAsync(email));
        errors.AddRange(await DetailErrorsAsync(details, cancellationToken));
        errors.AddRange(await PasswordErrorsAsync(email, details.DisplayName, password));
        return errors;
    }

    public async Task<Guid> CreateAsync(string? email, AccountDetails details, string? password, CancellationToken cancellationToken = default)
    {
        var errors = await CheckNewAsync(email, details, password, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var trimmedEmail = email!.Trim();
        var user = new StaffUser
        {
            Id = Guid.NewGuid(),
            UserName = trimmedEmail,
            Email = trimmedEmail,
            // Administrators create accounts for known staff at known work addresses.
            EmailConfirmed = true,
            DisplayName = details.DisplayName!.Trim(),
            JobTitle = Blank(details.JobTitle),
            Profession = details.Profession!.Value,
            EmployerId = details.EmployerId!.Value,
            IsActive = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var newRoles = details.Roles.Distinct().Order().ToList();
        var newTeams = details.TeamIds.Distinct().ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            throw new ValidationFailedException(IdentityErrors(created));
        }

        await EnsureRolesExistAsync(newRoles);
        Check(await users.AddToRolesAsync(user, newRoles.Select(r => r.ToString())));
        foreach (var teamId in newTeams)
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = user.Id });
        }

        var after = await SnapshotAsync(user.Email, user.DisplayName, user.JobTitle, user.Profession, user.EmployerId, newRoles, newTeams, true, cancellationToken);
        audit.Add(AuditAction.AccountCreated, RecordType, user.Id.ToString(), changes: Compare(AccountSnapshot.Empty, after), summary: "Account created");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user.Id;
    }

    /// <summary>Checks changed details without saving.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(Guid id, AccountDetails details, CancellationToken cancellationToken = default)
    {
        var errors = await DetailErrorsAsync(details, cancellationToken);
        if (id == currentUser.Id && !details.Roles.Contains(Role.Administrator))
        {
            errors.Add(new FieldError("Roles", "You cannot remove your own Administrator role. Ask another administrator"));
        }

        return errors;
    }

    /// <summary>
    /// Changes an account's details, roles and teams. <paramref name="concurrencyStamp"/> is the stamp the form was
    /// loaded with: if the account changed since, nothing is saved and an <see cref="AccountConflictException"/> is thrown.
    /// </summary>
    public async Task<IReadOnlyList<FieldChange>> UpdateAsync(Guid id, AccountDetails details, string? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var errors = await CheckAsync(id, details, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return await ChangeAsync(id, concurrencyStamp, null, async (user, state) =>
        {
            user.DisplayName = details.DisplayName!.Trim();
            user.JobTitle = Blank(details.JobTitle);
            user.Profession = details.Profession!.Value;
            user.EmployerId = details.EmployerId!.Value;
            var wantedRoles = details.Roles.Distinct().ToList();
            var toRemove = state.Roles.Except(wantedRoles).ToList();
            var toAdd = wantedRoles.Except(state.Roles).ToList();
            Check(await users.UpdateAsync(user));
            if (toRemove.Count > 0)
            {
                Check(await users.RemoveFromRolesAsync(user, toRemove.Select(r => r.ToString())));
            }

            if (toAdd.Count > 0)
            {
                await EnsureRolesExistAsync(toAdd);
                Check(await users.AddToRolesAsync(user, toAdd.Select(r => r.ToString())));
            }

            if (toRemove.Count > 0 || toAdd.Count > 0)
            {
                // Signed-in sessions reload the account's roles when its security stamp changes (StaffSessionService).
                Check(await users.UpdateSecurityStampAsync(user));
            }

            var wantedTeams = details.TeamIds.Distinct().ToList();
            var memberships = await db.TeamMemberships.Where(m => m.UserId == id).ToListAsync(cancellationToken);
            db.TeamMemberships.RemoveRange(memberships.Where(m => !wantedTeams.Contains(m.TeamId)));
            foreach (var teamId in wantedTeams.Where(t => memberships.All(m => m.TeamId != t)))
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = id });
            }

            return (wantedRoles, wantedTeams);
        }, cancellationToken);
    }

    /// <summary>Deactivates an account and ends its sessions (the security stamp changes, so existing cookies are refused).</summary>
    public Task<IReadOnlyList<FieldChange>> DeactivateAsync(Guid id, string? concurrencyStamp, string? reason, CancellationToken cancellationToken = default)
    {
        if (id == currentUser.Id)
        {
            throw new DomainException("account-cannot-deactivate-self", "You cannot deactivate your own account. Ask another administrator");
        }

        return ChangeAsync(id, concurrencyStamp, CheckReason(reason), async (user, state) =>
        {
            if (!user.IsActive)
            {
                throw new DomainException("account-already-deactivated", "This account is already deactivated");
            }

            user.IsActive = false;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
            await sessions.EndAllAsync(user.Id, SessionEndReason.AccountDeactivated, cancellationToken: cancellationToken);
            return (state.Roles, state.TeamIds);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<FieldChange>> ReactivateAsync(Guid id, string? concurrencyStamp, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, concurrencyStamp, CheckReason(reason), async (user, state) =>
        {
            if (user.IsActive)
            {
                throw new DomainException("account-already-active", "This account is already active");
            }

            user.IsActive = true;
            Check(await users.UpdateAsync(user));
            return (state.Roles, state.TeamIds);
        }, cancellationToken);

    public Task<IReadOnlyList<FieldChange>> UnlockAsync(Guid id, string? concurrencyStamp, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, concurrencyStamp, null, async (user, state) =>
        {
            if (user.LockoutEnd is not { } end || end <= clock.GetUtcNow())
            {
                throw new DomainException("account-not-locked", "This account is not locked");
            }

            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return (state.Roles, state.TeamIds);
        }, cancellationToken);

    /// <summary>
    /// Resets a staff member's password to a one-time password, returned once for the administrator to pass on: every
    /// session of the account ends, any lockout is cleared, and the person must choose a new password at next sign-in.
    /// The password itself is never logged or audited.
    /// </summary>
    public async Task<string> ResetPasswordAsync(Guid id, string? concurrencyStamp, string? reason, CancellationToken cancellationToken = default)
    {
        if (id == currentUser.Id)
        {
            throw new DomainException("account-cannot-reset-own-password", "You cannot reset your own password. Use Change your password");
        }

        var reasonText = CheckReason(reason);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("The account");
        if (string.IsNullOrEmpty(concurrencyStamp) || !string.Equals(user.ConcurrencyStamp, concurrencyStamp, StringComparison.Ordinal))
        {
            throw new AccountConflictException();
        }

        if (!user.IsActive)
        {
            throw new DomainException("account-deactivated", "Reactivate the account before resetting its password");
        }

        var password = OneTimePassword.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
            user.MustChangePassword = true;
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            var ended = await sessions.EndAllAsync(user.Id, SessionEndReason.PasswordReset, cancellationToken: cancellationToken);
            audit.Add(AuditAction.PasswordReset, RecordType, id.ToString(),
                summary: $"Password reset to a one-time password; {ended} session{(ended == 1 ? "" : "s")} ended", reason: reasonText);
            await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new AccountConflictException()), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return password;
        }
        catch (IdentityConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw new AccountConflictException();
        }
    }

    /// <summary>After a conflict: what the administrator entered that differs from the account as now saved.</summary>
    public async Task<IReadOnlyList<FieldChange>> UnsavedChangesAsync(AccountDetails entered, AccountView saved, CancellationToken cancellationToken = default)
    {
        var now = await SnapshotAsync(null, saved.DisplayName, saved.JobTitle, saved.Profession, saved.EmployerId, saved.Roles, saved.Teams.Select(t => t.Id).ToList(), true, cancellationToken);
        var theirs = await SnapshotAsync(null, entered.DisplayName?.Trim() ?? "", Blank(entered.JobTitle), entered.Profession ?? saved.Profession,
            entered.EmployerId ?? saved.EmployerId, entered.Roles, entered.TeamIds, true, cancellationToken);
        return Compare(now, theirs);
    }

    private sealed record CurrentState(IReadOnlyList<Role> Roles, IReadOnlyList<Guid> TeamIds);

    /// <summary>
    /// The shared shape of every change: check the stamp, apply the change inside a transaction, compare before
    /// with after, and save the audit entry with it. A stamp that moved under us (checked again by the store's
    /// concurrency token on save) refuses the whole change.
    /// </summary>
    private async Task<IReadOnlyList<FieldChange>> ChangeAsync(
        Guid id,
        string? concurrencyStamp,
        string? reason,
        Func<StaffUser, CurrentState, Task<(IReadOnlyList<Role> Roles, IReadOnlyList<Guid> TeamIds)>> apply,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("The account");
        if (string.IsNullOrEmpty(concurrencyStamp) || !string.Equals(user.ConcurrencyStamp, concurrencyStamp, StringComparison.Ordinal))
        {
            throw new AccountConflictException();
        }

        var now = clock.GetUtcNow();
        var roleNames = await RoleNamesAsync([id], cancellationToken);
        var state = new CurrentState(
            roleNames.GetValueOrDefault(id, []),
            await db.TeamMemberships.Where(m => m.UserId == id).Select(m => m.TeamId).ToListAsync(cancellationToken));
        var before = await SnapshotAsync(null, user.DisplayName, user.JobTitle, user.Profession, user.EmployerId, state.Roles, state.TeamIds, user.IsActive, cancellationToken)
            with { Locked = IsLocked(user.LockoutEnd, now) };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var (newRoles, newTeams) = await apply(user, state);
            var after = await SnapshotAsync(null, user.DisplayName, user.JobTitle, user.Profession, user.EmployerId, newRoles, newTeams, user.IsActive, cancellationToken)
                with { Locked = IsLocked(user.LockoutEnd, now) };
            var changes = Compare(before, after);
            if (changes.Count == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return changes;
            }

            audit.Add(AuditAction.AccountUpdated, RecordType, id.ToString(), changes: changes,
                summary: $"Changed {string.Join(", ", changes.Select(c => c.Field.ToLowerInvariant()))}", reason: reason);
            // A conflict here leaves the transaction uncommitted, so disposing it rolls it back.
            await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new AccountConflictException()), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changes;
        }
        catch (IdentityConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw new AccountConflictException();
        }
    }

    private async Task<List<FieldError>> EmailErrorsAsync(string? email)
    {
        var errors = new List<FieldError>();
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(new FieldError("Email", "Enter an email address"));
        }
        else if (trimmed.Length > EmailMaxLength)
        {
            errors.Add(new FieldError("Email", $"Email address must be {EmailMaxLength} characters or fewer"));
        }
        else if (!new EmailAddressAttribute().IsValid(trimmed) || trimmed.Contains(' ', StringComparison.Ordinal) || !trimmed.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(new FieldError("Email", "Enter an email address in the correct format, like name@example.com"));
        }
        else if (await users.FindByEmailAsync(trimmed) is not null)
        {
            errors.Add(new FieldError("Email", "An account with this email address already exists"));
        }

        return errors;
    }

    private async Task<List<FieldError>> DetailErrorsAsync(AccountDetails details, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = details.DisplayName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new FieldError("DisplayName", "Enter the person's full name"));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new FieldError("DisplayName", $"Full name must be {NameMaxLength} characters or fewer"));
        }

        if (details.JobTitle?.Trim() is { Length: > NameMaxLength })
        {
            errors.Add(new FieldError("JobTitle", $"Job title must be {NameMaxLength} characters or fewer"));
        }

        if (details.Profession is not { } profession || !Enum.IsDefined(profession))
        {
            errors.Add(new FieldError("Profession", "Select a profession"));
        }

        if (details.EmployerId is not { } employerId)
        {
            errors.Add(new FieldError("EmployerId", "Select an employer"));
        }
        else if (!await db.Organisations.AnyAsync(o => o.Id == employerId, cancellationToken))
        {
            errors.Add(new FieldError("EmployerId", "Select an employer from the list"));
        }

        if (details.Roles.Count == 0)
        {
            errors.Add(new FieldError("Roles", "Select at least one role"));
        }
        else if (details.Roles.Any(r => !Enum.IsDefined(r)))
        {
            errors.Add(new FieldError("Roles", "Select roles from the list"));
        }

        var teamIds = details.TeamIds.Distinct().ToList();
        if (teamIds.Count > 0 && await db.Teams.CountAsync(t => t.IsActive && teamIds.Contains(t.Id), cancellationToken) != teamIds.Count)
        {
            errors.Add(new FieldError("TeamIds", "Select teams from the list"));
        }

        return errors;
    }

    private async Task<List<FieldError>> PasswordErrorsAsync(string? email, string? displayName, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [new FieldError("Password", "Enter an initial password")];
        }

        // Identity's validators, so the one password policy decides (for this person's email and name).
        var probe = new StaffUser { UserName = email?.Trim(), Email = email?.Trim(), DisplayName = displayName?.Trim() ?? "" };
        var errors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, probe, password);
            if (!result.Succeeded)
            {
                errors.Add(new FieldError("Password", string.Join(". ", result.Errors.Select(PasswordMessage))));
            }
        }

        return errors.Count == 0 ? errors : [new FieldError("Password", string.Join(". ", errors.Select(e => e.Message)))];
    }

    /// <summary>Identity's password errors in the design system's words; anything unrecognised keeps Identity's own text.</summary>
    private static string PasswordMessage(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => error.Description.Replace("Passwords must be", "Password must be", StringComparison.Ordinal).TrimEnd('.'),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "Password must include a number",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "Password must include a capital letter",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "Password must include a lower case letter",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "Password must include a symbol",
        _ => error.Description.TrimEnd('.'),
    };

    private static string? CheckReason(string? reason)
    {
        var trimmed = Blank(reason);
        if (trimmed is { Length: > ReasonMaxLength })
        {
            throw new ValidationFailedException([new FieldError("Reason", $"Reason must be {ReasonMaxLength} characters or fewer")]);
        }

        return trimmed;
    }

    private async Task EnsureRolesExistAsync(IEnumerable<Role> wanted)
    {
        foreach (var role in wanted)
        {
            if (!await roles.RoleExistsAsync(role.ToString()))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role.ToString())));
            }
        }
    }

    private async Task<Dictionary<Guid, IReadOnlyList<Role>>> RoleNamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.UserId)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<Role>)g.Select(r => Enum.TryParse<Role>(r.Name, out var role) ? role : (Role?)null)
                    .OfType<Role>().Order().ToList());
    }

    private sealed record AccountSnapshot(
        string Email, string DisplayName, string JobTitle, string Profession, string Employer, string Roles, string Teams, string Active, string Locked)
    {
        public static readonly AccountSnapshot Empty = new("", "", "", "", "", "", "", "", "");
    }

    private async Task<AccountSnapshot> SnapshotAsync(
        string? email, string displayName, string? jobTitle, Profession profession, Guid employerId,
        IReadOnlyCollection<Role> roleList, IReadOnlyCollection<Guid> teamIds, bool isActive, CancellationToken cancellationToken)
    {
        var employer = await db.Organisations.Where(o => o.Id == employerId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var ids = teamIds.ToList();
        var teamNames = await db.Teams.Where(t => ids.Contains(t.Id)).Select(t => t.Name).ToListAsync(cancellationToken);
        return new AccountSnapshot(
            email ?? "",
            displayName,
            jobTitle ?? "",
            profession.Label(),
            employer,
            string.Join(", ", roleList.Distinct().Order().Select(r => r.Label())),
            string.Join(", ", teamNames.Order(StringComparer.Ordinal)),
            isActive ? "Yes" : "No",
            "No");
    }

    private static List<FieldChange> Compare(AccountSnapshot before, AccountSnapshot after)
    {
        var changes = new List<FieldChange>();
        void Add(string field, string b, string a)
        {
            if (!string.Equals(b, a, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, b, a));
            }
        }

        Add("Email", before.Email, after.Email);
        Add("Full name", before.DisplayName, after.DisplayName);
        Add("Job title", before.JobTitle, after.JobTitle);
        Add("Profession", before.Profession, after.Profession);
        Add("Employer", before.Employer, after.Employer);
        Add("Roles", before.Roles, after.Roles);
        Add("Teams", before.Teams, after.Teams);
        Add("Active", before.Active, after.Active);
        if (before != AccountSnapshot.Empty)
        {
            Add("Locked", before.Locked, after.Locked);
        }

        return changes;
    }

    private static AccountStatus StatusOf(bool isActive, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        !isActive ? AccountStatus.Deactivated : IsLocked(lockoutEnd, now) == "Yes" ? AccountStatus.Locked : AccountStatus.Active;

    private static string IsLocked(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd is { } end && end > now ? "Yes" : "No";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<FieldError> IdentityErrors(IdentityResult result) => result.Errors
        .Select(e => new FieldError(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
                : e.Code is "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" ? "Email" : "",
            e.Code is "DuplicateEmail" or "DuplicateUserName" ? "An account with this email address already exists" : PasswordMessage(e)))
        .ToList();

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new IdentityConcurrencyException();
        }

        throw new ValidationFailedException(IdentityErrors(result));
    }

    private sealed class IdentityConcurrencyException : Exception;
}

/// <summary>A random password an administrator passes on once; it meets the password policy and is easy to read out.</summary>
public static class OneTimePassword
{
    // No 0/o, 1/l/i: easy to read aloud and type.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string Create() => string.Join('-', Enumerable.Range(0, 4)
        .Select(_ => new string(System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(Alphabet, 4))));
}
