using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// Keeps what a staff member posted after their session ran out, and puts it back into the same page once they have
/// signed in again (docs/adr/0022-keeping-work-when-a-session-ends.md). The fields are encrypted with Data Protection,
/// tied to the account, kept for <see cref="SecuritySettings.KeptFormHours"/> and handed back once; passwords and the
/// antiforgery token are never kept. Nothing is applied: the user checks the page and submits it again.
/// </summary>
public sealed class KeptFormService(
    PersonalBudgetsDbContext db,
    IDataProtectionProvider protection,
    IAntiforgery antiforgery,
    TimeProvider clock,
    AuditLog audit,
    IOptions<SecuritySettings> settings)
{
    /// <summary>The query parameter naming the kept form on the page it is put back into.</summary>
    public const string QueryKey = "keptForm";

    /// <summary>Set in ViewData when a kept form was put back: the layout says so.</summary>
    public const string RestoredViewDataKey = "KeptFormRestored";

    /// <summary>Pages whose posts are never kept: signing in and out, and the session's own endpoint.</summary>
    private static readonly string[] NeverKept = ["/Account/SignIn", "/Account/SignOut", "/Account/KeepAlive"];

    private IDataProtector Protector => protection.CreateProtector("PersonalBudgets.KeptForms.v1");

    /// <summary>
    /// Keeps the fields of a form posted with a session that has just run out, when the post is a genuine one from that
    /// account (its antiforgery token was issued to the principal of the ended session). Null when nothing was kept.
    /// </summary>
    public async Task<Guid?> KeepAsync(HttpContext http, ClaimsPrincipal endedSession, CancellationToken ct)
    {
        if (!Guid.TryParse(endedSession.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId)
            || NeverKept.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // The token was issued to the signed-in principal: check it as that principal, so a forged post keeps nothing.
        var anonymous = http.User;
        http.User = endedSession;
        bool genuine;
        try
        {
            genuine = await antiforgery.IsRequestValidAsync(http);
        }
        finally
        {
            http.User = anonymous;
        }

        if (!genuine)
        {
            return null;
        }

        var form = await http.Request.ReadFormAsync(ct);
        var fields = form
            .Where(f => !IsNeverKept(f.Key))
            .ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        if (fields.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var path = http.Request.Path.Value ?? "/";
        // Expired forms of anyone go; so does an earlier form of this account on the same page (the newest is the one wanted).
        await db.KeptForms.Where(f => f.ExpiresAt < now || (f.UserId == userId && f.Path == path)).ExecuteDeleteAsync(ct);
        var kept = new KeptForm
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Path = path,
            ProtectedFields = Protector.Protect(JsonSerializer.Serialize(fields)),
            KeptAt = now,
            ExpiresAt = now.AddHours(settings.Value.KeptFormHours),
        };
        db.KeptForms.Add(kept);
        var actor = new Actor(userId, endedSession.FindFirst(HttpContextCurrentUser.DisplayNameClaim)?.Value ?? "Unknown");
        await audit.RecordAsync(AuditAction.FormKept, "KeptForm", kept.Id.ToString(), await PersonOfPathAsync(path, ct),
            summary: $"Kept {fields.Count} field{(fields.Count == 1 ? "" : "s")} posted after the session ended, until {UkFormat.DateTime(kept.ExpiresAt)}",
            actor: actor, cancellationToken: ct);
        return kept.Id;
    }

    /// <summary>
    /// The fields of the account's kept form for this page, deleted as they are handed back (once only). Null when there
    /// is none: another account's form, another page's, an expired one, or one already put back.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> TakeAsync(Guid id, Guid userId, string path, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var kept = await db.KeptForms.SingleOrDefaultAsync(f => f.Id == id && f.UserId == userId && f.ExpiresAt >= now, ct);
        if (kept is null || !string.Equals(kept.Path, path, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Dictionary<string, string[]>? fields;
        try
        {
            fields = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Protector.Unprotect(kept.ProtectedFields));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            fields = null;
        }

        db.KeptForms.Remove(kept);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditAction.FormRestored, "KeptForm", kept.Id.ToString(), await PersonOfPathAsync(kept.Path, ct),
            summary: fields is null ? "A kept form could not be read back" : $"Put back {fields.Count} field{(fields.Count == 1 ? "" : "s")} kept when the session ended",
            cancellationToken: ct);
        return fields;
    }

    /// <summary>Where to send the user to sign in again: back to the page, with the kept form named.</summary>
    public static string SignInUrl(HttpRequest request, Guid keptId)
    {
        var query = PageQuery(request.Query);
        query.Add($"{QueryKey}={keptId}");
        var returnUrl = $"{request.Path}?{string.Join('&', query)}";
        return $"/Account/SignIn?ReturnUrl={Uri.EscapeDataString(returnUrl)}&formKept=true";
    }

    /// <summary>The post's query without its handler (the page is opened, not the handler run) or an old kept-form id.</summary>
    private static List<string> PageQuery(IQueryCollection query) => query
        .Where(q => !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase) && !q.Key.Equals(QueryKey, StringComparison.OrdinalIgnoreCase))
        .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
        .ToList();

    private static bool IsNeverKept(string field) =>
        field.Equals("__RequestVerificationToken", StringComparison.Ordinal)
        || field.Contains("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>The person the page is about, from the first id in its path that names a person's record.</summary>
    private async Task<Guid?> PersonOfPathAsync(string path, CancellationToken ct)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (Guid.TryParse(segments[i + 1], out var id)
                && PersonRoutes.Kinds.TryGetValue(segments[i].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), out var kind))
            {
                return await kind.PersonOf(db, id, ct);
            }
        }

        return null;
    }
}

/// <summary>A form posted after the session ran out is kept, and the user is sent to sign in again.</summary>
public static class KeptFormMiddleware
{
    public static IApplicationBuilder UseKeptForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Items[StaffSessionService.TimedOutPrincipalItem] is ClaimsPrincipal ended
            && context.User.Identity?.IsAuthenticated != true
            && context.Request.HasFormContentType
            && !Errors.ErrorClassifier.IsApiRequest(context))
        {
            var kept = await context.RequestServices.GetRequiredService<KeptFormService>().KeepAsync(context, ended, context.RequestAborted);
            if (kept is { } id)
            {
                context.Response.Redirect(KeptFormService.SignInUrl(context.Request, id));
                return;
            }
        }

        await next(context);
    });
}

/// <summary>
/// On a page opened with a kept form's id, puts the kept fields into ModelState after the GET handler has run, so the
/// form components show them (as they show what was typed after an error). Fields stay unvalidated errors-free: the
/// page shows no errors, only a banner asking the user to check and submit again.
/// </summary>
public sealed class KeptFormPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method)
            || !Guid.TryParse(http.Request.Query[KeptFormService.QueryKey], out var id)
            || executed.Exception is not null
            || executed.Result is not (null or PageResult)
            || !Guid.TryParse(http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            return;
        }

        var fields = await http.RequestServices.GetRequiredService<KeptFormService>()
            .TakeAsync(id, userId, http.Request.Path.Value ?? "/", http.RequestAborted);
        if (fields is null)
        {
            return;
        }

        var state = context.ModelState;
        foreach (var (key, values) in fields)
        {
            state.SetModelValue(key, values, string.Join(",", values));
            state.MarkFieldValid(key);
        }

        if (context.HandlerInstance is PageModel page)
        {
            page.ViewData[KeptFormService.RestoredViewDataKey] = true;
        }
    }
}
