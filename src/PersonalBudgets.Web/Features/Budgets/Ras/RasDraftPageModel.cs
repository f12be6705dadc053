using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>
/// A small form that changes a draft (see <see cref="RecordFormPageModel{TView}"/>): if someone else changed the draft
/// since, nothing is saved, the page says who, keeps what was typed and shows the draft as saved now (409). A refused
/// save reloads the version as it is, even if it was published meanwhile (the refusal says so).
/// </summary>
public abstract class RasDraftPageModel(RasService ras) : RecordFormPageModel<RasVersion>
{
    protected RasService Ras => ras;

    public RasVersion Version => View;

    public RasDefinition Definition => View.Definition;

    protected override string IdRouteValue => "id";

    protected override Task<RasVersion> LoadViewAsync(Guid id) => ras.GetAsync(id);

    protected override int RevisionOf(RasVersion view) => view.Revision;

    protected override bool IsEditable(RasVersion view) => view.Status == RasVersionStatus.Draft;

    /// <summary>Loads the draft to change; a version that is no longer a draft is refused.</summary>
    protected async Task LoadDraftAsync(Guid id, bool fromRecord)
    {
        await LoadAsync(id, fromRecord);
        if (!IsEditable(Version))
        {
            throw new DomainException("ras-version-frozen", $"Version {Version.Number} is {Version.Status.Label().ToLowerInvariant()} and cannot be changed. Create a new draft from it");
        }
    }

    /// <summary>
    /// Saves, then returns to the version; on a problem (the page's own <paramref name="inputErrors"/>, or the
    /// service's) the page pipeline re-renders the form with what was typed.
    /// </summary>
    protected Task<IActionResult> SaveAsync(Guid id, List<FieldError> inputErrors, Func<Task> save, string done)
    {
        EnsureValid(inputErrors);
        return SaveAndRedirectAsync(save, () => Url.Page("/Budgets/Ras/Version", new { id })!, done);
    }
}
