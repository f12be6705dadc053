using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.Accounts;

/// <summary>
/// One staff account: change details, roles and teams; deactivate, reactivate or unlock; reset the password. Every form carries the
/// account's concurrency stamp, so a change made by someone else in the meantime is never overwritten.
/// </summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class DetailsModel(AccountService accounts) : GovukPageModel, IAccountForm
{
    [BindProperty]
    public AccountInput Input { get; set; } = new();

    /// <summary>The Identity concurrency stamp of the account as the form was loaded.</summary>
    [BindProperty]
    public string? ConcurrencyStamp { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public AccountView Account { get; private set; } = null!;

    public AccountFormOptions Options { get; private set; } = null!;

    /// <summary>After a conflict: what the administrator entered that differs from the account as saved now.</summary>
    public IReadOnlyList<FieldChange> Unsaved { get; private set; } = [];

    /// <summary>Someone else changed the account since the form was loaded: the form shows the account as saved now.</summary>
    public bool ChangedMeanwhile { get; private set; }

    public async Task OnGetAsync(Guid id) => await LoadAsync(id, fromAccount: true);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var changes = await accounts.UpdateAsync(id, Input.ToDetails(), ConcurrencyStamp);
        Flash(changes.Count == 0 ? "No changes to save" : "Account updated");
        return RedirectToPage("Details", new { id });
    }

    public Task<IActionResult> OnPostDeactivateAsync(Guid id) =>
        ActAsync(id, () => accounts.DeactivateAsync(id, ConcurrencyStamp, Reason), "Account deactivated. The person has been signed out");

    public Task<IActionResult> OnPostReactivateAsync(Guid id) =>
        ActAsync(id, () => accounts.ReactivateAsync(id, ConcurrencyStamp, Reason), "Account reactivated");

    /// <summary>Set only in the response to a reset: the one-time password, shown once and never stored or redirected with.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id)
    {
        var password = await accounts.ResetPasswordAsync(id, ConcurrencyStamp, Reason);
        // Shown in this response only (no redirect, no TempData), and never cached.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(id, fromAccount: true);
        OneTimePassword = password;
        return Page();
    }

    public Task<IActionResult> OnPostUnlockAsync(Guid id) =>
        ActAsync(id, () => accounts.UnlockAsync(id, ConcurrencyStamp), "Account unlocked. The person can sign in again");

    protected override async Task OnReloadAsync(PageReload reload)
    {
        var id = reload.Get<Guid>("id");
        var details = Input.ToDetails();
        if (reload.Refusal is AccountConflictException conflict)
        {
            // Nothing is lost: show what they entered beside what is saved now, and reload the form from the account.
            await LoadAsync(id, fromAccount: true);
            if (reload.Handler is null)
            {
                Unsaved = await accounts.UnsavedChangesAsync(details, Account);
            }

            ChangedMeanwhile = true;
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, conflict.Message);
            return;
        }

        // The account's own form keeps what was typed; the deactivate, reactivate and unlock forms show the account.
        await LoadAsync(id, fromAccount: reload.Handler is not null);
        if (reload.Handler is null)
        {
            if (reload.InputDidNotBind)
            {
                // Show every problem at once: the account's rules too.
                AddErrors(AccountFormItems.ForFields(await accounts.CheckAsync(id, details)), nameof(Input));
            }

            AccountFormItems.ReplaceBindingMessages(ModelState);
        }
    }

    protected override string ErrorKey(string field) => AccountFormItems.Key(field);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<IReadOnlyList<FieldChange>>> action, string done)
    {
        await action();
        Flash(done);
        return RedirectToPage("Details", new { id });
    }

    private async Task LoadAsync(Guid id, bool fromAccount)
    {
        Account = await accounts.GetAsync(id);
        Options = await accounts.FormOptionsAsync();
        if (fromAccount)
        {
            Input = AccountInput.From(Account.ToDetails());
            ConcurrencyStamp = Account.ConcurrencyStamp;
            Reason = null;
        }
    }
}
