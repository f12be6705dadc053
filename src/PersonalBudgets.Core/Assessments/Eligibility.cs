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

/// <summary>The ways of being "unable to achieve" an outcome (reg 2(3)), stored as flags.</summary>
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

/// <summary>
/// The answers to "How does the person manage this outcome?", as reg 2(3) frames it: without difficulty, or one or
/// more of the ways of being unable to achieve it.
/// </summary>
public enum HowManaged
{
    [Display(Name = "Without difficulty")] WithoutDifficulty,
    [Display(Name = "Unable to achieve it")] Unable,
    [Display(Name = "Only with assistance")] OnlyWithAssistance,
    [Display(Name = "With significant pain, distress or anxiety")] SignificantPainDistressOrAnxiety,
    [Display(Name = "Endangering their own or others' health or safety")] EndangersHealthOrSafety,
    [Display(Name = "Taking significantly longer than would normally be expected")] TakesSignificantlyLonger,
}

/// <summary>
/// How the person manages a specified outcome. Counts as "unable to achieve" exactly when one or more ways of being
/// unable are recorded (reg 2(3)): "able, but with significant anxiety" is unable. A contradictory answer (without
/// difficulty and a way of being unable, or neither) cannot be made.
/// </summary>
public sealed record OutcomeFinding
{
    public const string Field = "HowManaged";

    public SpecifiedOutcome Outcome { get; }
    public bool WithoutDifficulty { get; }
    public UnableReasons Reasons { get; }
    public string? Note { get; }

    public OutcomeFinding(SpecifiedOutcome outcome, bool withoutDifficulty, UnableReasons reasons, string? note = null)
    {
        if (Problem(withoutDifficulty, reasons) is { } problem)
        {
            throw new DomainException("outcome-finding-contradictory", problem, Field);
        }

        Outcome = outcome;
        WithoutDifficulty = withoutDifficulty;
        Reasons = reasons;
        Note = note;
    }

    /// <summary>Builds the finding from the answers to the question, refusing a contradictory or empty answer.</summary>
    public static OutcomeFinding From(SpecifiedOutcome outcome, IReadOnlyCollection<HowManaged> answers, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return new OutcomeFinding(outcome, answers.Contains(HowManaged.WithoutDifficulty), ToReasons(answers), note);
    }

    /// <summary>Why the answer cannot be recorded, or null when it can.</summary>
    public static string? Problem(bool withoutDifficulty, UnableReasons reasons) => (withoutDifficulty, reasons) switch
    {
        (true, not UnableReasons.None) => "Select either \"without difficulty\" or the ways the person is unable to achieve this outcome, not both",
        (false, UnableReasons.None) => "Select how the person manages this outcome",
        _ => null,
    };

    public bool CountsAsUnable => Reasons != UnableReasons.None;

    /// <summary>The answers as the question gives them, in its order.</summary>
    public IReadOnlyList<HowManaged> Answers => ToAnswers(WithoutDifficulty, Reasons);

    public static UnableReasons ToReasons(IEnumerable<HowManaged> answers) => answers.Aggregate(UnableReasons.None, (all, a) => all | a switch
    {
        HowManaged.Unable => UnableReasons.Unable,
        HowManaged.OnlyWithAssistance => UnableReasons.OnlyWithAssistance,
        HowManaged.SignificantPainDistressOrAnxiety => UnableReasons.SignificantPainDistressOrAnxiety,
        HowManaged.EndangersHealthOrSafety => UnableReasons.EndangersHealthOrSafety,
        HowManaged.TakesSignificantlyLonger => UnableReasons.TakesSignificantlyLonger,
        _ => UnableReasons.None,
    });

    public static IReadOnlyList<HowManaged> ToAnswers(bool withoutDifficulty, UnableReasons reasons) =>
        Enum.GetValues<HowManaged>().Where(a => a == HowManaged.WithoutDifficulty ? withoutDifficulty : reasons.HasFlag(ToReasons([a]))).ToList();

    /// <summary>The ways recorded, in the regulation's order, lower case, for sentences.</summary>
    public string WaysText => string.Join("; ", Enum.GetValues<UnableReasons>().Where(r => r != UnableReasons.None && Reasons.HasFlag(r)).Select(r => r.Label().ToLowerInvariant()));
}

