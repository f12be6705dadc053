using System.Text.Json;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Infrastructure.Auditing;

/// <summary>
/// Adds audit entries to the current unit of work, so a change and its audit entry are saved together.
/// Views are saved by the caller straight away. An entry about a person the request sees through break-glass is
/// flagged from <see cref="PersonAccessContext"/>: callers never pass the access route. A change to such a person is
/// refused (<see cref="BreakGlassPolicy"/>), so nothing but reading is ever recorded under break-glass.
/// </summary>
public sealed class AuditLog(PersonalBudgetsDbContext db, ICurrentUser currentUser, TimeProvider clock, PersonAccessContext access)
{
    public AuditEntry Add(
        AuditAction action,
        string recordType,
        string? recordId,
        Guid? personId = null,
        IReadOnlyList<FieldChange>? changes = null,
        string? summary = null,
        string? reason = null,
        Actor? actor = null)
    {
        if (personId is { } id && access.RouteFor(id) is { } route)
        {
            // The backstop for people who come from a request's body rather than its route: break-glass allows reading only.
            BreakGlassPolicy.EnsureAllowed(action, id, route);
        }

        var signedIn = currentUser.Principal.Identity?.IsAuthenticated == true;
        actor ??= signedIn ? currentUser.Actor : null;
        var entry = new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            UserId = actor?.UserId,
            UserName = actor?.DisplayName ?? "Not signed in",
            ActorKind = actor?.Kind ?? ActorKind.Staff,
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            PersonId = personId,
            Changes = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes) : null,
            Summary = summary,
            Reason = reason,
            IsBreakGlass = access.IsBreakGlass(personId),
            IpAddress = currentUser.IpAddress,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task RecordAsync(
        AuditAction action,
        string recordType,
        string? recordId,
        Guid? personId = null,
        string? summary = null,
        string? reason = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
    {
        Add(action, recordType, recordId, personId, null, summary, reason, actor);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IReadOnlyList<FieldChange> ReadChanges(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<FieldChange>>(json) ?? [];
}
