using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.Accounts;

/// <summary>
/// One staff account: change details, roles and teams; deactivate, reactivate or unlock. Every form carries the
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

    public bool Conflict { get; private set; }

    public async Task OnGetAsync(Guid id) => await LoadAsync(id, fromAccount: true);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromAccount: false);
        var details = Input.ToDetails();
        if (!ModelState.IsValid)
        {
            AddErrors(AccountFormItems.ForFields(await accounts.CheckAsync(id, details)), nameof(Input));
            AccountFormItems.ReplaceBindingMessages(ModelState);
            return PageWithErrors();
        }

        try
        {
            var changes = await accounts.UpdateAsync(id, details, ConcurrencyStamp);
            Flash(changes.Count == 0 ? "No changes to save" : "Account updated");
            return RedirectToPage("Details", new { id });
        }
        catch (ValidationFailedException ex)
        {
            AddErrors(ex.Errors.Where(e => e.Field.Length == 0));
            AddErrors(AccountFormItems.ForFields(ex.Errors), nameof(Input));
            AccountFormItems.ReplaceBindingMessages(ModelState);
            return PageWithErrors();
        }
        catch (AccountConflictException ex)
        {
            // Nothing is lost: show what they entered beside what is saved now, and reload the form from the account.
            await LoadAsync(id, fromAccount: true);
            Unsaved = await accounts.UnsavedChangesAsync(details, Account);
            return ConflictPage(ex);
        }
    }

    public Task<IActionResult> OnPostDeactivateAsync(Guid id) =>
        ActAsync(id, () => accounts.DeactivateAsync(id, ConcurrencyStamp, Reason), "Account deactivated. The person has been signed out");

    public Task<IActionResult> OnPostReactivateAsync(Guid id) =>
        ActAsync(id, () => accounts.ReactivateAsync(id, ConcurrencyStamp, Reason), "Account reactivated");

    public Task<IActionResult> OnPostUnlockAsync(Guid id) =>
        ActAsync(id, () => accounts.UnlockAsync(id, ConcurrencyStamp), "Account unlocked. The person can sign in again");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<IReadOnlyList<FieldChange>>> action, string done)
    {
        try
        {
            await action();
            Flash(done);
            return RedirectToPage("Details", new { id });
        }
        catch (AccountConflictException ex)
        {
            await LoadAsync(id, fromAccount: true);
            return ConflictPage(ex);
        }
        catch (DomainException ex) when (ex is not NotFoundException)
        {
            await LoadAsync(id, fromAccount: true);
            if (ex is ValidationFailedException v)
            {
                AddErrors(v.Errors);
            }
            else
            {
                ModelState.AddModelError(ex.Field ?? string.Empty, ex.Message);
            }

            return PageWithErrors();
        }
    }

    private PageResult ConflictPage(AccountConflictException ex)
    {
        Conflict = true;
        ModelState.Clear();
        return PageWithConflict(ex.Message);
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
