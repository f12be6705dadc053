using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Account;

/// <summary>
/// Change your password (current, new, confirm), and sign out everywhere. Any signed-in member of staff may use it;
/// an account whose password an administrator reset is sent here before any other page.
/// </summary>
[Authorize]
public sealed class ChangePasswordModel(PasswordService passwords) : GovukPageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>An administrator reset the password: a new one must be chosen before anything else.</summary>
    public bool MustChange { get; private set; }

    public async Task OnGetAsync() => MustChange = await passwords.MustChangeAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await passwords.ChangeAsync(CurrentPassword, NewPassword, ConfirmPassword);
        Flash("Your password has been changed. Any other sessions of your account have been signed out");
        return RedirectToPage();
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        MustChange = await passwords.MustChangeAsync();
        // Never echo a password back; keep the errors beside the fields.
        foreach (var field in new[] { nameof(CurrentPassword), nameof(NewPassword), nameof(ConfirmPassword) })
        {
            ModelState.SetModelValue(field, null, null);
        }

        CurrentPassword = NewPassword = ConfirmPassword = null;
    }
}
