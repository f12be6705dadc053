using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>
/// A small form that changes a draft. The form carries the draft's revision: if someone else changed the draft since,
/// nothing is saved, the page says who, keeps what was typed and shows the draft as saved now (409).
/// </summary>
public abstract class RasDraftPageModel(RasService ras) : GovukPageModel
{
    protected RasService Ras => ras;

    /// <summary>The revision of the draft the form was loaded from.</summary>
    [BindProperty]
    public int Revision { get; set; }

    public RasVersion Version { get; private set; } = null!;

    public RasDefinition Definition { get; private set; } = null!;

    protected async Task LoadAsync(Guid id, bool setRevision)
    {
        Version = await ras.GetAsync(id);
        if (Version.Status != RasVersionStatus.Draft)
        {
            throw new DomainException("ras-version-frozen", $"Version {Version.Number} is {Version.Status.Label().ToLowerInvariant()} and cannot be changed. Create a new draft from it");
        }

        Show(setRevision);
    }

    /// <summary>
    /// Reloads the version to show beside the refusal. It may have been published meanwhile: the refusal says so,
    /// so the page shows it rather than refusing again.
    /// </summary>
    protected override async Task OnReloadAsync(PageReload reload)
    {
        Version = await ras.GetAsync(reload.Get<Guid>("id"));
        Show(reload.AfterConflict);
    }

    /// <summary>
    /// Saves, then returns to the version; on a problem (the page's own <paramref name="inputErrors"/>, or the
    /// service's) the page pipeline re-renders the form with what was typed.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(Guid id, List<FieldError> inputErrors, Func<Task> save, string done)
    {
        EnsureValid(inputErrors);
        await save();
        Flash(done);
        return RedirectToPage("/Budgets/Ras/Version", new { id });
    }

    private void Show(bool setRevision)
    {
        Definition = Version.Definition;
        if (setRevision)
        {
            Revision = Version.Revision;
        }
    }
}
