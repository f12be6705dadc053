using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.BudgetStatements;

/// <summary>The Personal budget tab of a person's record: the s26 statement of the budget in force, and earlier budgets.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(PersonalBudgetService budgets) : GovukPageModel
{
    public PersonalBudgetOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => Overview = await budgets.OverviewAsync(id);
}
