using Microsoft.AspNetCore.Authorization;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.My;

[AllowAnonymous]
public sealed class SignedOutModel : GovukPageModel
{
    public void OnGet()
    {
    }
}
