using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The parts of the person's record they can see, one link each: a short list that works on a phone.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class RecordModel : GovukPageModel
{
    public void OnGet()
    {
    }
}
