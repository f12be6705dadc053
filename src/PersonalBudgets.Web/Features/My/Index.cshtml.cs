using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The person's home: where they are now, who has the next step and by when, how to reach the team, and what happened before.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class IndexModel(MyRecordService records, MyContext my) : GovukPageModel
{
    public MyOverview View { get; private set; } = null!;

    public async Task OnGetAsync() =>
        View = await records.OverviewAsync(my.PersonId, HttpContext.RequestAborted);
}
