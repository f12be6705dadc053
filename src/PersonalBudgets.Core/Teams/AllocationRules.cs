using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Teams;

/// <summary>Someone proposed as key worker: <paramref name="PlansSupport"/> when they hold a role that plans support.</summary>
public sealed record KeyWorkerCandidate(Guid Id, bool IsActive, IReadOnlyCollection<Guid> TeamIds, bool PlansSupport = true);

public sealed record AllocationRequest(IReadOnlyCollection<Guid> TeamIds, Guid? KeyWorkerId, string? Reason);

public sealed record AllocationPlan(
    IReadOnlyList<Guid> TeamsToAdd,
    IReadOnlyList<Guid> TeamsToEnd,
    bool KeyWorkerChanges,
    Guid? NewKeyWorkerId,
    string? Reason);

/// <summary>
/// Allocation: a person belongs to one or more teams and has at most one named key worker, of any profession,
/// who must be an active member of one of those teams holding a role that plans support. Reallocation (changing or removing a key worker, or taking
/// the person off a team) needs a reason.
/// </summary>
public static class AllocationRules
{
    public const int ReasonMaxLength = 1000;

    public static AllocationPlan Plan(
        IReadOnlyCollection<Guid> currentTeamIds,
        Guid? currentKeyWorkerId,
        AllocationRequest request,
        IReadOnlyCollection<Guid> activeTeamIds,
        KeyWorkerCandidate? keyWorker)
    {
        var teams = request.TeamIds.Distinct().ToList();
        if (teams.Count == 0)
        {
            throw new DomainException("allocation-team-required", "Select at least one team", "TeamIds");
        }

        if (teams.Any(t => !activeTeamIds.Contains(t)))
        {
            throw new DomainException("allocation-team-unknown", "Select a team from the list", "TeamIds");
        }

        if (request.KeyWorkerId is not null)
        {
            if (keyWorker is null || keyWorker.Id != request.KeyWorkerId)
            {
                throw new DomainException("allocation-key-worker-unknown", "Select a key worker from the list", "KeyWorkerId");
            }

            if (!keyWorker.IsActive)
            {
                throw new DomainException("allocation-key-worker-inactive", "The key worker's account is deactivated. Choose someone else", "KeyWorkerId");
            }

            if (!keyWorker.PlansSupport)
            {
                throw new DomainException("allocation-key-worker-not-practitioner", "The key worker must be a practitioner or team manager who plans support. Choose someone from the list", "KeyWorkerId");
            }

            if (!keyWorker.TeamIds.Any(teams.Contains))
            {
                throw new DomainException("allocation-key-worker-not-in-team", "The key worker must be a member of one of the person's teams", "KeyWorkerId");
            }
        }

        var toAdd = teams.Where(t => !currentTeamIds.Contains(t)).ToList();
        var toEnd = currentTeamIds.Where(t => !teams.Contains(t)).ToList();
        var keyWorkerChanges = request.KeyWorkerId != currentKeyWorkerId;

        if (toAdd.Count == 0 && toEnd.Count == 0 && !keyWorkerChanges)
        {
            throw new DomainException("allocation-unchanged", "You have not changed the teams or the key worker");
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var isReallocation = toEnd.Count > 0 || (keyWorkerChanges && currentKeyWorkerId is not null);
        if (isReallocation && reason is null)
        {
            throw new DomainException("allocation-reason-required", "Enter the reason for the reallocation", "Reason");
        }

        if (reason is { Length: > ReasonMaxLength })
        {
            throw new DomainException("allocation-reason-too-long", $"Reason must be {ReasonMaxLength} characters or fewer", "Reason");
        }

        return new AllocationPlan(toAdd, toEnd, keyWorkerChanges, request.KeyWorkerId, reason);
    }
}
