using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.BudgetStatements;

/// <summary>The personal budget statement in plain English for the person, to print or save. Viewing it is audited.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class StatementModel(PersonalBudgetService budgets, Features.Letters.LetterService letters) : GovukPageModel
{
    public Features.Letters.LetterHeading Heading { get; private set; } = null!;

    public BudgetStatementView View { get; private set; } = null!;

    /// <summary>The date in the UK, without the time: a letter is dated, not timed.</summary>
    public static string DateOf(DateTimeOffset instant) => UkFormat.DateTime(instant).Split(" at ")[0];

    public async Task OnGetAsync(Guid budgetId)
    {
        View = await budgets.StatementAsync(budgetId);
        Heading = await letters.HeadingAsync(View.Record.Person.Id, $"BUDGET-{View.Budget.Budget.PlanNumber}", ct: HttpContext.RequestAborted) with
        {
            ShowNextReview = View.Budget.Budget.EndDate is null,
        };
    }
}
