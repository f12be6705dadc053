using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The person's account: sign out of every device.</summary>
[RequirePerson(AnyAccount = true)]
public sealed class AccountModel : GovukPageModel
{
    public void OnGet()
    {
    }
}
