using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.Account;

/// <summary>
/// Sign-out is a POST (with antiforgery); a GET shows the signed-out page. Signing out ends the session on the
/// server, so a copy of the cookie no longer works; "everywhere" ends every session of the account.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<StaffUser> signInManager, PasswordService passwords, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(AuditAction.SignedOut, "Account", null);
        }

        await signInManager.SignOutAsync();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await passwords.SignOutEverywhereAsync();
        }

        await signInManager.SignOutAsync();
        return RedirectToPage();
    }
}
