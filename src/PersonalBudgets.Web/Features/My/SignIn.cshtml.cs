using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>Sign-in, step 1: email address and password. Rate limited; a locked account gets the same answer.</summary>
[AllowAnonymous]
[EnableRateLimiting(PersonAuthentication.RateLimitPolicy)]
public sealed class SignInModel(PersonAccountService accounts) : GovukPageModel
{
    public const string LockoutRule = "If you get it wrong 5 times, you must wait 15 minutes before you try again.";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    /// <summary>A refused sign-in never echoes the password back; its error stays.</summary>
    protected override Task OnReloadAsync(PageReload reload)
    {
        Password = null;
        ModelState.SetModelValue(nameof(Password), null, null);
        return Task.CompletedTask;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SignInWithPasswordAsync(Email, Password, HttpContext.RequestAborted);
        return Redirect(MyPaths.SignInCode);
    }
}
