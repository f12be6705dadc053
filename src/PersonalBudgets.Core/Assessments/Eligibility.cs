using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Assessments;

/// <summary>The ten specified outcomes of the Care and Support (Eligibility Criteria) Regulations 2015, reg 2(2).</summary>
public enum SpecifiedOutcome
{
    [Display(Name = "Managing and maintaining nutrition")] Nutrition,
    [Display(Name = "Maintaining personal hygiene")] PersonalHygiene,
    [Display(Name = "Managing toilet needs")] ToiletNeeds,
    [Display(Name = "Being appropriately clothed")] BeingClothed,
    [Display(Name = "Being able to make use of the home safely")] UsingHomeSafely,
    [Display(Name = "Maintaining a habitable home environment")] HabitableHome,
    [Display(Name = "Developing and maintaining family or other personal relationships")] Relationships,
    [Display(Name = "Accessing and engaging in work, training, education or volunteering")] WorkTrainingEducationVolunteering,
    [Display(Name = "Making use of necessary facilities or services in the local community, including public transport and recreational facilities or services")] CommunityFacilities,
    [Display(Name = "Carrying out any caring responsibilities the adult has for a child")] CaringForAChild,
}

/// <summary>The ways of being "unable to achieve" an outcome (reg 2(3)).</summary>
[Flags]
public enum UnableReasons
{
    None = 0,
    [Display(Name = "Unable to achieve it")] Unable = 1,
    [Display(Name = "Able only with assistance")] OnlyWithAssistance = 2,
    [Display(Name = "Able, but with significant pain, distress or anxiety")] SignificantPainDistressOrAnxiety = 4,
    [Display(Name = "Able, but endangering the health or safety of the adult or others")] EndangersHealthOrSafety = 8,
    [Display(Name = "Able, but taking significantly longer than would normally be expected")] TakesSignificantlyLonger = 16,
}

public sealed record OutcomeFinding(SpecifiedOutcome Outcome, bool Achievable, UnableReasons Reasons, string? Note = null)
{
    /// <summary>Not achievable only counts when at least one way of being unable is recorded.</summary>
    public bool CountsAsUnable => !Achievable && Reasons != UnableReasons.None;
}

public sealed record EligibilityFacts(
    bool NeedsAriseFromImpairmentOrIllness,
    IReadOnlyList<OutcomeFinding> Outcomes,
    bool? SignificantImpactOnWellbeing,
    string? SignificantImpactReason);

public sealed record EligibilityReason(string Condition, bool Met, string Explanation);

public sealed record EligibilityDecision(bool Eligible, IReadOnlyList<EligibilityReason> Reasons, IReadOnlyList<SpecifiedOutcome> OutcomesNotAchieved);

/// <summary>
/// Reg 2: an adult's needs are eligible when (1) they arise from or relate to a physical or mental impairment or
/// illness, (2) as a result the adult is unable to achieve two or more specified outcomes, and (3) as a consequence
/// there is, or is likely to be, a significant impact on their wellbeing (the practitioner's judgement, with a reason).
/// </summary>
public static class AdultEligibility
{
    public const int OutcomesRequired = 2;

    public static EligibilityDecision Determine(EligibilityFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.SignificantImpactOnWellbeing is null || string.IsNullOrWhiteSpace(facts.SignificantImpactReason))
        {
            throw new DomainException("eligibility-wellbeing-judgement-required",
                "Record whether there is a significant impact on the person's wellbeing, and why", nameof(facts.SignificantImpactOnWellbeing));
        }

