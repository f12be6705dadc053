using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>Sign-up, step 1: the code from the invitation, typed in (never in an address).</summary>
[AllowAnonymous]
[EnableRateLimiting(PersonAuthentication.RateLimitPolicy)]
public sealed class StartModel(PersonAccountService accounts) : GovukPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await accounts.AcceptCodeAsync(Code, HttpContext.RequestAborted) == PersonAccountService.CodeAccepted.AddedToAccount)
        {
            Flash("The access was added to your account. Sign in to see it");
            return Redirect(MyPaths.SignIn);
        }

        return Redirect(MyPaths.StartPassword);
    }
}
