using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.Letters;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>
/// The written record of an eligibility decision (Care Act s13) as a letter: its heading and the decision with the
/// assessment it rests on. Staff print it; the person reads it in their own area (ADR 0029). Shown with _WrittenRecordLetter.
/// </summary>
public sealed record WrittenRecordLetter(LetterHeading Heading, WrittenRecordView View)
{
    public Assessment Assessment => View.Assessment;

    public EligibilityDetermination Decision => View.Determination;

    public bool IsCarer => Assessment.Kind == AssessmentKind.Carer;

    /// <summary>Who the record is addressed to: the person, or the carer for a carer's assessment.</summary>
    public string Recipient => IsCarer ? Assessment.CarerName ?? "" : View.Person.DisplayName;

    /// <summary>The outcomes the person cannot achieve, as recorded in the assessment, in the regulations' order.</summary>
    public IReadOnlyList<AssessmentOutcome> OutcomesNotAchieved => Assessment.Outcomes
        .Where(o => o.CountsAsUnable)
        .OrderBy(o => o.Outcome)
        .ToList();

    public IReadOnlyList<CarerOutcomeFinding> CarerOutcomesNotAchieved => Assessment.CarerOutcomes
        .Where(o => o.CountsAsUnable)
        .OrderBy(o => o.Outcome)
        .ToList();

    /// <summary>Whom the letter is addressed to when not the person: the carer, for a carer's assessment.</summary>
    public static string? CarerRecipient(WrittenRecordView view) =>
        view.Assessment.Kind == AssessmentKind.Carer ? view.Assessment.CarerName ?? "" : null;

    /// <summary>The letter's reference after the person's identifier.</summary>
    public static string Reference(EligibilityDetermination decision) => $"ELIG-{UkTime.DateOf(decision.ConfirmedAt):yyyyMMdd}";

    /// <summary>The date in the UK, without the time: a letter is dated, not timed.</summary>
    public static string DateOf(DateTimeOffset instant) => UkFormat.DateTime(instant).Split(" at ")[0];
}