public sealed record EligibilityFacts(
    bool NeedsAriseFromImpairmentOrIllness,
    IReadOnlyList<OutcomeFinding> Outcomes,
    bool? SignificantImpactOnWellbeing,
    string? SignificantImpactReason,
    string? Impairment = null);

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

        var notAchieved = facts.Outcomes.Where(o => o.CountsAsUnable).OrderBy(o => o.Outcome).ToList();
        var reasons = new List<EligibilityReason>
        {
            new("Needs arise from a physical or mental impairment or illness", facts.NeedsAriseFromImpairmentOrIllness,
                facts.NeedsAriseFromImpairmentOrIllness
                    ? "The needs arise from or relate to a physical or mental impairment or illness" + (facts.Impairment is { } kind ? $" ({kind})." : ".")
                    : "The needs do not arise from or relate to a physical or mental impairment or illness."),
            new($"Unable to achieve {OutcomesRequired} or more of the specified outcomes", notAchieved.Count >= OutcomesRequired,
                notAchieved.Count switch
                {
                    0 => "The person can achieve all of the specified outcomes.",
                    1 => $"The person is unable to achieve 1 outcome, {Describe(notAchieved[0])}; at least {OutcomesRequired} are needed.",
                    _ => $"The person is unable to achieve {notAchieved.Count} outcomes: {string.Join("; ", notAchieved.Select(Describe))}.",
                }),
            new("Significant impact on wellbeing", facts.SignificantImpactOnWellbeing.Value,
                (facts.SignificantImpactOnWellbeing.Value ? "There is, or is likely to be, a significant impact on wellbeing: " : "There is not a significant impact on wellbeing: ")
                + facts.SignificantImpactReason!.Trim()),
        };

        return new EligibilityDecision(reasons.All(r => r.Met), reasons, notAchieved.Select(o => o.Outcome).ToList());
    }

    /// <summary>An outcome and the ways the person is unable to achieve it, e.g. "managing toilet needs (able only with assistance)".</summary>
    private static string Describe(OutcomeFinding o) => $"{o.Outcome.Label().ToLowerInvariant()} ({o.WaysText})";
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

/// <summary>The facts of reg 3: each carer outcome with how the carer manages it (reg 3(3)), not a yes or no.</summary>
public sealed record CarerEligibilityFacts(
    bool NeedsAriseFromProvidingNecessaryCare,
    bool HealthDeterioratingOrAtRisk,
    IReadOnlyList<CarerOutcomeAnswer> Outcomes,
    bool? SignificantImpactOnWellbeing,
    string? SignificantImpactReason);

/// <summary>
/// Reg 3: a carer's needs are eligible when they arise from providing necessary care, and either the carer's
/// physical or mental health is deteriorating or at risk, or they are unable to achieve any one carer outcome, and
/// as a consequence there is, or is likely to be, a significant impact on their wellbeing. "Unable" is reg 3(3)'s:
/// unable without assistance, or able but with significant pain, distress or anxiety, or able but endangering the
/// health or safety of the carer or others.
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

        var duplicates = facts.Outcomes.GroupBy(o => o.Outcome).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new DomainException("eligibility-outcome-duplicated", $"{duplicates[0].Label()} is recorded more than once");
        }

        var outcomes = facts.Outcomes.Where(o => o.CountsAsUnable).OrderBy(o => o.Outcome).ToList();
        var effect = facts.HealthDeterioratingOrAtRisk || outcomes.Count >= 1;
        var reasons = new List<EligibilityReason>
        {
            new("Needs arise from providing necessary care", facts.NeedsAriseFromProvidingNecessaryCare,
                facts.NeedsAriseFromProvidingNecessaryCare ? "The needs arise from providing necessary care to an adult." : "The needs do not arise from providing necessary care."),
            new("Health at risk, or unable to achieve a carer outcome", effect,
                (facts.HealthDeterioratingOrAtRisk ? "The carer's physical or mental health is deteriorating or at risk. " : "")
                + (outcomes.Count == 0
                    ? "The carer can achieve all of the carer outcomes."
                    : $"The carer is unable to achieve: {string.Join("; ", outcomes.Select(o => $"{o.Outcome.Label().ToLowerInvariant()} ({o.WaysText})"))}.")),
            new("Significant impact on wellbeing", facts.SignificantImpactOnWellbeing.Value,
                (facts.SignificantImpactOnWellbeing.Value ? "There is, or is likely to be, a significant impact on wellbeing: " : "There is not a significant impact on wellbeing: ")
                + facts.SignificantImpactReason!.Trim()),
        };

        return new EligibilityDecision(reasons.All(r => r.Met), reasons, []);
    }
}
