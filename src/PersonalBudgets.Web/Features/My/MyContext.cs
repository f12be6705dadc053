using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// The one answer to "which person is this request acting for, and what may it do" in the person's area (ADR 0030).
/// Resolved for every request from the account's live grants (<see cref="PersonAuthentication"/>), never from the
/// address: the person's own account acts for them with every scope; a representative acts for the person of the
/// grant they chose, with that grant's scopes. Pages declare who they let in with <see cref="RequirePersonAttribute"/>;
/// a handler that needs more than its page (a POST that changes something) calls <see cref="Require"/>.
/// </summary>
public sealed class MyContext(IHttpContextAccessor accessor)
{
    private System.Security.Claims.ClaimsPrincipal User => accessor.HttpContext?.User ?? throw new InvalidOperationException("No request.");

    /// <summary>The person the request acts for (the page's policy has made sure there is one).</summary>
    public Guid PersonId => PersonAuthentication.PersonIdOf(User) ?? throw new InvalidOperationException("The request acts for nobody: the page needs [RequirePerson].");

    /// <summary>The signed-in account (the person's own, or the representative's).</summary>
    public Guid AccountId => PersonAuthentication.AccountIdOf(User) ?? throw new InvalidOperationException("Not signed in to the person's area.");

    public bool IsRepresentative => PersonAuthentication.IsRepresentative(User);

    /// <summary>The live grant acted under (null for the person themselves).</summary>
    public Guid? GrantId => Guid.TryParse(User.FindFirst(PersonAuthentication.GrantClaim)?.Value, out var id) ? id : null;

    public RepresentativeScopes Scopes => PersonAuthentication.ScopesOf(User);

    /// <summary>How many people's records the account may choose between (its own counts as one).</summary>
    public int Choices => int.TryParse(User.FindFirst(PersonAuthentication.ChoicesClaim)?.Value, out var n) ? n : 0;

    public bool Has(RepresentativeScopes scope) => (Scopes & scope) == scope;

    /// <summary>Refuses (403) a representative whose grant does not allow <paramref name="scope"/>; the person is always allowed.</summary>
    public void Require(RepresentativeScopes scope)
    {
        if (!Has(scope))
        {
            throw new RecordAccessDeniedException(PersonId);
        }
    }

    /// <summary>Refuses (403) anyone but the person themselves (giving and ending access, say).</summary>
    public void RequireSelf()
    {
        if (IsRepresentative)
        {
            throw new RecordAccessDeniedException(PersonId);
        }
    }
}
