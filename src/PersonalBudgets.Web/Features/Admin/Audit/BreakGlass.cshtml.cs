using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.Audit;

/// <summary>Break-glass access awaiting review, each with its own review form, and the grants already reviewed.</summary>
[RequirePermission(Permission.ViewAudit)]
public sealed class BreakGlassModel(AuditSearchService search) : GovukPageModel
{
    /// <summary>Review notes keyed by grant, so each grant's form has its own field (and unique id).</summary>
    [BindProperty]
    public Dictionary<Guid, string?> Notes { get; set; } = [];

    public BreakGlassOverview Overview { get; private set; } = null!;

    private Guid reviewing;

    public async Task OnGetAsync([FromQuery(Name = "page")] int page = 1) => await LoadAsync(page);

    public async Task<IActionResult> OnPostReviewAsync(Guid grantId)
    {
        reviewing = grantId;
        await search.ReviewAsync(grantId, Notes.GetValueOrDefault(grantId));
        Flash("Break-glass access marked as reviewed");
        return RedirectToPage();
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(1);

    /// <summary>Each grant has its own note field: a refusal belongs by the note of the grant it was about.</summary>
    protected override string ErrorKey(string field) => $"{nameof(Notes)}[{reviewing}]";

    private async Task LoadAsync(int page)
    {
        Overview = await search.BreakGlassAsync(page);
        foreach (var grant in Overview.Awaiting)
        {
            Notes.TryAdd(grant.Id, null);
        }
    }
}
