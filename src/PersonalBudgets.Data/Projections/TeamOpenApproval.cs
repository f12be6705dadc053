using PersonalBudgets.Core.Approvals;

namespace PersonalBudgets.Data.Projections;

/// <summary>
/// One open approval request (no outcome, or deferred) of a person currently allocated to a team, once per such team:
/// the approvals queue reads a team's rows in due order and stops at the page. Written only by database triggers on
/// ApprovalRequests and TeamAllocations (<see cref="TeamOpenApprovalsSql"/>); the application never writes it.
/// </summary>
public sealed class TeamOpenApproval
{
    private TeamOpenApproval()
    {
    }

    public Guid TeamId { get; private set; }
    public Guid RequestId { get; private set; }
    public Guid PersonId { get; private set; }
    public ApprovalRoute Route { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
}
