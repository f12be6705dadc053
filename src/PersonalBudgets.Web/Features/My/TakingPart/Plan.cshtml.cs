using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>The person's plan in their own area: what it says, who wrote each part, and what they have written for it.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class PlanModel(MyPartService part, MyContext my) : GovukPageModel
{
    public MyPlan? View { get; private set; }

    public async Task OnGetAsync() => View = await part.PlanAsync(my.PersonId, HttpContext.RequestAborted);
}
