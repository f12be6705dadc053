using PersonalBudgets.Core.Security;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>
/// How the signed-in user may see each person this request touches (legitimate relationship or break-glass), filled
/// once by <see cref="RecordAccessService"/> (through the person-access filter for the route's person). The audit log
/// reads it, so an entry about a person seen through break-glass is flagged without the caller saying so.
/// Scoped: one per request (or per scope a job creates, where it stays empty).
/// </summary>
public sealed class PersonAccessContext
{
    private readonly Dictionary<Guid, AccessRoute> routes = [];

    /// <summary>The route already established for the person in this request, or null if none was.</summary>
    public AccessRoute? RouteFor(Guid personId) => routes.TryGetValue(personId, out var route) ? route : null;

    /// <summary>True when the entry is about a person this request sees through break-glass.</summary>
    public bool IsBreakGlass(Guid? personId) => personId is { } id && RouteFor(id) == AccessRoute.BreakGlass;

    internal void Record(Guid personId, AccessRoute route) => routes[personId] = route;
}
