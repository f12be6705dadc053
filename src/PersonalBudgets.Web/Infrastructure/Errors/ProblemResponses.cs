using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace PersonalBudgets.Web.Infrastructure.Errors;

/// <summary>
/// Declares, for every API endpoint, the ProblemDetails answers the one error handler can give (bad input, not signed
/// in, no permission or access, not found, conflict, too large, wrong content type), so the OpenAPI document lists
/// every status an endpoint can answer with and its content type.
/// </summary>
public static class ProblemResponses
{
    private static readonly int[] Statuses = [400, 401, 403, 404, 409, 413, 415];

    public static TBuilder ProducesTheProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            foreach (var status in Statuses)
            {
                endpoint.Metadata.Add(new ProblemResponse(status));
            }
        });
        return builder;
    }

    private sealed class ProblemResponse(int status) : IProducesResponseTypeMetadata
    {
        public Type? Type => status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);

        public int StatusCode => status;

        public string? Description => null;

        public IEnumerable<string> ContentTypes => ["application/problem+json"];
    }
}
