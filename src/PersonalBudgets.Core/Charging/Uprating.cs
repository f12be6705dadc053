using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Charging;

public enum UpratingRunStatus
{
    [Display(Name = "Running")] Running,
    [Display(Name = "Completed")] Completed,
}

/// <summary>How a person's contribution moves when a new financial year's policy applies from 1 April.</summary>
public enum UpratingChange
{
    [Display(Name = "No change")] Same,
    [Display(Name = "Goes up")] Up,
    [Display(Name = "Goes down")] Down,
    [Display(Name = "Starts paying")] StartsPaying,
    [Display(Name = "Stops paying")] StopsPaying,
}

public enum UpratingItemOutcome
{
    [Display(Name = "Recalculated")] Recalculated,
    [Display(Name = "Not recalculated")] Skipped,
}

/// <summary>The April uprating's rules (ADR 0032), in one place for the preview, the run and their tests.</summary>
public static class UpratingRules
{
    /// <summary>The new year's contributions start on 1 April of the policy's financial year.</summary>
    public static DateOnly EffectiveFrom(int financialYearStart) => new(financialYearStart, 4, 1);

    /// <summary>The reason each new version carries, for example "Annual uprating 2026–27".</summary>
    public static string Reason(int financialYearStart) => $"Annual uprating {financialYearStart}–{(financialYearStart + 1) % 100:00}";

    public static UpratingChange Classify(decimal before, decimal after) => (before, after) switch
    {
        _ when before == after => UpratingChange.Same,
        (0m, _) => UpratingChange.StartsPaying,
        (_, 0m) => UpratingChange.StopsPaying,
        _ when after > before => UpratingChange.Up,
        _ => UpratingChange.Down,
    };

    /// <summary>
    /// The uprating applies to a completed assessment whose contribution started before the new year: one already
    /// effective from the new year was worked out under that year's policy.
    /// </summary>
    public static bool Applies(FinancialAssessment assessment, int financialYearStart)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment.Status == FinancialAssessmentStatus.Completed && assessment.EffectiveFrom < EffectiveFrom(financialYearStart);
    }
}

/// <summary>
/// One April uprating: a run that recalculates every completed financial assessment under a newly published financial
/// year's policy from 1 April. It is a stored row with its progress, so a run stopped mid-way carries on where it
/// stopped; each person is processed in a transaction of their own and recorded as an item (unique per run and
/// assessment), so nobody gets two new versions. One run per policy version, held by a unique index.
/// </summary>
public sealed class UpratingRun
{
    public Guid Id { get; private set; }
    public Guid PolicyVersionId { get; private set; }
    public int FinancialYearStart { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public UpratingRunStatus Status { get; private set; }
    public int Total { get; private set; }
    public int Done { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public Guid StartedById { get; private set; }
    public string StartedByName { get; private set; } = "";
    public DateTimeOffset? CompletedAt { get; private set; }

    private UpratingRun()
    {
    }

    public static UpratingRun Start(ChargingPolicyVersion policy, int total, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actor);
        if (policy.Status != ChargingPolicyStatus.Published || !policy.IsCurrent)
        {
            throw new DomainException("charging-policy-not-in-force", "The uprating applies a published charging policy that is in force for its year");
        }

        return new UpratingRun
        {
            Id = Guid.NewGuid(),
            PolicyVersionId = policy.Id,
            FinancialYearStart = policy.FinancialYearStart,
            EffectiveFrom = UpratingRules.EffectiveFrom(policy.FinancialYearStart),
            Status = UpratingRunStatus.Running,
            Total = total,
            StartedAt = now,
            StartedById = actor.UserId,
            StartedByName = actor.DisplayName,
        };
    }

    public Actor StartedBy => new(StartedById, StartedByName);

    public string Reason => UpratingRules.Reason(FinancialYearStart);
}

/// <summary>One person's assessment in an uprating run: what it was, what it became, or why it was left.</summary>
public sealed class UpratingRunItem
{
    public Guid Id { get; private set; }
    public Guid RunId { get; private set; }
    public Guid AssessmentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? NewAssessmentId { get; private set; }
    public UpratingItemOutcome Outcome { get; private set; }
    public decimal Before { get; private set; }
    public decimal? After { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset ProcessedAt { get; private set; }

    private UpratingRunItem()
    {
    }

    public UpratingChange? Change => After is { } after ? UpratingRules.Classify(Before, after) : null;

    public static UpratingRunItem Recalculated(UpratingRun run, FinancialAssessment before, FinancialAssessment after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new UpratingRunItem
        {
            Id = Guid.NewGuid(), RunId = run.Id, AssessmentId = before.Id, PersonId = before.PersonId, NewAssessmentId = after.Id,
            Outcome = UpratingItemOutcome.Recalculated, Before = before.WeeklyContribution ?? 0m, After = after.WeeklyContribution, ProcessedAt = now,
        };
    }

    public static UpratingRunItem Skipped(UpratingRun run, FinancialAssessment assessment, string note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(assessment);
        return new UpratingRunItem
        {
            Id = Guid.NewGuid(), RunId = run.Id, AssessmentId = assessment.Id, PersonId = assessment.PersonId,
            Outcome = UpratingItemOutcome.Skipped, Before = assessment.WeeklyContribution ?? 0m, Note = note, ProcessedAt = now,
        };
    }
}
