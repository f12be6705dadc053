using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>Requires a permission (granted by roles) for a page, endpoint or group. Deny by default.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    public RequirePermissionAttribute(Permission permission)
    {
        Permission = permission;
        Policy = PermissionPolicies.Name(permission);
    }

    public Permission Permission { get; }
}

public static class PermissionPolicies
{
    public const string Prefix = "Permission:";

    public static string Name(Permission permission) => Prefix + permission;

    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            var roles = RolePermissions.RolesGranting(permission).Select(r => r.ToString()).ToArray();
            options.AddPolicy(Name(permission), p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        // Anything without an explicit permission still needs a signed-in user; the permission matrix test
        // additionally fails for any endpoint that names no permission.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequirePermissionAttribute(permission));

    public static bool Has(this ClaimsPrincipal user, Permission permission) =>
        RolePermissions.RolesGranting(permission).Any(r => user.IsInRole(r.ToString()));

    public static IReadOnlyList<Role> Roles(this ClaimsPrincipal user) =>
        Enum.GetValues<Role>().Where(r => user.IsInRole(r.ToString())).ToList();
}
