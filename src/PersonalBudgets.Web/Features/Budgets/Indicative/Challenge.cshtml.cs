using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

/// <summary>Record the person's challenge to an indicative amount, with their reason.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class ChallengeModel(IndicativeBudgetService budgets) : GovukPageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public BudgetView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid budgetId) => View = await budgets.LoadAsync(budgetId, id);

    public async Task<IActionResult> OnPostAsync(Guid id, Guid budgetId)
    {
        await budgets.RaiseChallengeAsync(budgetId, id, Reason);
        Flash("Challenge recorded. A team manager will decide it");
        return RedirectToPage("/Budgets/Indicative/Details", new { id, budgetId });
    }

    protected override async Task OnReloadAsync(PageReload reload) =>
        View = await budgets.LoadAsync(reload.Get<Guid>("budgetId"), reload.Get<Guid>("id"));
}
