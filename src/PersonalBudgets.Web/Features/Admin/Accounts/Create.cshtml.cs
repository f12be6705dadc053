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
        Options = await accounts.FormOptionsAsync();
        try
        {
            if (ModelState.IsValid)
            {
                var id = await accounts.CreateAsync(Email, Input.ToDetails(), Password);
                Flash("Account created");
                return RedirectToPage("Details", new { id });
            }

            ShowErrors(await accounts.CheckNewAsync(Email, Input.ToDetails(), Password));
        }
        catch (ValidationFailedException ex)
        {
            ShowErrors(ex.Errors);
        }

        // The password is never sent back to the browser.
        Password = null;
        AccountFormItems.ReplaceBindingMessages(ModelState);
        if (ModelState.ContainsKey(nameof(Password)))
        {
            ModelState.SetModelValue(nameof(Password), null, null);
        }

        return PageWithErrors();
    }

    private void ShowErrors(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        AddErrors(list.Where(e => e.Field is nameof(Email) or nameof(Password) or ""));
        AddErrors(AccountFormItems.ForFields(list, nameof(Email), nameof(Password)), "Input");
    }
}
