using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Infrastructure.Errors;

/// <summary>The one place that turns exceptions into responses: RFC 9457 ProblemDetails with a stable errorCode.</summary>
public static class ErrorClassifier
{
    public sealed record Classification(int Status, string ErrorCode, string Title, string Detail);

    public static Classification Classify(Exception exception) => exception switch
    {
        RecordAccessDeniedException e => new(StatusCodes.Status403Forbidden, e.ErrorCode, "Forbidden", e.Message),
        BreakGlassChangeRefusedException e => new(StatusCodes.Status403Forbidden, e.ErrorCode, "Forbidden", e.Message),
        NotFoundException e => new(StatusCodes.Status404NotFound, e.ErrorCode, "Not found", e.Message),
        ConcurrencyConflictException e => new(StatusCodes.Status409Conflict, e.ErrorCode, "Conflict", e.Message),
        ConflictException e => new(StatusCodes.Status409Conflict, e.ErrorCode, "Conflict", e.Message),
        ValidationFailedException e => new(StatusCodes.Status400BadRequest, e.ErrorCode, "Validation failed", "One or more fields are not valid."),
        DomainException e => new(StatusCodes.Status400BadRequest, e.ErrorCode, "Request refused", e.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new(413, "request-too-large", "Request too large", "The request body is larger than the service accepts."),
        BadHttpRequestException { InnerException: JsonException } => new(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON for this endpoint."),
        BadHttpRequestException e => new(e.StatusCode, "bad-request", "Bad request", "The request could not be read. Check the body, content type and parameters."),
        JsonException => new(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON for this endpoint."),
        _ when DatabaseUnavailable.Is(exception) => new(StatusCodes.Status503ServiceUnavailable, "service-unavailable", "Service unavailable", "The service cannot reach its database just now. Try again after the Retry-After interval, with the same Idempotency-Key for a POST so that it is applied once."),
        _ => new(500, "internal-error", "Something went wrong", "An unexpected error occurred. It has been logged; quote the trace id when reporting it."),
    };

    /// <summary>
    /// True for /api requests. While an exception is being handled the request path has been rewritten to the
    /// error page, so the original path is read from the exception feature.
    /// </summary>
    public static bool IsApiRequest(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "")
            .StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    public static string ErrorCodeForStatus(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        413 => "request-too-large",
        415 => "unsupported-media-type",
        503 => "service-unavailable",
        _ => status >= 500 ? "internal-error" : "error",
    };
}

/// <summary>Writes ProblemDetails for API requests; HTML requests fall through to the /Error page.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var c = ErrorClassifier.Classify(exception);
        if (c.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected while the database restarts: a warning, and an answer that tells the client when to try again.
            logger.LogWarning("Database unavailable ({ExceptionType}) on {Method} {Endpoint}; answered 503; trace {TraceId}", exception.GetType().Name, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName, httpContext.TraceIdentifier);
            httpContext.Response.Headers.RetryAfter = ServiceUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!ErrorClassifier.IsApiRequest(httpContext))
            {
                // Written here rather than by the error page: rendering a page signs the user in again, which needs the database.
                await ServiceUnavailable.WritePageAsync(httpContext, cancellationToken);
                return true;
            }
        }
        else if (c.Status >= 500)
        {
            // Exception type and trace only: messages can carry data values.
            logger.LogError("Unhandled {ExceptionType} on {Method} {Endpoint}; trace {TraceId}", exception.GetType().Name, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName, httpContext.TraceIdentifier);
        }

        if (!ErrorClassifier.IsApiRequest(httpContext))
        {
            return false;
        }

        httpContext.Response.StatusCode = c.Status;
        var problem = exception is ValidationFailedException v
            ? new ValidationProblemDetails(v.Errors.GroupBy(e => e.Field).ToDictionary(g => ToCamel(g.Key), g => g.Select(e => e.Message).ToArray()))
            : new ProblemDetails();
        problem.Status = c.Status;
        problem.Title = c.Title;
        problem.Detail = c.Detail;
        problem.Type = $"https://personal-budgets.example/errors/{c.ErrorCode}";
        problem.Extensions["errorCode"] = c.ErrorCode;
        if (exception is DomainException { Field: { } field })
        {
            problem.Extensions["field"] = ToCamel(field);
        }

        if (exception is ConcurrencyConflictException conflict)
        {
            problem.Extensions["changedBy"] = conflict.ChangedBy;
            problem.Extensions["changedAt"] = conflict.ChangedAt;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string ToCamel(string s) => string.IsNullOrEmpty(s) ? s : char.ToLowerInvariant(s[0]) + s[1..];
}

/// <summary>The answer while the database cannot be reached: 503 with Retry-After, and for a browser the GOV.UK page.</summary>
public static class ServiceUnavailable
{
    public const int RetryAfterSeconds = 10;

    private const string Page = """
        <!DOCTYPE html>
        <html lang="en" class="govuk-template govuk-template--rebranded">
        <head>
            <meta charset="utf-8">
            <title>Sorry, the service is unavailable - Manage personal budgets</title>
            <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
            <link rel="stylesheet" href="/assets/govuk-frontend.min.css">
        </head>
        <body class="govuk-template__body">
            <header class="govuk-template__header">
                <section aria-label="Service information" class="govuk-service-navigation">
                    <div class="govuk-width-container"><div class="govuk-service-navigation__container">
                        <span class="govuk-service-navigation__service-name"><a href="/" class="govuk-service-navigation__link">Manage personal budgets</a></span>
                    </div></div>
                </section>
            </header>
            <div class="govuk-width-container">
                <main class="govuk-main-wrapper" id="main-content">
                    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                        <h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>
                        <p class="govuk-body">The service cannot reach its records just now. Try again in a few seconds.</p>
                        <p class="govuk-body">If you were saving a form, go back and check whether your change was saved before you send it again.</p>
                    </div></div>
                </main>
            </div>
        </body>
        </html>
        """;

    public static async Task WritePageAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Page, cancellationToken);
    }
}
