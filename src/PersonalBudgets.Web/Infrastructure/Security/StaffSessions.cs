using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// Server-side staff sessions. Sign-in starts a <see cref="StaffSession"/> row and puts its id in the cookie; every
/// request checks that row (one query by primary key, joined to the account), so a session ended on the server
/// (sign-out, sign-out everywhere, deactivation, password change or reset) or idle or too old is refused even when
/// someone replays a cookie saved before. The row's last-seen time is written at most once a minute, not on every request.
/// </summary>
public sealed class StaffSessionService(PersonalBudgetsDbContext db, TimeProvider clock, IOptions<SecuritySettings> settings)
{
    public const string SessionIdClaim = "pb:session";

    /// <summary>Set on the request when the signed-in account must choose a new password before doing anything else.</summary>
    public const string MustChangePasswordItem = "pb:must-change-password";

    /// <summary>How stale the last-seen time may get before a request writes it.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(settings.Value.SessionTimeoutMinutes);

    public TimeSpan AbsoluteTimeout => TimeSpan.FromHours(settings.Value.SessionAbsoluteHours);

    /// <summary>The claims a refreshed principal keeps from the old one: its session and how the person signed in.</summary>
    public static IEnumerable<Claim> CarriedClaims(ClaimsPrincipal principal) =>
        principal.Claims.Where(c => c.Type is SessionIdClaim or "amr").Select(c => new Claim(c.Type, c.Value));

    public static Guid? SessionIdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(SessionIdClaim)?.Value, out var id) ? id : null;

    public async Task<Guid> StartAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var session = new StaffSession { Id = Guid.NewGuid(), UserId = userId, CreatedAt = now, LastSeenAt = now };
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    public Task<int> EndAsync(Guid sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return db.StaffSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    /// <summary>Ends every open session of the account, except <paramref name="keep"/> if given. Runs in the caller's transaction.</summary>
    public Task<int> EndAllAsync(Guid userId, SessionEndReason reason, Guid? keep = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return db.StaffSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    /// <summary>
    /// The outcome of a session check. <paramref name="EndsAt"/> is when the live session will end if nothing else is
    /// done (idle or absolute limit, whichever is first); <paramref name="TimedOut"/> says that a refused session ended
    /// by running out of time (idle or too old), not by sign-out, deactivation or a password change.
    /// </summary>
    public sealed record Check(bool IsLive, bool StampChanged, bool MustChangePassword, Guid UserId, DateTimeOffset EndsAt = default, bool TimedOut = false);

    /// <summary>Whether the principal's session is still live, ending it on the server if it has just expired.</summary>
    public async Task<Check> CheckAsync(ClaimsPrincipal principal, string securityStampClaimType, CancellationToken cancellationToken = default)
    {
        var refused = new Check(false, false, false, Guid.Empty);
        if (SessionIdOf(principal) is not { } sessionId
            || !Guid.TryParse(principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            return refused;
        }

        var row = await db.StaffSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new
            {
                s.UserId, s.CreatedAt, s.LastSeenAt, s.EndedAt, s.EndReason, u.IsActive, u.SecurityStamp, u.MustChangePassword,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || row.UserId != userId)
        {
            return refused;
        }

        if (row.EndedAt is not null)
        {
            return refused with { UserId = userId, TimedOut = row.IsActive && row.EndReason is SessionEndReason.IdleTimeout or SessionEndReason.Expired };
        }

        var now = clock.GetUtcNow();
        SessionEndReason? end = !row.IsActive ? SessionEndReason.AccountDeactivated
            : now - row.LastSeenAt > IdleTimeout ? SessionEndReason.IdleTimeout
            : now - row.CreatedAt > AbsoluteTimeout ? SessionEndReason.Expired
            : null;
        if (end is { } reason)
        {
            await EndAsync(sessionId, reason, cancellationToken);
            return refused with { UserId = userId, TimedOut = reason is SessionEndReason.IdleTimeout or SessionEndReason.Expired };
        }

        var lastSeen = row.LastSeenAt;
        if (now - row.LastSeenAt >= LastSeenResolution)
        {
            await db.StaffSessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            lastSeen = now;
        }

        var stamp = principal.FindFirst(securityStampClaimType)?.Value;
        return new Check(true, !string.Equals(stamp, row.SecurityStamp, StringComparison.Ordinal), row.MustChangePassword, row.UserId,
            EndsAtOf(row.CreatedAt, lastSeen));
    }

    private DateTimeOffset EndsAtOf(DateTimeOffset createdAt, DateTimeOffset lastSeenAt)
    {
        var idle = lastSeenAt + IdleTimeout;
        var absolute = createdAt + AbsoluteTimeout;
        return idle < absolute ? idle : absolute;
    }

    /// <summary>
    /// "Stay signed in": marks the session as seen now (whatever the last-seen resolution) and says when it will now
    /// end. Null when the session is not live.
    /// </summary>
    public async Task<DateTimeOffset?> ExtendAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var updated = await db.StaffSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        var createdAt = await db.StaffSessions.Where(s => s.Id == sessionId).Select(s => s.CreatedAt).SingleAsync(cancellationToken);
        return EndsAtOf(createdAt, now);
    }

    /// <summary>Set on the request: when the live session ends if the user does nothing (for the timeout warning).</summary>
    public const string EndsAtItem = "pb:session-ends-at";

    /// <summary>
    /// Set on the request when the cookie's session has just run out of time (idle or too old): the principal it
    /// carried, so that what the request posts can be kept for the same account (<see cref="KeptFormService"/>).
    /// </summary>
    public const string TimedOutPrincipalItem = "pb:timed-out-principal";

    /// <summary>
    /// The cookie's principal check, run on every request in place of Identity's security-stamp validator: the session
    /// query above also reads the account's security stamp, so the user and roles are reloaded only when the stamp
    /// changed (role changes update it), not on every request.
    /// </summary>
    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var sessions = http.RequestServices.GetRequiredService<StaffSessionService>();
        var identity = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var check = await sessions.CheckAsync(principal, identity.ClaimsIdentity.SecurityStampClaimType, http.RequestAborted);
        if (!check.IsLive)
        {
            if (check.TimedOut)
            {
                http.Items[TimedOutPrincipalItem] = principal;
            }

            await RejectAsync(context);
            return;
        }

        if (check.MustChangePassword)
        {
            http.Items[MustChangePasswordItem] = true;
        }

        http.Items[EndsAtItem] = check.EndsAt;

        if (check.StampChanged)
        {
            var signIn = http.RequestServices.GetRequiredService<SignInManager<StaffUser>>();
            var user = await signIn.UserManager.FindByIdAsync(check.UserId.ToString());
            if (user is null)
            {
                await RejectAsync(context);
                return;
            }

            var refreshed = await signIn.CreateUserPrincipalAsync(user);
            ((ClaimsIdentity)refreshed.Identity!).AddClaims(CarriedClaims(principal));
            context.ReplacePrincipal(refreshed);
            context.ShouldRenew = true;
        }
    }
}

