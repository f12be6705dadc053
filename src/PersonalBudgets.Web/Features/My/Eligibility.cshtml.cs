using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Features.Eligibility;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The written record (s13) of the person's latest eligibility decision: the same letter staff print.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class EligibilityModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public WrittenRecordLetter? Letter { get; private set; }

    public async Task OnGetAsync() =>
        Letter = await views.WrittenRecordAsync(my.PersonId, HttpContext.RequestAborted);
}
