using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>One version: its questions, answers and conversion. Drafts are changed from here; others are read-only.</summary>
[RequirePermission(Permission.ManageRas)]
public sealed class VersionModel(RasService ras) : GovukPageModel
{
    public RasVersion Version { get; private set; } = null!;

    public RasDefinition Definition { get; private set; } = null!;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool IsDraft => Version.Status == RasVersionStatus.Draft;

    public async Task OnGetAsync(Guid id) => await LoadAsync(id);

    public Task<IActionResult> OnPostRemoveQuestionAsync(Guid id, int revision, string questionId) =>
        ActAsync(id, () => ras.RemoveQuestionAsync(id, revision, questionId), "Question removed");

    public Task<IActionResult> OnPostRemoveAnswerAsync(Guid id, int revision, string questionId, string answerId) =>
        ActAsync(id, () => ras.RemoveAnswerAsync(id, revision, questionId, answerId), "Answer removed");

    public Task<IActionResult> OnPostRemoveBandAsync(Guid id, int revision, int band) =>
        ActAsync(id, () => ras.RemoveBandAsync(id, revision, band), "Band removed");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<RasVersion>> action, string done)
    {
        await action();
        Flash(done);
        return RedirectToPage("/Budgets/Ras/Version", new { id });
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    /// <summary>The page has no fields of its own: a refusal is shown at the top.</summary>
    protected override string ErrorKey(string field) => string.Empty;

    private async Task LoadAsync(Guid id)
    {
        Version = await ras.GetAsync(id);
        Definition = Version.Definition;
        Problems = IsDraft ? Definition.Problems() : [];
    }
}