/// <summary>
/// Identity's sign-in manager with server-side sessions: each sign-in starts a session, sign-out ends it; and a
/// password attempt for an unknown, deactivated or locked account costs the same hashing as one for a real account,
/// so neither the answer nor its timing tells whether an account exists.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    StaffSessionService sessions)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly Lock DummyGate = new();
    private static string? dummyHash;

    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (!claims.Exists(c => c.Type == StaffSessionService.SessionIdClaim))
        {
            claims.Add(new Claim(StaffSessionService.SessionIdClaim, (await sessions.StartAsync(user.Id)).ToString()));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Re-issues the cookie for the same server-side session (Identity's own would start a new one).</summary>
    public override async Task RefreshSignInAsync(StaffUser user)
    {
        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var claims = auth.Principal is null ? [] : StaffSessionService.CarriedClaims(auth.Principal).ToList();
        await SignInWithClaimsAsync(user, auth.Properties, claims);
    }

    public override async Task SignOutAsync()
    {
        if (StaffSessionService.SessionIdOf(Context.User) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, SessionEndReason.SignedOut);
        }

        await base.SignOutAsync();
    }

    /// <summary>
    /// Signs in by email and password. An unknown email, a deactivated account and a locked account all verify the
    /// password against a dummy hash made by the same hasher, and all give the same failure as a wrong password.
    /// </summary>
    public async Task<(SignInResult Result, StaffUser? User)> SignInByEmailAsync(string email, string password)
    {
        var user = await UserManager.FindByEmailAsync(email.Trim());
        if (user is null || !user.IsActive || await UserManager.IsLockedOutAsync(user))
        {
            UserManager.PasswordHasher.VerifyHashedPassword(user ?? new StaffUser(), DummyHash(), password);
            return (user is not null && user.IsActive ? SignInResult.LockedOut : SignInResult.Failed, user);
        }

        return (await PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true), user);
    }

    private string DummyHash()
    {
        lock (DummyGate)
        {
            return dummyHash ??= UserManager.PasswordHasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }
    }
}

/// <summary>An account whose password an administrator reset can reach only the change-password page (and sign-out) until it chooses a new one.</summary>
public static class PasswordChangeRequired
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    private static readonly string[] Allowed = [ChangePasswordPath, "/Account/SignOut", "/Error"];

    public static IApplicationBuilder UseRequiredPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Items.ContainsKey(StaffSessionService.MustChangePasswordItem)
            && !Allowed.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (Errors.ErrorClassifier.IsApiRequest(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Redirect(ChangePasswordPath);
            return;
        }

        await next(context);
    });
}
