using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The person's plan now (the approved version, else the newest) as the printed letter, and every version.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class PlanModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public MyPlans View { get; private set; } = null!;

    public async Task OnGetAsync() =>
        View = await views.PlansAsync(my.PersonId, HttpContext.RequestAborted);
}
