using System.Security.Claims;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>The signed-in user, from one place.</summary>
public interface ICurrentUser
{
    Guid Id { get; }
    string DisplayName { get; }
    Actor Actor { get; }
    ClaimsPrincipal Principal { get; }
    string? IpAddress { get; }
}

public sealed class HttpContextCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public const string DisplayNameClaim = "pb:display_name";

    private HttpContext Context => accessor.HttpContext ?? throw new InvalidOperationException("No current request.");

    public ClaimsPrincipal Principal => Context.User;

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        ? id
        : throw new InvalidOperationException("The user is not signed in.");

    public string DisplayName => Principal.FindFirstValue(DisplayNameClaim) ?? Principal.Identity?.Name ?? "Unknown";

    /// <summary>
    /// In the person's own area the signed-in account is the person's (ADR 0029), or a representative's acting under a
    /// grant (ADR 0030: the audit entry's person is the one they act for), and audit entries say so.
    /// </summary>
    public Actor Actor => new(Id, DisplayName,
        PersonAuthentication.IsRepresentative(Principal) ? ActorKind.Representative
        : PersonAuthentication.AccountIdOf(Principal) is not null ? ActorKind.Person
        : ActorKind.Staff);

    public string? IpAddress => Context.Connection.RemoteIpAddress?.ToString();
}
