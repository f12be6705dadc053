using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

/// <summary>
/// The indicative budget explained for the person, in plain English, to print or save: the amount, that it is a
/// starting point, how it was worked out from their answers, and how to question it. Viewing it is audited.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PrintModel(IndicativeBudgetService budgets, LetterService letters) : GovukPageModel
{
    public BudgetView View { get; private set; } = null!;

    public IndicativeBudgetLetter Letter { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid budgetId)
    {
        View = await budgets.ViewAsync(budgetId, id);
        var heading = await letters.HeadingAsync(id, IndicativeBudgetLetter.Reference(View.Budget), ct: HttpContext.RequestAborted);
        Letter = new IndicativeBudgetLetter(heading, View.Budget, View.RevisedWeekly);
    }
}
