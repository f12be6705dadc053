using Microsoft.AspNetCore.Mvc;

namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>
/// A form page that changes one record (an assessment, a review, a plan, a RAS draft). The form carries the revision it
/// was loaded from (optimistic concurrency); the page pipeline re-renders it with 400 on a validation error or a
/// refusal and with 409 on a conflict, keeping what was typed, after reloading the record through
/// <see cref="OnReloadAsync"/>: after a concurrency conflict the page takes the record's revision as saved now, so
/// saving again replaces it.
/// </summary>
/// <typeparam name="TView">What the page shows of the record, loaded by its id.</typeparam>
public abstract class RecordFormPageModel<TView> : GovukPageModel
    where TView : class
{
    /// <summary>The revision of the record the form was loaded from (optimistic concurrency).</summary>
    [BindProperty]
    public int Revision { get; set; }

    public TView View { get; private set; } = null!;

    /// <summary>A record that can no longer be changed shows no form, except to give back what someone just tried to save.</summary>
    public bool ShowForm => IsEditable(View) || HttpMethods.IsPost(Request.Method);

    /// <summary>The name of the route value (and handler argument) that holds the record's id.</summary>
    protected abstract string IdRouteValue { get; }

    /// <summary>Loads what the page shows of the record (throwing not-found when it is not there or not for this page).</summary>
    protected abstract Task<TView> LoadViewAsync(Guid id);

    /// <summary>The record's revision as saved now.</summary>
    protected abstract int RevisionOf(TView view);

    /// <summary>Whether the record may still be changed.</summary>
    protected abstract bool IsEditable(TView view);

    /// <summary>
    /// Loads the record; <paramref name="fromRecord"/> takes the revision from it (a GET, or after a conflict), otherwise
    /// the posted revision is kept.
    /// </summary>
    protected async Task LoadAsync(Guid id, bool fromRecord)
    {
        View = await LoadViewAsync(id);
        if (fromRecord)
        {
            Revision = RevisionOf(View);
        }
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>(IdRouteValue), fromRecord: reload.AfterConflict);

    /// <summary>Where saving goes instead of <paramref name="next"/> (back to check answers, say). By default, there.</summary>
    protected virtual string AfterSave(string next) => next;

    /// <summary>
    /// Saves through the service and goes on to <paramref name="next"/> (with a success banner, if given), unless the
    /// page found problems of its own. A refusal comes back to this page through the page pipeline, keeping what was typed.
    /// </summary>
    protected async Task<IActionResult> SaveAndRedirectAsync(Func<Task> save, Func<string> next, string? flash = null)
    {
        EnsureValid();
        await save();
        if (flash is not null)
        {
            Flash(flash);
        }

        return Redirect(AfterSave(next()));
    }

    /// <inheritdoc cref="SaveAndRedirectAsync(Func{Task}, Func{string}, string?)"/>
    protected Task<IActionResult> SaveAndRedirectAsync(Func<Task> save, string next, string? flash = null) =>
        SaveAndRedirectAsync(save, () => next, flash);
}
