using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Features.BudgetStatements;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The person's own personal budget statement (s26), with the same heading and figures as the printed letter.</summary>
[RequirePerson(RepresentativeScopes.SeeMoney)]
public sealed class BudgetModel(PersonalBudgetService budgets, LetterService letters, MyContext my) : GovukPageModel
{
    public BudgetDecision? Current { get; private set; }

    public LetterHeading? Heading { get; private set; }

    public async Task OnGetAsync()
    {
        var personId = my.PersonId;
        Current = await budgets.PersonsOwnCurrentAsync(personId, HttpContext.RequestAborted);
        if (Current is not null)
        {
            Heading = await letters.HeadingAsync(personId, $"BUDGET-{Current.Budget.PlanNumber}", ct: HttpContext.RequestAborted) with { ShowNextReview = true };
        }
    }
}
