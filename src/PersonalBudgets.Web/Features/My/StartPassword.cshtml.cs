using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>Sign-up, step 2: a password (the same rules as staff passwords).</summary>
[AllowAnonymous]
[EnableRateLimiting(PersonAuthentication.RateLimitPolicy)]
public sealed class StartPasswordModel(PersonAccountService accounts) : GovukPageModel
{
    public string? Email { get; private set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Email = await accounts.SignUpEmailAsync(HttpContext.RequestAborted);
        return Email is null ? Redirect(MyPaths.Start) : Page();
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        Email = await accounts.SignUpEmailAsync(HttpContext.RequestAborted);
        Password = null;
        ConfirmPassword = null;
        ModelState.SetModelValue(nameof(Password), null, null);
        ModelState.SetModelValue(nameof(ConfirmPassword), null, null);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SetPasswordAsync(Password, ConfirmPassword, HttpContext.RequestAborted);
        return Redirect(MyPaths.StartAuthenticator);
    }
}
