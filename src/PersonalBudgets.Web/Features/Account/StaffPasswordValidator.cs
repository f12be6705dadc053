using Microsoft.AspNetCore.Identity;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Account;

/// <summary>Identity's password check is <see cref="PasswordPolicy"/>, for the account's own email and name.</summary>
public sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    public const string ErrorCode = "PasswordPolicy";

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var problems = PasswordPolicy.Default.Check(password, user.Email, user.DisplayName);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. problems.Select(p => new IdentityError { Code = ErrorCode, Description = p })]));
    }
}
