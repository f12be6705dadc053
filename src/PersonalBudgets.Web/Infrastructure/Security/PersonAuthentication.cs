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

    /// <summary>
    /// The person the request acts for. In the cookie, a person's own account carries its person; for every request it
    /// is resolved again (<see cref="ValidateAsync"/>): the account's own person, or the person of the chosen live grant.
    /// </summary>
    public const string PersonIdClaim = "pb:person";
    public const string StampClaim = "pb:person-stamp";
    public const string SignedInAtClaim = "pb:signed-in-at";

    /// <summary>In the cookie: whose record the account chose ("self" or a grant's id, an opaque value checked on every request).</summary>
    public const string ActingForClaim = "pb:acting-for";

    /// <summary>Resolved per request (never trusted from the cookie): the live grant acted under, its scopes, and how many records the account may choose between.</summary>
    public const string GrantClaim = "pb:grant";
    public const string ScopesClaim = "pb:scopes";
    public const string ChoicesClaim = "pb:choices";

    private static readonly string[] ResolvedClaims = [PersonIdClaim, GrantClaim, ScopesClaim, ChoicesClaim];

    /// <summary>Pending claims: what the next step needs.</summary>
    public const string PendingAccountClaim = "pb:pending-account";
    public const string PendingInvitationClaim = "pb:pending-invitation";
    public const string PendingGrantClaim = "pb:pending-grant";
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
                o.Events.OnRedirectToAccessDenied = AccessDenied;
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
        // What a page or endpoint lets in (the person only, a representative with a scope, any account) is read from
        // its metadata by one requirement (ADR 0030): a page that declares nothing is the person's own.
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new MyAccessRequirement())));
        services.AddSingleton<IAuthorizationHandler, MyAccessHandler>();
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

    /// <summary>The account id of the area's cookie, whoever it acts for.</summary>
    public static Guid? AccountIdOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.AuthenticationType == Scheme && Guid.TryParse(principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;

    /// <summary>The cookie's principal. A person's own account carries its person; an account that only acts for others does not.</summary>
    public static ClaimsPrincipal PrincipalFor(Guid accountId, Guid? personId, string displayName, string stamp, DateTimeOffset now, string? actingFor = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, accountId.ToString()),
            new(HttpContextCurrentUser.DisplayNameClaim, displayName),
            new(StampClaim, stamp),
            new(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (personId is { } id)
        {
            claims.Add(new(PersonIdClaim, id.ToString()));
        }

        if (actingFor is not null)
        {
            claims.Add(new(ActingForClaim, actingFor));
        }

        return new(new ClaimsIdentity(claims, Scheme));
    }

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
            || account.PersonId != (Guid.TryParse(principal.FindFirstValue(PersonIdClaim), out var own) ? own : null)
            || account.LockoutEnd > now
            || now - signedInAt > TimeSpan.FromHours(settings.SessionAbsoluteHours))
        {
            await RejectAsync(context);
            return;
        }

        // Whose record this request acts for, from live grants only (ADR 0030): an ended, expired or not-yet-started
        // grant stops working on the next request, whatever the cookie says.
        var today = Core.Common.UkTime.DateOf(now);
        var grants = await db.RecordGrants.AsNoTracking().Where(g => g.AccountId == accountId)
            .Where(Core.Representatives.RecordGrant.LiveOn(today))
            .Select(g => new { g.Id, g.PersonId, g.Scopes }).ToListAsync(http.RequestAborted);
        var choice = principal.FindFirstValue(ActingForClaim);
        var chosen = Guid.TryParse(choice, out var grantId) ? grants.SingleOrDefault(g => g.Id == grantId)
            : choice is null && account.PersonId is null && grants.Count == 1 ? grants[0]
            : null;
        var identity = new ClaimsIdentity(principal.Claims.Where(c => !ResolvedClaims.Contains(c.Type)), Scheme);
        identity.AddClaim(new Claim(ChoicesClaim, (grants.Count + (account.PersonId is null ? 0 : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (chosen is not null)
        {
            identity.AddClaim(new Claim(PersonIdClaim, chosen.PersonId.ToString()));
            identity.AddClaim(new Claim(GrantClaim, chosen.Id.ToString()));
            identity.AddClaim(new Claim(ScopesClaim, ((int)chosen.Scopes).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        else if (account.PersonId is { } self && (choice is null || choice == Self))
        {
            identity.AddClaim(new Claim(PersonIdClaim, self.ToString()));
            identity.AddClaim(new Claim(ScopesClaim, ((int)Core.Representatives.RepresentativeScopes.All).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        context.ReplacePrincipal(new ClaimsPrincipal(identity));
    }

    /// <summary>The choice of an account's own record.</summary>
    public const string Self = "self";

    /// <summary>Whether the request acts under a grant (a representative), not as the person themselves.</summary>
    public static bool IsRepresentative(ClaimsPrincipal? principal) => principal?.HasClaim(c => c.Type == GrantClaim) == true;

    public static Core.Representatives.RepresentativeScopes ScopesOf(ClaimsPrincipal? principal) =>
        int.TryParse(principal?.FindFirstValue(ScopesClaim), out var s) ? (Core.Representatives.RepresentativeScopes)s : Core.Representatives.RepresentativeScopes.None;

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    /// <summary>
    /// Signed in but not let in: an account that has not chosen whose record to see goes to choose; otherwise a page or
    /// endpoint outside what the grant allows (or the person's own) is a 403, the same for pages and the API.
    /// </summary>
    private static Task AccessDenied(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        if (!IsPerson(ctx.HttpContext.User) && !Errors.ErrorClassifier.IsApiRequest(ctx.HttpContext))
        {
            ctx.Response.Redirect(AreaPath + "/choose");
            return Task.CompletedTask;
        }

        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
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

/// <summary>
/// Who a page or endpoint of the person's area lets in (ADR 0030). Declared by <see cref="RequirePersonAttribute"/> on a
/// page, or <see cref="MyAccessExtensions.AllowRepresentatives"/> on an endpoint; the most specific declaration wins.
/// </summary>
public interface IMyAccessMetadata
{
    /// <summary>Null: the person only. A scope: the person, or a representative whose live grant has it.</summary>
    Core.Representatives.RepresentativeScopes? Scope { get; }

    /// <summary>Any signed-in account of the area, before it has chosen whose record (its account, choosing, signing out).</summary>
    bool AnyAccount { get; }
}

/// <summary>
/// Pages of the person's area: the person's own scheme and nothing else. With no argument the page is the person's
/// own (representatives get 403); <c>[RequirePerson(RepresentativeScopes.SeeMoney)]</c> lets in representatives whose
/// grant allows it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequirePersonAttribute : AuthorizeAttribute, IMyAccessMetadata
{
    public RequirePersonAttribute()
    {
        Policy = PersonAuthentication.Policy;
    }

    public RequirePersonAttribute(Core.Representatives.RepresentativeScopes scope)
        : this()
    {
        Scope = scope;
    }

    public Core.Representatives.RepresentativeScopes? Scope { get; }

    /// <summary>Set for the account's own pages (its account, choosing whose record, signing out).</summary>
    public bool AnyAccount { get; set; }
}

public sealed record MyAccessMetadata(Core.Representatives.RepresentativeScopes? Scope, bool AnyAccount = false) : IMyAccessMetadata;

public static class MyAccessExtensions
{
    /// <summary>Lets representatives whose live grant has <paramref name="scope"/> use the endpoint (otherwise it is the person's own).</summary>
    public static TBuilder AllowRepresentatives<TBuilder>(this TBuilder builder, Core.Representatives.RepresentativeScopes scope)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new MyAccessMetadata(scope));
}

public sealed class MyAccessRequirement : IAuthorizationRequirement;

/// <summary>The one check of the person's area (ADR 0030), over the claims resolved for this request from live grants.</summary>
public sealed class MyAccessHandler : AuthorizationHandler<MyAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MyAccessRequirement requirement)
    {
        var endpoint = context.Resource switch
        {
            HttpContext http => http.GetEndpoint(),
            Endpoint e => e,
            _ => null,
        };
        var declared = endpoint?.Metadata.GetOrderedMetadata<IMyAccessMetadata>();
        var access = declared is { Count: > 0 } ? declared[^1] : null;
        var user = context.User;
        if (PersonAuthentication.AccountIdOf(user) is null)
        {
            return Task.CompletedTask;
        }

        var allowed = access?.AnyAccount == true
            || (PersonAuthentication.IsPerson(user) && (
                !PersonAuthentication.IsRepresentative(user)
                || (access?.Scope is { } scope && (PersonAuthentication.ScopesOf(user) & scope) == scope)));
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
