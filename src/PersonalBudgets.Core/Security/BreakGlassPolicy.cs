using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Security;

/// <summary>
/// What break-glass allows: reading the record in an emergency, nothing else. The product records nothing that
/// safety needs at the moment of an emergency (no case note or risk alert), so no change is allowed under it: a
/// decision, a budget, a plan, an assessment or an allocation is made by the person's own team, who know them.
/// Everything done under break-glass (the grant, each view, each refusal) is flagged in the audit trail.
/// </summary>
public static class BreakGlassPolicy
{
    /// <summary>The audit entries that may be made about a person seen through break-glass: reading and the grant itself.</summary>
    public static bool AllowsEntry(AuditAction action) =>
        action is AuditAction.Viewed or AuditAction.Searched or AuditAction.BreakGlassGranted or AuditAction.AccessDenied;

    /// <summary>Refuses a change to a person seen through break-glass.</summary>
    public static void EnsureAllowed(AuditAction action, Guid personId, AccessRoute route)
    {
        if (route == AccessRoute.BreakGlass && !AllowsEntry(action))
        {
            throw new BreakGlassChangeRefusedException(personId);
        }
    }
}
