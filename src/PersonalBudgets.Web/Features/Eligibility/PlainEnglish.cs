using PersonalBudgets.Core.Assessments;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>
/// Wording for the written record, addressed to the person (or carer) as "you". The legal names of the outcomes stay
/// beside the plain ones, so the record can be checked against the regulations.
/// </summary>
public static class PlainEnglish
{
    public static string Outcome(SpecifiedOutcome outcome) => outcome switch
    {
        SpecifiedOutcome.Nutrition => "Getting and preparing food and drink, and eating well",
        SpecifiedOutcome.PersonalHygiene => "Keeping yourself clean, for example washing, bathing and brushing your teeth",
        SpecifiedOutcome.ToiletNeeds => "Using the toilet and managing your toilet needs",
        SpecifiedOutcome.BeingClothed => "Getting dressed in clothes that suit you and the weather",
        SpecifiedOutcome.UsingHomeSafely => "Moving around your home and using it safely",
        SpecifiedOutcome.HabitableHome => "Keeping your home clean, safe and fit to live in",
        SpecifiedOutcome.Relationships => "Keeping in touch with family and friends, and making and keeping relationships",
        SpecifiedOutcome.WorkTrainingEducationVolunteering => "Getting to and taking part in work, training, education or volunteering",
        SpecifiedOutcome.CommunityFacilities => "Using local places and services, such as shops, public transport and leisure activities",
        SpecifiedOutcome.CaringForAChild => "Looking after a child you are responsible for",
        _ => outcome.ToString(),
    };

    /// <summary>An eligible need in plain words: an adult's outcome, a carer's outcome, or the carer's health.</summary>
    public static string Need(EligibleNeed need) => need.Code == EligibleNeed.CarerHealthCode
        ? "Looking after your own physical and mental health"
        : EligibleNeed.Parse(need.Code) is { IsCarers: true }
            ? CarerOutcome(Enum.Parse<CarerOutcome>(need.Code[EligibleNeed.CarerPrefix.Length..]))
            : Outcome(Enum.Parse<SpecifiedOutcome>(need.Code));

    public static string CarerOutcome(CarerOutcome outcome) => outcome switch
    {
        Core.Assessments.CarerOutcome.CaringForAChild => "Looking after a child you are responsible for",
        Core.Assessments.CarerOutcome.CaringForOthers => "Looking after other people you care for",
        Core.Assessments.CarerOutcome.HabitableHome => "Keeping your home clean, safe and fit to live in",
        Core.Assessments.CarerOutcome.Nutrition => "Getting and preparing food and drink, and eating well",
        Core.Assessments.CarerOutcome.Relationships => "Keeping in touch with family and friends, and making and keeping relationships",
        Core.Assessments.CarerOutcome.WorkTrainingEducationVolunteering => "Taking part in work, training, education or volunteering",
        Core.Assessments.CarerOutcome.CommunityFacilities => "Using local places and services, such as shops and public transport",
        Core.Assessments.CarerOutcome.Recreation => "Having time for leisure and things you enjoy",
        _ => outcome.ToString(),
    };

    /// <summary>How the person is unable to achieve an outcome, one plain sentence for each way recorded.</summary>
    public static IReadOnlyList<string> How(UnableReasons reasons)
    {
        var sentences = new List<string>();
        if (reasons.HasFlag(UnableReasons.Unable)) sentences.Add("You are not able to do this.");
        if (reasons.HasFlag(UnableReasons.OnlyWithAssistance)) sentences.Add("You can only do this with help from someone else.");
        if (reasons.HasFlag(UnableReasons.SignificantPainDistressOrAnxiety)) sentences.Add("Doing this causes you a lot of pain, distress or anxiety.");
        if (reasons.HasFlag(UnableReasons.EndangersHealthOrSafety)) sentences.Add("Doing this puts your health or safety, or other people's, at risk.");
        if (reasons.HasFlag(UnableReasons.TakesSignificantlyLonger)) sentences.Add("Doing this takes you much longer than most people.");
        return sentences;
    }

    /// <summary>How the carer is unable to achieve an outcome (reg 3(3)), one plain sentence for each way recorded.</summary>
    public static IReadOnlyList<string> How(CarerUnableReasons reasons)
    {
        var sentences = new List<string>();
        if (reasons.HasFlag(CarerUnableReasons.UnableWithoutAssistance)) sentences.Add("You cannot do this without help from someone else.");
        if (reasons.HasFlag(CarerUnableReasons.SignificantPainDistressOrAnxiety)) sentences.Add("Doing this causes you a lot of pain, distress or anxiety.");
        if (reasons.HasFlag(CarerUnableReasons.EndangersHealthOrSafety)) sentences.Add("Doing this puts your health or safety, or other people's, at risk.");
        return sentences;
    }

    /// <summary>The reg 2(3) wording of how the person is unable, for practitioners.</summary>
    public static string HowForPractitioners(UnableReasons reasons) =>
        string.Join("; ", Enum.GetValues<UnableReasons>().Where(r => r != UnableReasons.None && reasons.HasFlag(r)).Select(r => Core.Common.EnumLabels.Label(r)));
}