        var duplicates = facts.Outcomes.GroupBy(o => o.Outcome).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new DomainException("eligibility-outcome-duplicated", $"{duplicates[0].Label()} is recorded more than once");
        }

        var notAchieved = facts.Outcomes.Where(o => o.CountsAsUnable).Select(o => o.Outcome).ToList();
        var reasons = new List<EligibilityReason>
        {
            new("Needs arise from a physical or mental impairment or illness", facts.NeedsAriseFromImpairmentOrIllness,
                facts.NeedsAriseFromImpairmentOrIllness
                    ? "The needs arise from or relate to a physical or mental impairment or illness."
                    : "The needs do not arise from or relate to a physical or mental impairment or illness."),
            new($"Unable to achieve {OutcomesRequired} or more of the specified outcomes", notAchieved.Count >= OutcomesRequired,
                notAchieved.Count switch
                {
                    0 => "The person can achieve all of the specified outcomes.",
                    1 => $"The person is unable to achieve 1 outcome ({notAchieved[0].Label().ToLowerInvariant()}); at least {OutcomesRequired} are needed.",
                    _ => $"The person is unable to achieve {notAchieved.Count} outcomes: {string.Join("; ", notAchieved.Select(o => o.Label().ToLowerInvariant()))}.",
                }),
            new("Significant impact on wellbeing", facts.SignificantImpactOnWellbeing.Value,
                (facts.SignificantImpactOnWellbeing.Value ? "There is, or is likely to be, a significant impact on wellbeing: " : "There is not a significant impact on wellbeing: ")
                + facts.SignificantImpactReason!.Trim()),
        };

        return new EligibilityDecision(reasons.All(r => r.Met), reasons, notAchieved);
    }
}

/// <summary>The carer outcomes of reg 3(2)(b).</summary>
public enum CarerOutcome
{
    [Display(Name = "Carrying out caring responsibilities for a child")] CaringForAChild,
    [Display(Name = "Providing care to other persons for whom the carer provides care")] CaringForOthers,
    [Display(Name = "Maintaining a habitable home environment")] HabitableHome,
    [Display(Name = "Managing and maintaining nutrition")] Nutrition,
    [Display(Name = "Developing and maintaining family or other personal relationships")] Relationships,
    [Display(Name = "Engaging in work, training, education or volunteering")] WorkTrainingEducationVolunteering,
    [Display(Name = "Making use of necessary facilities or services in the local community")] CommunityFacilities,
    [Display(Name = "Engaging in recreational activities")] Recreation,
}

public sealed record CarerEligibilityFacts(
    bool NeedsAriseFromProvidingNecessaryCare,
    bool HealthDeterioratingOrAtRisk,
    IReadOnlyList<CarerOutcome> OutcomesNotAchieved,
    bool? SignificantImpactOnWellbeing,
    string? SignificantImpactReason);

/// <summary>
/// Reg 3: a carer's needs are eligible when they arise from providing necessary care, and either the carer's
/// physical or mental health is deteriorating or at risk, or they are unable to achieve any one carer outcome, and
/// as a consequence there is, or is likely to be, a significant impact on their wellbeing.
/// </summary>
public static class CarerEligibility
{
    public static EligibilityDecision Determine(CarerEligibilityFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.SignificantImpactOnWellbeing is null || string.IsNullOrWhiteSpace(facts.SignificantImpactReason))
        {
            throw new DomainException("eligibility-wellbeing-judgement-required",
                "Record whether there is a significant impact on the carer's wellbeing, and why", nameof(facts.SignificantImpactOnWellbeing));
        }

        var outcomes = facts.OutcomesNotAchieved.Distinct().ToList();
        var effect = facts.HealthDeterioratingOrAtRisk || outcomes.Count >= 1;
        var reasons = new List<EligibilityReason>
        {
            new("Needs arise from providing necessary care", facts.NeedsAriseFromProvidingNecessaryCare,
                facts.NeedsAriseFromProvidingNecessaryCare ? "The needs arise from providing necessary care to an adult." : "The needs do not arise from providing necessary care."),
            new("Health at risk, or unable to achieve a carer outcome", effect,
                (facts.HealthDeterioratingOrAtRisk ? "The carer's physical or mental health is deteriorating or at risk. " : "")
                + (outcomes.Count == 0
                    ? "The carer can achieve all of the carer outcomes."
                    : $"The carer is unable to achieve: {string.Join("; ", outcomes.Select(o => o.Label().ToLowerInvariant()))}.")),
            new("Significant impact on wellbeing", facts.SignificantImpactOnWellbeing.Value,
                (facts.SignificantImpactOnWellbeing.Value ? "There is, or is likely to be, a significant impact on wellbeing: " : "There is not a significant impact on wellbeing: ")
                + facts.SignificantImpactReason!.Trim()),
        };

        return new EligibilityDecision(reasons.All(r => r.Met), reasons, []);
    }
}
