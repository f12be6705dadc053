using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>Sign-in, step 2: the code from the authenticator app, or a recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(PersonAuthentication.RateLimitPolicy)]
public sealed class SignInCodeModel(PersonAccountService accounts) : GovukPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await accounts.HasPendingSignInAsync() ? Page() : Redirect(MyPaths.SignIn);

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SignInWithCodeAsync(Code, HttpContext.RequestAborted);
        return Redirect(MyPaths.Home);
    }
}
