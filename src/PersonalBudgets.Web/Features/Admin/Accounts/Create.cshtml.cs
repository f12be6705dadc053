using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.Accounts;

/// <summary>Creates a staff account with an initial password, roles and teams.</summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class CreateModel(AccountService accounts) : GovukPageModel, IAccountForm
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public AccountInput Input { get; set; } = new();

    // Declared after Input because the field comes after it on the page: the error summary follows this order.
    [BindProperty]
    public string? Password { get; set; }

    public AccountFormOptions Options { get; private set; } = null!;

    public async Task OnGetAsync() => Options = await accounts.FormOptionsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await accounts.CreateAsync(Email, Input.ToDetails(), Password);
        Flash("Account created");
        return RedirectToPage("Details", new { id });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        Options = await accounts.FormOptionsAsync();
        if (reload.InputDidNotBind)
        {
            // Show every problem at once: the account's rules too.
            AddErrors(await accounts.CheckNewAsync(Email, Input.ToDetails(), Password));
        }

        // The password is never sent back to the browser.
        Password = null;
        AccountFormItems.ReplaceBindingMessages(ModelState);
        if (ModelState.ContainsKey(nameof(Password)))
        {
            ModelState.SetModelValue(nameof(Password), null, null);
        }
    }

    protected override string ErrorKey(string field) => AccountFormItems.Key(field);
}
