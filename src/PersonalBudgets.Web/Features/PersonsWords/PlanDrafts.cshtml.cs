using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.PersonsWords;

/// <summary>What the person wrote for their plan in their own area: take it into the plan (who wrote it is kept) or answer to talk about it.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class PlanDraftsModel(PersonsWordsService words) : GovukPageModel
{
    [BindProperty]
    public Guid DraftId { get; set; }

    [BindProperty]
    public int DraftRevision { get; set; }

    [BindProperty]
    public int PlanRevision { get; set; }

    [BindProperty]
    public string? Reply { get; set; }

    public PlanDraftsView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid planId) => View = await words.PlanDraftsAsync(planId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAcceptAsync(Guid planId)
    {
        await words.AcceptAsync(planId, DraftId, DraftRevision, PlanRevision, HttpContext.RequestAborted);
        Flash("The person's words are in the plan, marked as written by them");
        return Redirect(Links.PlanPersonsWords(planId));
    }

    public async Task<IActionResult> OnPostDiscussAsync(Guid planId)
    {
        await words.DiscussAsync(planId, DraftId, Reply, DraftRevision, HttpContext.RequestAborted);
        Flash("Your reply is saved: the person can read it in their own area");
        return Redirect(Links.PlanPersonsWords(planId));
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await words.PlanDraftsAsync(reload.Get<Guid>("planId"), HttpContext.RequestAborted);
}
