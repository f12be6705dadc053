using Microsoft.AspNetCore.Mvc.Filters;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// Marks a page or endpoint whose route names a person but which must run without access to them: the break-glass
/// page, which is how a user without a legitimate relationship gets access. Give the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class WithoutPersonAccessAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}

/// <summary>Endpoint metadata saying the person-access endpoint filter guards the endpoint (read by the tests).</summary>
public sealed class PersonAccessMetadata
{
    public static readonly PersonAccessMetadata Instance = new();

    private PersonAccessMetadata()
    {
    }
}

/// <summary>
/// Access to a person by convention: finds every person the route names (through <see cref="PersonRoutes"/>) and
/// requires the legitimate relationship or break-glass for each, once per request, before the handler runs. An id of
/// no record is 404; a refusal is audited and answered as the error handler answers
/// <see cref="RecordAccessDeniedException"/> (the "You do not have access to this record" page with the break-glass
/// offer, or 403 ProblemDetails). A person seen through break-glass may be read, not changed: any other request is
/// refused here (403, audited). Shared by the Razor Pages filter and the minimal-API endpoint filter.
/// </summary>
public sealed class PersonAccessResolver(PersonalBudgetsDbContext db, RecordAccessService access, AuditLog audit)
{
    public async Task EnsureAsync(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<WithoutPersonAccessAttribute>() is not null)
        {
            return;
        }

        var ct = http.RequestAborted;
        foreach (var parameter in PersonRoutes.ParametersOf(endpoint.RoutePattern))
        {
            if (parameter.Kind is not { } kind)
            {
                continue;
            }

            var personId = Guid.TryParse(http.GetRouteValue(parameter.Name)?.ToString(), out var id)
                ? await kind.PersonOf(db, id, ct)
                : null;
            var person = personId ?? throw new NotFoundException(kind.Noun);
            var route = await access.EnsureAccessToExistingAsync(person, ct);
            if (route == AccessRoute.BreakGlass && !IsReading(http.Request))
            {
                // Break-glass is for reading (BreakGlassPolicy): refuse any change before the handler runs, and say so
                // in the audit trail (the entry is flagged as break-glass).
                await audit.RecordAsync(AuditAction.AccessDenied, "Person", person.ToString(), person,
                    summary: $"Change refused under break-glass: {http.Request.Method} {endpoint.RoutePattern.RawText}", cancellationToken: ct);
                throw new BreakGlassChangeRefusedException(person);
            }
        }
    }

    /// <summary>Reading requests: the only ones break-glass allows.</summary>
    public static bool IsReading(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
}

/// <summary>The person-access check for every Razor page (registered for all pages in ServiceSetup).</summary>
public sealed class PersonAccessPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var exempt = context.ActionDescriptor.HandlerTypeInfo.IsDefined(typeof(WithoutPersonAccessAttribute), inherit: true)
            || context.HandlerMethod?.MethodInfo.IsDefined(typeof(WithoutPersonAccessAttribute), inherit: true) == true;
        if (!exempt)
        {
            await context.HttpContext.RequestServices.GetRequiredService<PersonAccessResolver>().EnsureAsync(context.HttpContext);
        }

        await next();
    }
}

/// <summary>The person-access check for minimal-API endpoints (added to the /api/v1 group in ServiceSetup).</summary>
public sealed class PersonAccessEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        await context.HttpContext.RequestServices.GetRequiredService<PersonAccessResolver>().EnsureAsync(context.HttpContext);
        return await next(context);
    }
}

public static class PersonAccessConventions
{
    /// <summary>Guards every endpoint of the group (and of groups within it) with the person-access filter.</summary>
    public static TBuilder RequirePersonAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new PersonAccessEndpointFilter()).WithMetadata(PersonAccessMetadata.Instance);
}
