using System.Text.Json;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;

namespace PersonalBudgets.Core.Assessments;

/// <summary>
/// The confirmed eligibility determination for a completed assessment: the decision and its reasons as the domain
/// rules gave them, the practitioner's wellbeing judgement, and the advice given. Basis of the s13 written record.
/// </summary>
public sealed class EligibilityDetermination : AggregateRoot
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid AssessmentId { get; private set; }
    public Guid PersonId { get; private set; }
    public AssessmentKind Kind { get; private set; }
    public bool Eligible { get; private set; }
    public bool SignificantImpactOnWellbeing { get; private set; }
    public string SignificantImpactReason { get; private set; } = "";

    /// <summary>
    /// The practitioner confirmed a significant impact on wellbeing although every wellbeing area of the assessment was
    /// recorded as "no impact". Null when the question did not arise.
    /// </summary>
    public bool? ConfirmedImpactDespiteNoAreaAffected { get; private set; }

    /// <summary>JSON list of the reasons, condition by condition.</summary>
    public string ReasonsJson { get; private set; } = "[]";

    /// <summary>Advice and information on preventing or reducing needs (required when not eligible).</summary>
    public string? Advice { get; private set; }

    public DateTimeOffset ConfirmedAt { get; private set; }
    public Guid ConfirmedById { get; private set; }
    public string ConfirmedByName { get; private set; } = "";

    private EligibilityDetermination()
    {
    }

    public IReadOnlyList<EligibilityReason> Reasons => JsonSerializer.Deserialize<List<EligibilityReason>>(ReasonsJson) ?? [];

    /// <summary>Decides with the domain rules and records the practitioner's confirmation.</summary>
    public const string ConfirmNoAreaAffectedField = "ConfirmImpactDespiteNoAreaAffected";

    /// <summary>Whether the assessment recorded "no impact" in every wellbeing area (and recorded every area).</summary>
    public static bool NoWellbeingAreaAffected(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment.Wellbeing.Count > 0 && assessment.Wellbeing.All(w => w.Impact == WellbeingImpact.None);
    }

    /// <param name="confirmedDespiteNoAreaAffected">
    /// The practitioner's confirmation of a significant impact when every wellbeing area was recorded as "no impact":
    /// required then, so that a judgement at odds with the assessment is made knowingly, and recorded.
    /// </param>
    public static EligibilityDetermination Confirm(Assessment assessment, bool? significantImpact, string? impactReason, string? advice, Actor actor, DateTimeOffset now,
        bool confirmedDespiteNoAreaAffected = false)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.Status != AssessmentStatus.Completed)
        {
            throw new DomainException("eligibility-assessment-not-completed", "Complete the assessment before deciding eligibility");
        }

        var errors = new List<People.FieldError>();
        if (significantImpact is null)
        {
            errors.Add(new("SignificantImpact", "Select whether there is a significant impact on wellbeing"));
        }

        var reason = string.IsNullOrWhiteSpace(impactReason) ? null : impactReason.Trim();
        if (reason is null)
        {
            errors.Add(new("SignificantImpactReason", "Enter the reason for your judgement about the impact on wellbeing"));
        }
        else if (reason.Length > TextMaxLength)
        {
            errors.Add(new("SignificantImpactReason", $"Reason must be {TextMaxLength} characters or fewer"));
        }

        var atOdds = significantImpact == true && NoWellbeingAreaAffected(assessment);
        if (atOdds && !confirmedDespiteNoAreaAffected)
        {
            errors.Add(new(ConfirmNoAreaAffectedField,
                "Every wellbeing area in the assessment is recorded as no impact. Confirm that there is, or is likely to be, a significant impact on wellbeing, or change your answer"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var decision = assessment.Kind == AssessmentKind.Adult
            ? AdultEligibility.Determine(assessment.ToEligibilityFacts(significantImpact, reason))
            : CarerEligibility.Determine(assessment.ToCarerEligibilityFacts(significantImpact, reason));
        var adviceText = string.IsNullOrWhiteSpace(advice) ? null : advice.Trim();
        if (!decision.Eligible && adviceText is null)
        {
            throw new ValidationFailedException([new("Advice", "Enter the advice and information given on preventing or reducing needs")]);
        }

        if (adviceText is { Length: > TextMaxLength })
        {
            throw new ValidationFailedException([new("Advice", $"Advice must be {TextMaxLength} characters or fewer")]);
        }

        var determination = new EligibilityDetermination
        {
            Id = Guid.NewGuid(),
            AssessmentId = assessment.Id,
            PersonId = assessment.PersonId,
            Kind = assessment.Kind,
            Eligible = decision.Eligible,
            SignificantImpactOnWellbeing = significantImpact!.Value,
            SignificantImpactReason = reason!,
            ReasonsJson = JsonSerializer.Serialize(decision.Reasons),
            Advice = adviceText,
            ConfirmedImpactDespiteNoAreaAffected = atOdds ? true : null,
            ConfirmedAt = now,
            ConfirmedById = actor.UserId,
            ConfirmedByName = actor.DisplayName,
        };
        determination.AddDomainEvent(new EligibilityDecided(determination.PersonId, determination.Id, assessment.Id, assessment.Kind, determination.Eligible, assessment.PersonsPart));
        return determination;
    }
}
