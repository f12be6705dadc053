using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Features.People;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>
/// The words a review's pages use for whom it is about: the person, or on a carer's own record (ADR 21) the carer,
/// whose review asks about the carer's outcomes and says whom they care for.
/// </summary>
public static class ReviewWording
{
    /// <summary>The reason as the record's pages say it: a carer's own request is "requested by the carer".</summary>
    public static string ReasonLabel(ReviewReason reason, PersonRecord record) => (record.Person.IsCarer, reason) switch
    {
        (true, ReviewReason.RequestedByPerson) => "Requested by the carer",
        (true, ReviewReason.RequestedByCarer) => "Requested by someone close to the carer",
        _ => reason.Label(),
    };

    /// <summary>Who may have asked for a review: on a carer's record, the carer, someone close to them (such as the person they care for) or a practitioner.</summary>
    public static IReadOnlyList<SelectListItem> WhoAsked(PersonRecord record) => record.CaresFor is { } caredFor
        ?
        [
            new("The carer", nameof(ReviewReason.RequestedByPerson)),
            new($"Someone close to the carer, for example {caredFor.Name}, the person they care for", nameof(ReviewReason.RequestedByCarer)),
            new("A practitioner", nameof(ReviewReason.RequestedByPractitioner)),
        ]
        :
        [
            new("The person", nameof(ReviewReason.RequestedByPerson)),
            new("A carer", nameof(ReviewReason.RequestedByCarer)),
            new("A practitioner", nameof(ReviewReason.RequestedByPractitioner)),
        ];

    /// <summary>The decisions a review can reach, in words for the person or the carer.</summary>
    public static IReadOnlyList<SelectListItem> Decisions(PersonRecord record) =>
    [
        new($"Continue with the plan: it is meeting the {record.Subject}'s needs", nameof(ReviewDecision.Continue)),
        new("Revise the plan: start a new version, which goes for approval", nameof(ReviewDecision.RevisePlan)),
        new($"Reassess the {record.Subject}'s needs", nameof(ReviewDecision.Reassess)),
        new("End support", nameof(ReviewDecision.EndSupport)),
    ];

    /// <summary>How far an outcome was achieved, in the person's words (their review record and their own area).</summary>
    public static string AchievedForPerson(OutcomeAchieved? achieved) => achieved switch
    {
        OutcomeAchieved.Fully => "You have achieved this.",
        OutcomeAchieved.Partly => "You have partly achieved this.",
        OutcomeAchieved.Not => "You have not achieved this yet.",
        _ => "We have not recorded this yet.",
    };

    /// <summary>What a review decided, in the person's words.</summary>
    public static string DecisionForPerson(ReviewDecision? decision) => decision switch
    {
        ReviewDecision.Continue => "Your support plan is working, so it carries on as it is. Your personal budget stays the same.",
        ReviewDecision.RevisePlan => "We will change your support plan with you. Until the new plan is agreed and approved, your current plan and personal budget carry on.",
        ReviewDecision.Reassess => "Your needs have changed, so we will assess them again with you. Until then, your current plan and personal budget carry on.",
        ReviewDecision.EndSupport => "Your support from the council is ending.",
        _ => "No decision has been made yet.",
    };
}
