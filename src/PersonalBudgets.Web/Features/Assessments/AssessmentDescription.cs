using System.Globalization;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Plain-English descriptions of an assessment's answers, for summaries, the audit trail and the API.</summary>
public static class AssessmentDescription
{
    public const string OwnerField = "Owner";

    public static string YesNo(bool? value) => value switch { true => "Yes", false => "No", null => "" };

    /// <summary>The ways of being unable to achieve an outcome, as labels.</summary>
    public static IReadOnlyList<UnableReasons> ReasonList(UnableReasons reasons) =>
        Enum.GetValues<UnableReasons>().Where(r => r != UnableReasons.None && reasons.HasFlag(r)).ToList();

    public static string Outcome(AssessmentOutcome? o) => o?.Finding switch
    {
        null => o?.WithoutDifficulty is null ? "" : "Not answered: no way of being unable recorded",
        { WithoutDifficulty: true } => "Manages without difficulty" + (o.Note is null ? "" : $". {o.Note}"),
        { } f => $"Unable to achieve: {f.WaysText}" + (o.Note is null ? "" : $". {o.Note}"),
    };

    /// <summary>How the carer manages a carer outcome (reg 3(3)), in words.</summary>
    public static string CarerOutcome(CarerOutcomeFinding? o) => o?.Answer switch
    {
        null => "",
        { WithoutDifficulty: true } => "Manages without difficulty" + (o.Note is null ? "" : $". {o.Note}"),
        { } f => $"Unable to achieve: {f.WaysText}" + (o.Note is null ? "" : $". {o.Note}"),
    };

    public static string Wellbeing(WellbeingFinding? w) => w is null ? "" : w.Impact.Label() + (w.Note is null ? "" : $". {w.Note}");

    /// <summary>
    /// Every answer, keyed by a label, so two snapshots can be compared field by field for the audit trail.
    /// The owner is given by id; the caller puts names in.
    /// </summary>
    public static Dictionary<string, string> Describe(Assessment a)
    {
        var d = new Dictionary<string, string>
        {
            ["Type"] = a.Type?.Label() ?? "",
            [OwnerField] = a.OwnerId.ToString(),
            ["Due date"] = UkFormat.Date(a.DueDate),
            ["Who took part"] = a.WhoTookPart ?? "",
            ["How the person took part"] = a.Participation?.Label() ?? "",
            ["Who was consulted for the best-interests decision"] = a.BestInterestsConsulted ?? "",
            ["What matters to the person"] = a.WhatMattersInOwnWords ?? "",
            ["Outcomes the person wants"] = a.OutcomesWanted ?? "",
            ["Needs arise from a physical or mental impairment or illness"] = YesNo(a.NeedsArisefromImpairmentOrIllness),
            ["Kind of impairment or illness"] = a.ImpairmentDescription ?? "",
        };
        foreach (var outcome in Enum.GetValues<SpecifiedOutcome>())
        {
            d[$"Outcome: {outcome.Label()}"] = Outcome(a.Outcomes.SingleOrDefault(o => o.Outcome == outcome));
        }

        d["Needs fluctuate"] = YesNo(a.NeedsFluctuate);
        d["Period considered"] = a.FluctuationPeriodConsidered ?? "";
        d["How needs vary"] = a.FluctuationDescription ?? "";
        foreach (var area in Enum.GetValues<WellbeingArea>())
        {
            d[$"Wellbeing: {area.Label()}"] = Wellbeing(a.Wellbeing.SingleOrDefault(w => w.Area == area));
        }

        d["Unpaid carer"] = a.HasUnpaidCarer?.Label() ?? "";
        d["Linked carer's assessment"] = a.LinkedCarerAssessmentId?.ToString() ?? "";
        d["Independent advocate needed"] = YesNo(a.AdvocateNeeded);
        d["Advocacy note"] = a.AdvocacyNote ?? "";
        d["Carer's name"] = a.CarerName ?? "";
        d["Carer's relationship"] = a.CarerRelationship ?? "";
        d["Needs arise from providing necessary care"] = YesNo(a.CarerNeedsArisefromProvidingCare);
        d["Carer's health deteriorating or at risk"] = YesNo(a.CarerHealthAtRisk);
        foreach (var outcome in Enum.GetValues<Core.Assessments.CarerOutcome>())
        {
            d[$"Carer outcome: {outcome.Label()}"] = CarerOutcome(a.CarerOutcomes.SingleOrDefault(o => o.Outcome == outcome));
        }
        return d;
    }

    public static string Version(Assessment a) => $"Version {a.VersionNumber.ToString(CultureInfo.InvariantCulture)}";
}
