using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Errors;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Infrastructure.Database;

/// <summary>
/// <c>Idempotency-Key</c> on every API POST, so that a client that did not hear the answer (a timeout, a 503 while the
/// database restarted) can send the request again and have it applied once. The request runs in one transaction that
/// first reserves the key (the unique index on user and key makes a concurrent twin wait, then lose), then makes the
/// change, then stores the answer; the commit keeps all three or none. A repeat with the same key and the same
/// request (method, path and body) gets the stored answer, marked <c>Idempotent-Replayed: true</c>, without running
/// again; the same key with a different request is refused (422). A request that fails with an exception stores
/// nothing, so trying it again runs it again, which is safe because it changed nothing. Keys last 24 hours, and are
/// cleared lazily when their user next sends one.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context);
        }

        var key = values.ToString().Trim();
        if (key.Length is 0 or > IdempotencyRecord.KeyMaxLength || key.Any(char.IsControl))
        {
            return ErrorClassifier.Problem(StatusCodes.Status400BadRequest, "idempotency-key-invalid", "Invalid Idempotency-Key",
                $"The Idempotency-Key header must be 1 to {IdempotencyRecord.KeyMaxLength} printable characters.");
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<PersonalBudgetsDbContext>();
        var userId = services.GetRequiredService<ICurrentUser>().Id;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ct = http.RequestAborted;
        var fingerprint = await FingerprintAsync(http.Request);

        var cutoff = now - IdempotencyRecord.Lifetime;
        await db.IdempotencyRecords.Where(r => r.UserId == userId && r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        if (await FindAsync(db, userId, key, ct) is { } stored)
        {
            return Replay(stored, fingerprint);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var record = new IdempotencyRecord { Id = Guid.NewGuid(), UserId = userId, Key = key, Fingerprint = fingerprint, CreatedAt = now };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (SaveChangesOrConflictExtensions.IsUniqueViolation(ex))
        {
            // A twin with the same key got there first: answer with its result once it is stored.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await FindAsync(db, userId, key, ct) is { } first
                ? Replay(first, fingerprint)
                : ErrorClassifier.Problem(StatusCodes.Status409Conflict, "idempotency-key-in-progress", "Request in progress",
                    "A request with this Idempotency-Key is being processed. Send it again in a moment to get its result.");
        }

        db.Entry(record).State = EntityState.Detached;
        CapturedResponse response;
        try
        {
            response = await CaptureAsync(http, await next(context));
        }
        catch
        {
            // Disposing the transaction rolls it back (and does not hide this exception if the database has gone).
            db.ChangeTracker.Clear();
            throw;
        }

        if (response.StatusCode >= 500)
        {
            await transaction.RollbackAsync(ct);
            return response;
        }

        await db.IdempotencyRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.StatusCode, response.StatusCode)
            .SetProperty(r => r.ContentType, response.ContentType)
            .SetProperty(r => r.Location, response.Location)
            .SetProperty(r => r.Body, response.Body), ct);
        await transaction.CommitAsync(ct);
        return response;
    }

    private static Task<IdempotencyRecord?> FindAsync(PersonalBudgetsDbContext db, Guid userId, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    private static object Replay(IdempotencyRecord stored, string fingerprint) =>
        stored.Fingerprint != fingerprint
            ? ErrorClassifier.Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key already used",
                "This Idempotency-Key was used for a different request. Use a new key for a new request.")
            : new CapturedResponse(stored.StatusCode, stored.ContentType, stored.Location, stored.Body, Replayed: true);

    /// <summary>SHA-256 of the method, the path with its query, the person acted for in the person's area, and the body (buffered by <see cref="IdempotencyKeysExtensions.UseIdempotencyKeys"/>).</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        // In the person's area one account may act for several people (ADR 0030): a key is only replayed for the same one.
        if (PersonAuthentication.PersonIdOf(request.HttpContext.User) is { } actingFor)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{actingFor}\n"));
        }

        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            request.Body.Position = 0;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Runs the handler's result into memory, so the answer can be stored and then sent.</summary>
    private static async Task<CapturedResponse> CaptureAsync(HttpContext http, object? result)
    {
        var original = http.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            var executable = result as IResult ?? (result is null ? Results.Empty : Results.Json(result));
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Features.Set(original);
        }

        return new CapturedResponse(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
            buffer.ToArray(), Replayed: false);
    }


    private sealed record CapturedResponse(int StatusCode, string? ContentType, string? Location, byte[] Body, bool Replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCode;
            if (ContentType is not null)
            {
                response.ContentType = ContentType;
            }

            if (Location is not null)
            {
                response.Headers.Location = Location;
            }

            if (Replayed)
            {
                response.Headers[ReplayedHeader] = "true";
            }

            await response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
    }
}

public static class IdempotencyKeysExtensions
{
    /// <summary>Buffers the body of an API POST that carries an Idempotency-Key, so its fingerprint can be taken after binding.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyFilter.Header)
            && (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments("/my/api", StringComparison.OrdinalIgnoreCase)))
        {
            context.Request.EnableBuffering();
        }

        await next(context);
    });
}

public static class IdempotencyKeysOpenApi
{
    /// <summary>Documents the optional Idempotency-Key header on every API POST.</summary>
    public static Microsoft.AspNetCore.OpenApi.OpenApiOptions AddIdempotencyKeyHeader(this Microsoft.AspNetCore.OpenApi.OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (string.Equals(context.Description.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase)
                && context.Description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = IdempotencyFilter.Header,
                    In = Microsoft.OpenApi.ParameterLocation.Header,
                    Required = false,
                    Description = "A key of your choosing (a UUID, say), new for each change. Sending the same request again with the same key within 24 hours returns the first answer (with Idempotent-Replayed: true) without applying it twice; the same key with a different request is refused with 422 idempotency-key-reused.",
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = IdempotencyRecord.KeyMaxLength },
                });
            }

            return Task.CompletedTask;
        });
}
