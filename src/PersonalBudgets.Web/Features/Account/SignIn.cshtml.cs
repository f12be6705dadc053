using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.Account;

public sealed class SignInModel(SignInManager<StaffUser> signInManager, UserManager<StaffUser> userManager, AuditLog audit, IWebHostEnvironment environment) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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

        var user = await userManager.FindByEmailAsync(Email!.Trim());
        if (user is null || !user.IsActive)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, "Account", user?.Id.ToString(), summary: user is null ? "Unknown email address" : "Account deactivated");
            ModelState.AddModelError(nameof(Email), "Enter a correct email address and password");
            return Refused();
        }

        var result = await signInManager.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, "Account", user.Id.ToString(), summary: "Account locked after repeated failures");
            ModelState.AddModelError(nameof(Email), "Your account is locked because of too many failed attempts. Try again in 15 minutes or ask an administrator to unlock it");
            return Refused();
        }

        if (!result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, "Account", user.Id.ToString(), summary: "Wrong password");
            ModelState.AddModelError(nameof(Email), "Enter a correct email address and password");
            return Refused();
        }

        // At sign-in the cookie is not on this request yet, so the actor is named explicitly.
        await audit.RecordAsync(AuditAction.SignedIn, "Account", user.Id.ToString(), actor: new(user.Id, user.DisplayName));
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
