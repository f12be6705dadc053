using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Assessments;

/// <summary>The ways a carer is "unable to achieve" an outcome (reg 3(3)), stored as flags.</summary>
[Flags]
public enum CarerUnableReasons
{
    None = 0,
    [Display(Name = "Unable to achieve it without assistance")] UnableWithoutAssistance = 1,
    [Display(Name = "Able without assistance, but with significant pain, distress or anxiety")] SignificantPainDistressOrAnxiety = 2,
    [Display(Name = "Able without assistance, but endangering the health or safety of the carer or others")] EndangersHealthOrSafety = 4,
}

/// <summary>
/// The answers to "How does the carer manage this outcome?", as reg 3(3) frames it: without difficulty, or one or more
/// of its three ways of being unable to achieve it.
/// </summary>
public enum CarerHowManaged
{
    [Display(Name = "Without difficulty")] WithoutDifficulty,
    [Display(Name = "Unable to achieve it without assistance")] UnableWithoutAssistance,
    [Display(Name = "With significant pain, distress or anxiety")] SignificantPainDistressOrAnxiety,
    [Display(Name = "Endangering their own or others' health or safety")] EndangersHealthOrSafety,
}

/// <summary>
/// How the carer manages a carer outcome (reg 3(2)(b)). Counts as "unable to achieve" exactly when a way of reg 3(3)
/// is recorded: "able, but with significant anxiety" is unable. A contradictory answer (without difficulty and a way
/// of being unable, or neither) cannot be made.
/// </summary>
public sealed record CarerOutcomeAnswer
{
    public const string Field = "HowManaged";

    public CarerOutcome Outcome { get; }
    public bool WithoutDifficulty { get; }
    public CarerUnableReasons Reasons { get; }
    public string? Note { get; }

    public CarerOutcomeAnswer(CarerOutcome outcome, bool withoutDifficulty, CarerUnableReasons reasons, string? note = null)
    {
        if (Problem(withoutDifficulty, reasons) is { } problem)
        {
            throw new DomainException("carer-outcome-contradictory", problem, Field);
        }

        Outcome = outcome;
        WithoutDifficulty = withoutDifficulty;
        Reasons = reasons;
        Note = note;
    }

    /// <summary>Builds the answer from the question's ticks, refusing a contradictory or empty answer.</summary>
    public static CarerOutcomeAnswer From(CarerOutcome outcome, IReadOnlyCollection<CarerHowManaged> answers, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return new CarerOutcomeAnswer(outcome, answers.Contains(CarerHowManaged.WithoutDifficulty), ToReasons(answers), note);
    }

    /// <summary>Why the answer cannot be recorded, or null when it can.</summary>
    public static string? Problem(bool withoutDifficulty, CarerUnableReasons reasons) => (withoutDifficulty, reasons) switch
    {
        (true, not CarerUnableReasons.None) => "Select either \"without difficulty\" or the ways the carer is unable to achieve this outcome, not both",
        (false, CarerUnableReasons.None) => "Select how the carer manages this outcome",
        _ => null,
    };

    public bool CountsAsUnable => Reasons != CarerUnableReasons.None;

    /// <summary>The answers as the question gives them, in its order.</summary>
    public IReadOnlyList<CarerHowManaged> Answers => ToAnswers(WithoutDifficulty, Reasons);

    public static CarerUnableReasons ToReasons(IEnumerable<CarerHowManaged> answers) => answers.Aggregate(CarerUnableReasons.None, (all, a) => all | a switch
    {
        CarerHowManaged.UnableWithoutAssistance => CarerUnableReasons.UnableWithoutAssistance,
        CarerHowManaged.SignificantPainDistressOrAnxiety => CarerUnableReasons.SignificantPainDistressOrAnxiety,
        CarerHowManaged.EndangersHealthOrSafety => CarerUnableReasons.EndangersHealthOrSafety,
        _ => CarerUnableReasons.None,
    });

    public static IReadOnlyList<CarerHowManaged> ToAnswers(bool withoutDifficulty, CarerUnableReasons reasons) =>
        Enum.GetValues<CarerHowManaged>().Where(a => a == CarerHowManaged.WithoutDifficulty ? withoutDifficulty : reasons.HasFlag(ToReasons([a]))).ToList();

    /// <summary>The ways recorded, in the regulation's order, lower case, for sentences.</summary>
    public string WaysText => WaysOf(Reasons);

    public static string WaysOf(CarerUnableReasons reasons) =>
        string.Join("; ", Enum.GetValues<CarerUnableReasons>().Where(r => r != CarerUnableReasons.None && reasons.HasFlag(r)).Select(r => r.Label().ToLowerInvariant()));
}
