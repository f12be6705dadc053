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
