using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Charging;

public enum FinancialAssessmentStatus
{
    [Display(Name = "In progress")] InProgress,
    [Display(Name = "Completed")] Completed,
    [Display(Name = "Replaced by a correction")] Replaced,
}

public enum FinanceReviewOutcome
{
    [Display(Name = "The contribution stands")] Upheld,
    [Display(Name = "The assessment is to be corrected")] Correct,
}

/// <summary>
/// A person's financial assessment (Care Act s17), one version of it. It has a named owner (a finance officer) and a
/// due date like every step of the pathway. Completing it fixes the weekly contribution from a date, using the charging
/// policy in force for that date's financial year, and keeps the policy version, the input and the working, so it never
/// changes afterwards. A correction is a new version with a reason; completing it replaces the one before. The person
/// may ask for a review of a completed assessment; a finance team manager decides it.
/// </summary>
public sealed class FinancialAssessment : AggregateRoot
{
    public const int TextMaxLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public int Version { get; private set; }
    public Guid? PreviousId { get; private set; }
    public string? CorrectionReason { get; private set; }
    public FinancialAssessmentStatus Status { get; private set; }
    public FinancialAssessmentType Type { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public string StartedByName { get; private set; } = "";
    public string InputJson { get; private set; } = "{}";

    public Guid? PolicyVersionId { get; private set; }
    public string? ResultJson { get; private set; }
    public decimal? WeeklyContribution { get; private set; }
    public DateOnly? EffectiveFrom { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedByName { get; private set; }

    public DateTimeOffset? ReviewRequestedAt { get; private set; }
    public string? ReviewReason { get; private set; }
    public FinanceReviewOutcome? ReviewOutcome { get; private set; }
    public string? ReviewDecisionReason { get; private set; }
    public DateTimeOffset? ReviewDecidedAt { get; private set; }
    public string? ReviewDecidedByName { get; private set; }

    public int Revision { get; private set; }

    private FinancialAssessment()
    {
    }

    public FinancialAssessmentInput Input => JsonSerializer.Deserialize<FinancialAssessmentInput>(InputJson, Json)!;

    public ChargingResult? Result => ResultJson is null ? null : JsonSerializer.Deserialize<ChargingResult>(ResultJson, Json);

    public bool ReviewOpen => ReviewRequestedAt is not null && ReviewOutcome is null;

    /// <summary>Starts a financial assessment, for example when the person is found eligible. Section 117 aftercare is a nil assessment from the start.</summary>
    public static FinancialAssessment Start(Guid personId, bool section117, Guid? ownerId, string? ownerName, DateOnly dueDate, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var type = section117 ? FinancialAssessmentType.NilSection117 : FinancialAssessmentType.Full;
        return new FinancialAssessment
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Version = 1,
            Status = FinancialAssessmentStatus.InProgress,
            Type = type,
            OwnerId = ownerId,
            OwnerName = ownerName,
            DueDate = dueDate,
            StartedAt = now,
            StartedByName = actor.DisplayName,
            InputJson = JsonSerializer.Serialize(new FinancialAssessmentInput(type, 0m), Json),
            Revision = 1,
        };
    }

    /// <summary>A correction: a new version, in progress, starting from this one's answers, with the reason for it.</summary>
    public FinancialAssessment Correct(string? reason, Guid? ownerId, string? ownerName, DateOnly dueDate, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != FinancialAssessmentStatus.Completed)
        {
            throw new DomainException("financial-assessment-not-completed", "Only a completed financial assessment can be corrected");
        }

        var errors = new List<FieldError>();
        var why = Texts.Required(reason, "Reason", "Say why the assessment is being corrected", TextMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new FinancialAssessment
        {
            Id = Guid.NewGuid(),
            PersonId = PersonId,
            Version = Version + 1,
            PreviousId = Id,
            CorrectionReason = why,
            Status = FinancialAssessmentStatus.InProgress,
            Type = Type,
            OwnerId = ownerId,
            OwnerName = ownerName,
            DueDate = dueDate,
            StartedAt = now,
            StartedByName = actor.DisplayName,
            InputJson = InputJson,
            Revision = 1,
        };
    }

    /// <summary>Records what the finance officer found (the type, income, capital, housing, DRE). The calculation checks it.</summary>
    public void Record(FinancialAssessmentInput input, int expectedRevision)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A stale revision first: whoever lost a race is told who saved first, not that the assessment is completed.
        EnsureRevision(expectedRevision);
        EnsureInProgress();
        var problems = ChargingCalculator.Problems(input);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        Type = input.Type;
        InputJson = JsonSerializer.Serialize(input, Json);
        Revision++;
    }

    public void ChangeOwner(Guid? ownerId, string? ownerName, DateOnly dueDate, int expectedRevision)
    {
        // A stale revision first: whoever lost a race is told who saved first, not that the assessment is completed.
        EnsureRevision(expectedRevision);
        EnsureInProgress();
        OwnerId = ownerId;
        OwnerName = ownerName;
        DueDate = dueDate;
        Revision++;
    }

