using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Infrastructure.Errors;

/// <summary>The one place that turns exceptions into responses: RFC 9457 ProblemDetails with a stable errorCode.</summary>
public static partial class ErrorClassifier
{
    public sealed record Classification(int Status, string ErrorCode, string Title, string Detail);

    public static Classification Classify(Exception exception) => exception switch
    {
        // A form that could not be read (malformed multipart, too many values, a body over the limit): the client's fault.
        ValueProviderException { InnerException: BadHttpRequestException inner } => Classify(inner),
        ValueProviderException or InvalidDataException => new(400, "bad-request", "Bad request", "The form could not be read."),
        BadHttpRequestException { InnerException: JsonException j } when FieldOf(j) is not null => InvalidJsonValue,
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
        JsonException j when FieldOf(j) is not null => InvalidJsonValue,
        JsonException => new(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON for this endpoint."),
        _ when DatabaseUnavailable.Is(exception) => new(StatusCodes.Status503ServiceUnavailable, "service-unavailable", "Service unavailable", "The service cannot reach its database just now. Try again after the Retry-After interval, with the same Idempotency-Key for a POST so that it is applied once."),
        _ => new(500, "internal-error", "Something went wrong", "An unexpected error occurred. It has been logged; quote the trace id when reporting it."),
    };

    private static readonly Classification InvalidJsonValue = new(400, "validation-failed", "Validation failed", "One or more fields are not valid.");

    /// <summary>
    /// The fields a client error names, for the errors of a ProblemDetails: a JSON value of the wrong type or an unknown
    /// property (by its JSON path), or a route or query value that did not bind (by its parameter name). Never the value.
    /// </summary>
    public static IReadOnlyList<FieldError> FieldErrorsOf(Exception exception)
    {
        switch (exception)
        {
            case ValidationFailedException v:
                return v.Errors;
            case BadHttpRequestException { InnerException: JsonException j } when FieldOf(j) is { } field:
                return [new(field, $"{field} is not a valid value for this field: check its type in the API description")];
            case JsonException j when FieldOf(j) is { } field:
                return [new(field, $"{field} is not a valid value for this field: check its type in the API description")];
            case BadHttpRequestException b when ParameterOf(b.Message) is { } parameter:
                return [new(parameter, $"{parameter} is not a valid value")];
            default:
                return [];
        }
    }

    /// <summary>The JSON path of a value that was read but could not be converted; null for JSON that is not well formed.</summary>
    private static string? FieldOf(JsonException e)
    {
        // The reader's own exception (a syntax error) is a subclass the serializer does not expose.
        if (e.GetType() != typeof(JsonException) || e.Path is null)
        {
            return null;
        }

        var field = e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
        return field.Length == 0 ? null : field;
    }

    /// <summary>The parameter named by minimal APIs' binding failures ('Failed to bind parameter "int page" from "x".').</summary>
    private static string? ParameterOf(string message)
    {
        var match = ParameterPattern().Match(message);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex("^(?:Failed to bind parameter|Required parameter) \"(?:[^\" ]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    /// <summary>
    /// True for /api requests. While an exception is being handled the request path has been rewritten to the
    /// error page, so the original path is read from the exception feature.
    /// </summary>
    /// <summary>The ProblemDetails type of an error code: one address per code.</summary>
    public static string ProblemType(string errorCode) => $"https://personal-budgets.example/errors/{errorCode}";

    /// <summary>
    /// A ProblemDetails answer for a filter that refuses a request before any handler runs (the exception handler
    /// writes the same shape for exceptions).
    /// </summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string errorCode, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, type: ProblemType(errorCode),
            extensions: new Dictionary<string, object?> { ["errorCode"] = errorCode });

    public static bool IsApiRequest(HttpContext context)
    {
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        // The person's API sits inside their area (ADR 0029), where their cookie's path reaches.
        return path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/my/api/", StringComparison.OrdinalIgnoreCase);
    }

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
        else if (exception is not DomainException)
        {
            // A request the client got wrong (unreadable JSON, a bad query value): a warning, without the exception,
            // whose message can echo what was sent.
            logger.LogWarning("Client error {ErrorCode} ({Status}) from {ExceptionType} on {Method} {Endpoint}; trace {TraceId}", c.ErrorCode, c.Status, exception.GetType().Name, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName, httpContext.TraceIdentifier);
        }

        if (!ErrorClassifier.IsApiRequest(httpContext))
        {
            return false;
        }

        httpContext.Response.StatusCode = c.Status;
        var fieldErrors = ErrorClassifier.FieldErrorsOf(exception);
        var problem = fieldErrors.Count > 0
            ? new ValidationProblemDetails(fieldErrors.GroupBy(e => ToCamel(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
            : new ProblemDetails();
        problem.Status = c.Status;
        problem.Title = c.Title;
        problem.Detail = c.Detail;
        problem.Type = ErrorClassifier.ProblemType(c.ErrorCode);
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
