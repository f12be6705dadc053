using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.Account;

/// <summary>Sign-out is a POST (with antiforgery); a GET shows the signed-out page.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<StaffUser> signInManager, AuditLog audit) : PageModel
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
}