    /// <summary>
    /// Completes the assessment under the policy in force on <paramref name="effectiveFrom"/>, with the weekly cost of the
    /// person's support, fixing the contribution from that date. Section 117 is always nil.
    /// </summary>
    public ChargingResult Complete(ChargingPolicyVersion policy, decimal weeklyCost, DateOnly effectiveFrom, bool section117, int expectedRevision, Actor actor, DateTimeOffset now, FinancialAssessment? replacing)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actor);
        // A stale revision first: whoever lost a race is told who saved first, not that the assessment is completed.
        EnsureRevision(expectedRevision);
        EnsureInProgress();
        if (policy.Status != ChargingPolicyStatus.Published)
        {
            throw new DomainException("charging-policy-not-published", "A financial assessment uses a published charging policy");
        }

        if (policy.FinancialYearStart != ChargingPolicyVersion.FinancialYearOf(effectiveFrom))
        {
            throw new DomainException("charging-policy-wrong-year", $"The contribution starts in {ChargingPolicyDefinition.FinancialYearLabel(ChargingPolicyVersion.FinancialYearOf(effectiveFrom))}: publish that year's charging policy first", "EffectiveFrom");
        }

        var input = InputFor(weeklyCost, section117);
        var result = ChargingCalculator.Calculate(policy.Definition, input);
        Type = input.Type;
        InputJson = JsonSerializer.Serialize(input, Json);
        ResultJson = JsonSerializer.Serialize(result, Json);
        PolicyVersionId = policy.Id;
        WeeklyContribution = result.Weekly;
        EffectiveFrom = effectiveFrom;
        CompletedAt = now;
        CompletedByName = actor.DisplayName;
        Status = FinancialAssessmentStatus.Completed;
        Revision++;
        if (replacing is not null)
        {
            if (replacing.Id != PreviousId)
            {
                throw new ArgumentException("A correction replaces the version it corrects.", nameof(replacing));
            }

            replacing.Status = FinancialAssessmentStatus.Replaced;
            replacing.Revision++;
        }

        AddDomainEvent(new ContributionFixed(PersonId, Id, result.Weekly, effectiveFrom));
        return result;
    }

    /// <summary>
    /// What this assessment's answers give under another policy and cost, without changing anything: the April uprating's
    /// preview and run use it, so the preview and what the run applies are the same arithmetic as completing.
    /// </summary>
    public ChargingResult Recalculate(ChargingPolicyDefinition policy, decimal weeklyCost, bool section117) =>
        ChargingCalculator.Calculate(policy, InputFor(weeklyCost, section117));

    private FinancialAssessmentInput InputFor(decimal weeklyCost, bool section117)
    {
        var input = Input with { WeeklyCost = weeklyCost };
        return section117 ? input with { Type = FinancialAssessmentType.NilSection117 } : input;
    }

    public void RequestReview(string? reason, int expectedRevision, DateTimeOffset now)
    {
        if (Status != FinancialAssessmentStatus.Completed)
        {
            throw new DomainException("financial-assessment-not-completed", "A review can be asked for once the assessment is completed");
        }

        EnsureRevision(expectedRevision);
        if (ReviewOpen)
        {
            throw new ConflictException("finance-review-open", "A review of this assessment has already been asked for");
        }

        var errors = new List<FieldError>();
        var why = Texts.Required(reason, "Reason", "Say why the person is asking for a review", TextMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        ReviewRequestedAt = now;
        ReviewReason = why;
        ReviewOutcome = null;
        ReviewDecisionReason = null;
        ReviewDecidedAt = null;
        ReviewDecidedByName = null;
        Revision++;
    }

    public void DecideReview(FinanceReviewOutcome? outcome, string? reason, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureRevision(expectedRevision);
        if (!ReviewOpen)
        {
            throw new DomainException("finance-review-not-open", "No review of this assessment is waiting for a decision");
        }

        var errors = new List<FieldError>();
        if (outcome is null || !Enum.IsDefined(outcome.Value)) errors.Add(new("Outcome", "Select the decision"));
        var why = Texts.Required(reason, "Reason", "Give the reasons for the decision: the person is told them", TextMaxLength, errors);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        ReviewOutcome = outcome;
        ReviewDecisionReason = why;
        ReviewDecidedAt = now;
        ReviewDecidedByName = actor.DisplayName;
        Revision++;
    }

    private void EnsureInProgress()
    {
        if (Status != FinancialAssessmentStatus.InProgress)
        {
            throw new DomainException("financial-assessment-completed", "This financial assessment is completed and cannot be changed. Correct it instead: a correction is a new version with a reason");
        }
    }

    private void EnsureRevision(int expectedRevision)
    {
        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(CompletedByName ?? StartedByName, CompletedAt ?? StartedAt);
        }
    }
}

/// <summary>A financial assessment fixed the person's weekly contribution from a date.</summary>
public sealed record ContributionFixed(Guid PersonId, Guid FinancialAssessmentId, decimal Weekly, DateOnly EffectiveFrom) : DomainEvent(PersonId);
