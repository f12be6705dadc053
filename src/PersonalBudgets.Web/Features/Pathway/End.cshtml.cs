using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>Ends the person's open pathway with a reason.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class EndModel(PersonPathwayService pathway) : GovukPageModel
{
    [BindProperty]
    public PathwayEndReason? EndReason { get; set; }

    [BindProperty]
    public string? EndNote { get; set; }

    [BindProperty]
    public Participation? Participation { get; set; }

    [BindProperty]
    public string? BestInterestsConsulted { get; set; }

    public PathwayView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        View = await pathway.LoadAsync(id);
        return View.Current is { IsOpen: true } ? Page() : RedirectToPage("/Pathway/Index", new { id });
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await pathway.LoadAsync(id);
        await pathway.EndAsync(id, EndReason, EndNote, Participation, BestInterestsConsulted);
        Flash("Pathway ended");
        return RedirectToPage("/Pathway/Index", new { id });
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await pathway.LoadAsync(reload.Get<Guid>("id"));
}
