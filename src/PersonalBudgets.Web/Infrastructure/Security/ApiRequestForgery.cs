using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;
using PersonalBudgets.Web.Infrastructure.Errors;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// Cross-site request forgery protection for the API, which is authenticated by the session cookie. A browser sends
/// that cookie with a form or a "simple" request from another site, but cannot send <c>Content-Type: application/json</c>
/// cross-origin without a CORS preflight, which this service never answers. So every state-changing request (anything
/// but GET, HEAD and OPTIONS) must declare a JSON body or carry a valid antiforgery token, whether or not it has a
/// body; otherwise it is refused with 415 before anything runs. Added once to the /api/v1 group.
/// </summary>
public sealed class ApiRequestForgeryFilter : IEndpointFilter
{
    public const string ErrorCode = "json-or-antiforgery-required";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (PersonAccessResolver.IsReading(http.Request) || IsJson(http.Request.ContentType)
            || await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return await next(context);
        }

        return ErrorClassifier.Problem(StatusCodes.Status415UnsupportedMediaType, ErrorCode, "Unsupported media type",
            "Send Content-Type: application/json (with or without a body), or a valid antiforgery token.");
    }

    /// <summary>application/json or any application/*+json type.</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.HasValue
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));
}
