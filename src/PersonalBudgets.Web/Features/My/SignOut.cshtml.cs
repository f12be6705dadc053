using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// Sign out (POST, with antiforgery); "everywhere" ends every session of the account by changing its stamp. The page
/// needs the person's own sign-in, so the antiforgery token is checked against the same person who was given it.
/// </summary>
[RequirePerson(AnyAccount = true)]
public sealed class SignOutModel(PersonAccountService accounts) : GovukPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SignOutAsync(everywhere: false, HttpContext.RequestAborted);
        return Redirect(MyPaths.SignedOut);
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        await accounts.SignOutAsync(everywhere: true, HttpContext.RequestAborted);
        return Redirect(MyPaths.SignedOut);
    }
}
