using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// The person's own area (ADR 0029): a sign-in scheme of its own, apart from staff Identity. Its cookie has its own
/// name and the area's path, carries the person's account, person and security stamp and nothing a staff policy
/// reads (no roles), and is checked against the account on every request: a changed stamp ("sign out everywhere")
/// or a locked account ends it. Staff cookies are never read here, and this cookie never reaches staff pages: staff
/// policies authenticate with Identity's scheme only.
/// </summary>
public static class PersonAuthentication
{
    public const string Scheme = "PersonCookie";

    /// <summary>A short-lived cookie between the steps of sign-in (password, then code) and of sign-up.</summary>
    public const string PendingScheme = "PersonPending";

    public const string Policy = "Person";

    public const string AreaPath = "/my";
    public const string CookieName = "pb-person";
    public const string PendingCookieName = "pb-person-pending";

    public const string PersonIdClaim = "pb:person";
    public const string StampClaim = "pb:person-stamp";
    public const string SignedInAtClaim = "pb:signed-in-at";

    /// <summary>Pending claims: what the next step needs.</summary>
    public const string PendingAccountClaim = "pb:pending-account";
    public const string PendingInvitationClaim = "pb:pending-invitation";
    public const string PendingPasswordHashClaim = "pb:pending-password";
    public const string PendingSecretClaim = "pb:pending-secret";

    /// <summary>The rate limit on the area's sign-in and code forms (per client address, POSTs only).</summary>
    public const string RateLimitPolicy = "person-codes";

    public static void AddPersonAuthentication(this IServiceCollection services, IWebHostEnvironment env, SecuritySettings security)
    {
        var secure = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAuthentication()
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.Path = AreaPath;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                // Idle timeout: the ticket slides with use and ends after the configured quiet time; the absolute
                // limit is checked against the sign-in time below.
                o.ExpireTimeSpan = TimeSpan.FromMinutes(security.SessionTimeoutMinutes);
                o.SlidingExpiration = true;
                o.LoginPath = AreaPath + "/sign-in";
                o.LogoutPath = AreaPath + "/sign-out";
                o.AccessDeniedPath = AreaPath + "/sign-in";
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnValidatePrincipal = ValidateAsync;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            })
            .AddCookie(PendingScheme, o =>
            {
                o.Cookie.Name = PendingCookieName;
                o.Cookie.Path = AreaPath;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(15);
                o.SlidingExpiration = false;
            });
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PersonIdClaim)));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.PersonCodeAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
        });
    }

    public static Guid? PersonIdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(PersonIdClaim)?.Value, out var id) ? id : null;

    public static bool IsPerson(ClaimsPrincipal? principal) => principal?.HasClaim(c => c.Type == PersonIdClaim) == true;

    public static ClaimsPrincipal PrincipalFor(Guid accountId, Guid personId, string displayName, string stamp, DateTimeOffset now) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, accountId.ToString()),
            new Claim(PersonIdClaim, personId.ToString()),
            new Claim(HttpContextCurrentUser.DisplayNameClaim, displayName),
            new Claim(StampClaim, stamp),
            new Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], Scheme));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var http = context.HttpContext;
        if (!Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId))
        {
            await RejectAsync(context);
            return;
        }

        var db = http.RequestServices.GetRequiredService<PersonalBudgetsDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var settings = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecuritySettings>>().Value;
        var account = await db.PersonAccounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.SecurityStamp, a.LockoutEnd, a.PersonId }).SingleOrDefaultAsync(http.RequestAborted);
        var now = clock.GetUtcNow();
        var signedInAt = long.TryParse(principal!.FindFirstValue(SignedInAtClaim), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue;
        if (account is null
            || account.SecurityStamp != principal.FindFirstValue(StampClaim)
            || account.PersonId != PersonIdOf(principal)
            || account.LockoutEnd > now
            || now - signedInAt > TimeSpan.FromHours(settings.SessionAbsoluteHours))
        {
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (Errors.ErrorClassifier.IsApiRequest(ctx.HttpContext))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Pages and endpoints of the person's area: the person's own scheme and nothing else.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequirePersonAttribute : AuthorizeAttribute
{
    public RequirePersonAttribute()
    {
        Policy = PersonAuthentication.Policy;
    }
}
