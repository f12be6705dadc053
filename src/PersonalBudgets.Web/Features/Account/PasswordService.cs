using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Account;

/// <summary>A staff member changes their own password; their other sessions end.</summary>
public sealed class PasswordService(
    PersonalBudgetsDbContext db,
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffSessionService sessions,
    AuditLog audit,
    ICurrentUser currentUser)
{
    public async Task<bool> MustChangeAsync(CancellationToken cancellationToken = default) =>
        await db.Users.Where(u => u.Id == currentUser.Id).Select(u => u.MustChangePassword).SingleOrDefaultAsync(cancellationToken);

    public async Task ChangeAsync(string? current, string? replacement, string? confirmation, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(currentUser.Id.ToString()) ?? throw new NotFoundException("Your account");
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(current))
        {
            errors.Add(new FieldError("CurrentPassword", "Enter your current password"));
        }

        if (string.IsNullOrEmpty(replacement))
        {
            errors.Add(new FieldError("NewPassword", "Enter a new password"));
        }
        else
        {
            if (string.Equals(replacement, current, StringComparison.Ordinal))
            {
                errors.Add(new FieldError("NewPassword", "Your new password must be different from your current password"));
            }
            else
            {
                foreach (var validator in users.PasswordValidators)
                {
                    var result = await validator.ValidateAsync(users, user, replacement);
                    errors.AddRange(result.Errors.Select(e => new FieldError("NewPassword", e.Description.TrimEnd('.'))));
                }
            }

            if (!string.Equals(replacement, confirmation, StringComparison.Ordinal))
            {
                errors.Add(new FieldError("ConfirmPassword", string.IsNullOrEmpty(confirmation) ? "Confirm your new password" : "The passwords do not match"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        // Counts towards the lockout like a failed sign-in, so this page cannot be used to guess a password.
        var check = await signIn.CheckPasswordSignInAsync(user, current!, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            throw new ValidationFailedException([new FieldError("CurrentPassword", "Your current password is incorrect")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await users.ChangePasswordAsync(user, current!, replacement!);
        if (!changed.Succeeded)
        {
            throw new ValidationFailedException([.. changed.Errors.Select(e => new FieldError("NewPassword", e.Description.TrimEnd('.')))]);
        }

        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                throw new ValidationFailedException([.. updated.Errors.Select(e => new FieldError("", e.Description))]);
            }
        }

        // Anyone else holding a session of this account (a shared or stolen cookie) is signed out; this session goes on.
        var ended = await sessions.EndAllAsync(user.Id, SessionEndReason.PasswordChanged, keep: StaffSessionService.SessionIdOf(currentUser.Principal), cancellationToken);
        audit.Add(AuditAction.PasswordChanged, "Account", user.Id.ToString(),
            summary: ended == 0 ? "Changed their password" : $"Changed their password; {ended} other session{(ended == 1 ? "" : "s")} ended");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Ends every session of the signed-in account, this one included.</summary>
    public async Task SignOutEverywhereAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await sessions.EndAllAsync(currentUser.Id, SessionEndReason.SignedOutEverywhere, cancellationToken: cancellationToken);
        audit.Add(AuditAction.SignedOut, "Account", currentUser.Id.ToString(), summary: $"Signed out everywhere ({ended} session{(ended == 1 ? "" : "s")})");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
