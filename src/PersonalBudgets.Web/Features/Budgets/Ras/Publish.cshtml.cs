using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>Publish a draft: refused, with every problem listed, until the draft has none; publishing retires the previous version.</summary>
[RequirePermission(Permission.ManageRas)]
public sealed class PublishModel(RasService ras) : RasDraftPageModel(ras)
{
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public RasVersion? Current { get; private set; }

    /// <summary>What publishing changes, compared with the version in force (empty when none is published).</summary>
    public IReadOnlyList<RasDifference> Differences => Current is null ? [] : RasComparison.Compare(Current.Definition, Definition);

    public async Task OnGetAsync(Guid id) => await LoadAllAsync(id, setRevision: true);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAllAsync(id, setRevision: false);
        foreach (var p in Problems)
        {
            ModelState.AddModelError(string.Empty, p);
        }

        var retiring = Current;
        return await SaveAsync(id, [], () => Ras.PublishAsync(id, Revision),
            retiring is null ? $"Version {Version.Number} published" : $"Version {Version.Number} published. Version {retiring.Number} is retired");
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Problems = Definition.Problems();
        Current = await Ras.PublishedAsync(Version.Kind);
    }

    private async Task LoadAllAsync(Guid id, bool setRevision)
    {
        await LoadDraftAsync(id, setRevision);
        Problems = Definition.Problems();
        Current = await Ras.PublishedAsync(Version.Kind);
    }
}
