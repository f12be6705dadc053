using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// Razor Pages puts the page's own path in the route value "page" (and the handler name in "handler"): a handler
/// parameter or bound property of that name without [FromQuery] binds the path instead of the query string, fails
/// model binding and shows the page as an error (as the approvals queue once did for "?page=2").
/// </summary>
public sealed class PageRouteValueTests
{
    private static readonly string[] Reserved = ["page", "handler"];

    [Fact]
    public void NoPageHandler_BindsAReservedRouteValueName_WithoutSayingWhereFrom()
    {
        var pageModels = typeof(GovukPageModel).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        pageModels.ShouldNotBeEmpty();

        var offenders = new List<string>();
        foreach (var type in pageModels)
        {
            foreach (var handler in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                         .Where(m => m.Name.StartsWith("On", StringComparison.Ordinal) && m.DeclaringType != typeof(PageModel)))
            {
                offenders.AddRange(handler.GetParameters()
                    .Where(p => IsReserved(p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.GetCustomAttribute<BindPropertyAttribute>()?.Name ?? p.Name)
                                && p.GetCustomAttributes().OfType<IBindingSourceMetadata>().All(a => a.BindingSource != BindingSource.Query))
                    .Select(p => $"{type.Name}.{handler.Name}({p.Name})"));
            }

            offenders.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true } bind && IsReserved(bind.Name ?? p.Name))
                .Select(p => $"{type.Name}.{p.Name}"));
        }

        offenders.ShouldBeEmpty();
    }

    private static bool IsReserved(string? name) => name is not null && Reserved.Contains(name, StringComparer.OrdinalIgnoreCase);
}
