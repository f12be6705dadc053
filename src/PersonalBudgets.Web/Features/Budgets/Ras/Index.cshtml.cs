using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>The versions of the resource allocation system, newest first; administrators start a new draft here.</summary>
[RequirePermission(Permission.ManageRas)]
public sealed class IndexModel(RasService ras) : GovukPageModel
{
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Adults' or carers' system (ADR 21): each has its own versions.</summary>
    [BindProperty(SupportsGet = true)]
    public RasKind Kind { get; set; }

    public IReadOnlyList<RasVersionSummary> Versions { get; private set; } = [];

    public async Task OnGetAsync() => Versions = await ras.ListAsync(Kind);

    public async Task<IActionResult> OnPostAsync()
    {
        var draft = await ras.CreateDraftAsync(Name, Kind);
        Flash($"Draft version {draft.Number} created. It is a copy of the published version: change it, then publish it");
        return RedirectToPage("/Budgets/Ras/Version", new { id = draft.Id });
    }

    protected override async Task OnReloadAsync(PageReload reload) => Versions = await ras.ListAsync(Kind);
}
