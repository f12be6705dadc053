using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

/// <summary>The Budget tab of a person's record: their indicative budgets, newest first.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(IndicativeBudgetService budgets) : GovukPageModel
{
    public BudgetOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => Overview = await budgets.OverviewAsync(id);
}
