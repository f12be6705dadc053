using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// The person's indicative budget: the letter staff print (the amount, its working line by line), how to question it
/// (their right, what to say, whom to contact), and what happened to the times they did.
/// </summary>
[RequirePerson(RepresentativeScopes.SeeMoney)]
public sealed class IndicativeBudgetModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public MyIndicativeBudget? View { get; private set; }

    public async Task OnGetAsync() =>
        View = await views.IndicativeBudgetAsync(my.PersonId, HttpContext.RequestAborted);
}
