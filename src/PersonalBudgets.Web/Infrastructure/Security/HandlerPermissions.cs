using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using PersonalBudgets.Core.Security;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// A permission for one Razor Pages handler (say the POST that changes something), on top of the page's
/// <see cref="RequirePermissionAttribute"/> (ASP.NET Core authorises pages, not their handlers). Checked before the
/// handler is chosen, so the refusal is the page's usual one (sign-in or "You do not have permission"), and read
/// by the permission matrix test.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequireHandlerPermissionAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}

public static class HandlerPermissions
{
    /// <summary>The permission a handler declares for itself, if any (otherwise the page's applies).</summary>
    public static Permission? DeclaredBy(HandlerMethodDescriptor handler) =>
        handler.MethodInfo.GetCustomAttribute<RequireHandlerPermissionAttribute>()?.Permission;

    /// <summary>
    /// The handlers the request could run, as Razor Pages chooses them: the HTTP method's handlers named by
    /// <c>handler</c> (route value, then query), and the unnamed one. HEAD runs the GET handlers.
    /// </summary>
    public static IEnumerable<HandlerMethodDescriptor> Candidates(CompiledPageActionDescriptor page, HttpContext http)
    {
        var method = HttpMethods.IsHead(http.Request.Method) ? HttpMethods.Get : http.Request.Method;
        var name = http.GetRouteValue("handler")?.ToString();
        if (string.IsNullOrEmpty(name) && http.Request.Query.TryGetValue("handler", out var query))
        {
            name = query[0];
        }

        return page.HandlerMethods.Where(h =>
            (h.HttpMethod is null || string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase))
            && (h.Name is null || string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)));
    }
}

/// <summary>Enforces <see cref="RequireHandlerPermissionAttribute"/> for every page (registered in ServiceSetup).</summary>
public sealed class HandlerPermissionFilter : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (context.ActionDescriptor is not CompiledPageActionDescriptor page)
        {
            return;
        }

        var http = context.HttpContext;
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        foreach (var permission in HandlerPermissions.Candidates(page, http).Select(HandlerPermissions.DeclaredBy).OfType<Permission>().Distinct())
        {
            if (!(await authorization.AuthorizeAsync(http.User, PermissionPolicies.Name(permission))).Succeeded)
            {
                context.Result = http.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
                return;
            }
        }
    }
}
