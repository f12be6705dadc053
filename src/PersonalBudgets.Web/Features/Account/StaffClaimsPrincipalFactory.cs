using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Account;

/// <summary>Adds the staff member's display name to the sign-in cookie so pages and audit entries can show it.</summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> userManager, RoleManager<IdentityRole<Guid>> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HttpContextCurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
