using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.SupportPlans;

/// <summary>One version of a person's plan, as much as the version rules need.</summary>
public sealed record PlanVersionRef(Guid Id, int Number, PlanStatus Status)
{
    public static PlanVersionRef Of(SupportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Id, plan.Number, plan.Status);
    }
}

/// <summary>
/// The rules across a person's plan versions: at most one open version (a draft or one waiting for approval) at a
/// time; a first plan starts only for an eligible person with an indicative budget; later versions are revisions of
/// the plan in force; approving a version supersedes the one in force. The database holds the version number unique
/// too, so two people starting a version at the same moment cannot both succeed.
/// </summary>
public static class PlanVersions
{
    /// <summary>The person's open version (a draft, or one waiting for approval), if there is one.</summary>
    public static PlanVersionRef? Open(IEnumerable<PlanVersionRef> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var all = versions.ToList();
        return all.FirstOrDefault(v => v.Status == PlanStatus.Draft) ?? all.FirstOrDefault(v => v.Status == PlanStatus.AwaitingApproval);
    }

    /// <summary>Why a first plan cannot be started now, or null when it can.</summary>
    public static string? CannotStartReason(IReadOnlyCollection<PlanVersionRef> versions, CurrentEligibility eligibility, bool hasIndicativeBudget)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(eligibility);
        if (Open(versions) is { } open)
        {
            return open.Status == PlanStatus.Draft
                ? $"Version {open.Number} of the plan is a draft: continue that one."
                : $"Version {open.Number} of the plan is waiting for approval.";
        }

        if (versions.Any(v => v.Status == PlanStatus.Approved))
        {
            return "The person has a plan in force: revise it to make a new version.";
        }

        if (!eligibility.IsDecided)
        {
            return "A support plan can only be started once the person's needs have been assessed and found eligible. Eligibility has not been decided yet.";
        }

        if (!eligibility.Eligible)
        {
            return "A support plan can only be started for a person whose needs have been found eligible. The latest eligibility decision found the needs not eligible.";
        }

        return hasIndicativeBudget ? null : "Work out an indicative budget before starting the plan: the plan's cost is compared with it.";
    }

    /// <summary>
    /// Why the plan in force cannot be revised now (from the plan pages or by a review), or null when it can: another
    /// version is already open.
    /// </summary>
    public static string? CannotReviseReason(IReadOnlyCollection<PlanVersionRef> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return Open(versions) is not { } open ? null
            : open.Status == PlanStatus.Draft
                ? $"Version {open.Number} of the plan is already a draft: continue that one"
                : $"Version {open.Number} of the plan is waiting for approval: wait for the decision";
    }

    /// <summary>
    /// Why a version cannot be deleted, or null when it can: only a draft that has never been sent for a decision (a
    /// declined or earlier-submitted version is kept with its decision, and anything submitted or approved is a record).
    /// </summary>
    public static string? CannotDeleteReason(PlanStatus status, bool everSubmitted)
    {
        if (status != PlanStatus.Draft)
        {
            return $"This version of the plan is {status.Label().ToLowerInvariant()}: only a draft can be deleted";
        }

        return everSubmitted ? "This draft was sent for approval before: it is kept with its decision. Change it and submit it again" : null;
    }

    /// <summary>The versions an approved plan replaces: every other version in force.</summary>
    public static IReadOnlyList<SupportPlan> SupersededBy(SupportPlan approved, IEnumerable<SupportPlan> versions)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(versions);
        return versions.Where(v => v.PersonId == approved.PersonId && v.Id != approved.Id && v.Status == PlanStatus.Approved).ToList();
    }
}
