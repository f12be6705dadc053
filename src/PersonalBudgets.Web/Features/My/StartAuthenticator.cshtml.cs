using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// Sign-up, step 3: set up an authenticator app with the key shown (as text and an otpauth:// address), and prove it
/// with a code. Then the account is made, the person is signed in, and their recovery codes are shown, this once.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PersonAuthentication.RateLimitPolicy)]
public sealed class StartAuthenticatorModel(PersonAccountService accounts) : GovukPageModel
{
    public PersonAccountService.AuthenticatorSetUp? SetUp { get; private set; }

    /// <summary>Set once the account is made: shown on this response only, never stored.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        SetUp = await accounts.AuthenticatorAsync(HttpContext.RequestAborted);
        return SetUp is null ? Redirect(MyPaths.Start) : Page();
    }

    protected override async Task OnReloadAsync(PageReload reload) => SetUp = await accounts.AuthenticatorAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        RecoveryCodes = await accounts.CompleteSignUpAsync(Code, HttpContext.RequestAborted);
        return Page();
    }
}
