using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

/// <summary>One indicative budget: the amounts, the working in plain English, the version used and any challenges.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class DetailsModel(IndicativeBudgetService budgets) : GovukPageModel
{
    public BudgetView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid budgetId) => View = await budgets.ViewAsync(budgetId, id);
}
