using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Account;

public sealed class SignInModel(StaffSignInManager signInManager, AuditLog audit, IWebHostEnvironment environment) : PageModel
{
    public const string CredentialsRefused = "Enter a correct email address and password";

    /// <summary>The same for every email address, so it says nothing about whether an account exists or is locked.</summary>
    public const string LockoutRule = "If the password is wrong 5 times in a row, the account is locked for 15 minutes. An administrator can unlock it sooner.";

    /// <summary>The email and password were refused (for any reason): the page shows <see cref="LockoutRule"/>.</summary>
    public bool CredentialsWereRefused { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The session had ended when a form was posted, and what was posted is kept until the user signs in again.</summary>
    [BindProperty(SupportsGet = true)]
    public bool FormKept { get; set; }

    /// <summary>Demo accounts are listed on the page in Development only.</summary>
    public IReadOnlyList<DemoAccount> DemoAccounts => environment.IsDevelopment() ? DemoDataSeeder.Accounts : [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email address");
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Enter your password");
        }

        if (!ModelState.IsValid)
        {
            return Refused();
        }

        // One answer for an unknown email, a deactivated or locked account and a wrong password, at the same cost
        // (StaffSignInManager hashes for every attempt), so the page does not tell whether an account exists.
        var (result, user) = await signInManager.SignInByEmailAsync(Email!, Password!);
        if (!result.Succeeded)
        {
            var why = user is null ? "Unknown email address"
                : !user.IsActive ? "Account deactivated"
                : result.IsLockedOut ? "Account locked after repeated failures"
                : "Wrong password";
            await audit.RecordAsync(AuditAction.SignInFailed, "Account", user?.Id.ToString(), summary: why);
            ModelState.AddModelError(nameof(Email), CredentialsRefused);
            CredentialsWereRefused = true;
            return Refused();
        }

        // At sign-in the cookie is not on this request yet, so the actor is named explicitly.
        await audit.RecordAsync(AuditAction.SignedIn, "Account", user!.Id.ToString(), actor: new(user.Id, user.DisplayName));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Password = null;
        ModelState.SetModelValue(nameof(Password), null, null); // never echo a password back, keep its error
        return Page();
    }
}
