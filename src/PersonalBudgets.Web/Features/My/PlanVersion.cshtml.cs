using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Features.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>One version of the person's own plan. The id is looked up among their own plans only: any other is not found.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class PlanVersionModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public PlanLetter Letter { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) =>
        Letter = await views.PlanVersionAsync(my.PersonId, id, HttpContext.RequestAborted);
}
