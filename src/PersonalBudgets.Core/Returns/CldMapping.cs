using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;
using V = PersonalBudgets.Core.Returns.CldSpec;

namespace PersonalBudgets.Core.Returns;

/// <summary>
/// The one place where our records become CLD values (ADR 0028). Person fields whose value lists we already store in
/// Release 2 form (CldValues.cs) are their Display names; everything else is mapped here, field by field.
/// </summary>
public static class CldMapping
{
    /// <summary>A person with <c>CaresForPersonId</c> is an unpaid carer with their own record; everyone else a service user.</summary>
    public static string ClientType(Guid? caresForPersonId) => caresForPersonId is null ? V.ClientType.ServiceUser : V.ClientType.UnpaidCarer;

    public static string Gender(Gender value) => value.Label();

    public static string Ethnicity(Ethnicity value) => value.Label();

    public static string Accommodation(AccommodationStatus value) => value.Label();

    public static string Employment(EmploymentStatus value) => value.Label();

    /// <summary>A carer's primary support reason is always support to an unpaid carer.</summary>
    public static string PrimarySupportReason(PrimarySupportReason value, bool isCarer) =>
        (isCarer ? People.PrimarySupportReason.SupportToUnpaidCarer : value).Label();

    /// <summary>Yes when someone's carer has their own record linked to the person; else the latest assessment's answer.</summary>
    public static string HasUnpaidCarer(bool hasCarerRecord, YesNoUnknown? assessmentAnswer) =>
        hasCarerRecord ? V.YesNo.Yes : assessmentAnswer switch
        {
            YesNoUnknown.Yes => V.YesNo.Yes,
            YesNoUnknown.No => V.YesNo.No,
            _ => V.YesNo.Unknown,
        };

    /// <summary>
    /// Who pays: section 117 aftercare is free (no charge, no contribution), so it is fully social care funded even
    /// where the NHS shares the cost; otherwise an assessed contribution makes it joint.
    /// </summary>
    public static string FundingStatus(bool section117, decimal contributionWeekly) =>
        !section117 && contributionWeekly > 0 ? V.FundingStatus.JointClientAndSocialCare : V.FundingStatus.FullySocialCareFunded;

    /// <summary>Where a referral went: on to an assessment, or no further action for the reason the pathway ended.</summary>
    public static string? RequestOutcome(bool movedOn, PathwayEndReason? endReason) =>
        movedOn ? V.EventOutcome.ProgressToAssessment : endReason is { } reason ? EndOutcome(reason) : null;

    public static string EndOutcome(PathwayEndReason reason) => reason switch
    {
        PathwayEndReason.NoEligibleNeeds => V.EventOutcome.NfaNoServicesOther,
        PathwayEndReason.DeclinedSupport => V.EventOutcome.NfaSupportDeclined,
        PathwayEndReason.NeedsMetOtherwise => V.EventOutcome.NfaInformationAndAdvice,
        PathwayEndReason.EndedAfterReview => V.EventOutcome.NfaSupportEndedAsPlanned,
        PathwayEndReason.MovedAway => V.EventOutcome.NfaMovedToAnotherLa,
        PathwayEndReason.Died => V.EventOutcome.NfaDeceased,
        _ => V.EventOutcome.NfaOther,
    };

    /// <summary>Every needs and carer's assessment under the Care Act is a long-term assessment (§2.13).</summary>
    public static string AssessmentType(AssessmentKind kind) => V.AssessmentType.LongTerm;

    public static string? EligibleNeedsIdentified(bool? eligible) => eligible switch
    {
        true => V.Unconfirmed.EligibleYes,
        false => V.Unconfirmed.EligibleNo,
        null => null,
    };

    public static string? MethodOfAssessment(AssessmentType? type) => type switch
    {
        Assessments.AssessmentType.FaceToFace => V.Unconfirmed.MethodFaceToFace,
        Assessments.AssessmentType.SupportedSelfAssessment => V.Unconfirmed.MethodSupportedSelfAssessment,
        Assessments.AssessmentType.TelephoneOrVideo => V.Unconfirmed.MethodTelephoneOrVideo,
        Assessments.AssessmentType.JointWithNhs => V.Unconfirmed.MethodJointWithNhs,
        _ => null,
    };

    /// <summary>
    /// What followed an assessment: eligible needs go on to support planning, unless the NHS meets them in full (its
    /// budget wholly NHS funded); needs that are not eligible get the written record's advice and information.
    /// Undecided eligibility leaves the mandatory outcome blank, which the data-quality report flags.
    /// </summary>
    public static string? AssessmentOutcome(bool? eligible, bool whollyNhsFunded) => eligible switch
    {
        true when whollyNhsFunded => V.EventOutcome.NfaNhs,
        true => V.EventOutcome.ProgressToSupportPlanning,
        false => V.EventOutcome.NfaInformationAndAdvice,
        null => null,
    };

    /// <summary>Our budgets are long-term community support; a carer's are support direct to the carer, unless the element supports the person cared for.</summary>
    public static string ServiceType(bool isCarer, ServiceCategory category) => !isCarer
        ? V.ServiceType.Community
        : category == ServiceCategory.SupportToCaredForPerson ? V.ServiceType.InvolvingCaredFor : V.ServiceType.DirectToCarer;

    /// <summary>
    /// What is delivered. Money paid as a direct payment is the component "Direct payment" (as ASCOF 3D's hierarchy
    /// reads it); otherwise the nearest component to what the element buys.
    /// </summary>
    public static string ServiceComponent(bool isCarer, ServiceCategory category, Deployment deployment)
    {
        if (deployment == Deployment.DirectPayment)
        {
            return V.ServiceComponent.DirectPayment;
        }

        if (isCarer)
        {
            return category switch
            {
                ServiceCategory.ShortBreak or ServiceCategory.SupportToCaredForPerson => V.ServiceComponent.CarerRespite,
                _ => V.ServiceComponent.OtherCarerSupport,
            };
        }

        return category switch
        {
            ServiceCategory.PersonalAssistant or ServiceCategory.HomeSupport => V.ServiceComponent.HomeSupport,
            ServiceCategory.CommunityActivity => V.ServiceComponent.DaySupport,
            ServiceCategory.Education or ServiceCategory.EmploymentSupport => V.ServiceComponent.LearningEducationEmployment,
            ServiceCategory.Transport => V.ServiceComponent.Transport,
            ServiceCategory.Equipment => V.ServiceComponent.Equipment,
            _ => V.ServiceComponent.OtherLongTerm,
        };
    }

    /// <summary>An individual service fund is a personal budget the council arranges to be managed, so it counts as managed (SALT's rule).</summary>
    public static string DeliveryMechanism(Deployment deployment) => deployment switch
    {
        Deployment.DirectPayment => V.DeliveryMechanism.DirectPayment,
        Deployment.CouncilManaged or Deployment.IndividualServiceFund => V.DeliveryMechanism.ManagedPersonalBudget,
        _ => V.DeliveryMechanism.CommissionedSupport,
    };

    public static string CostFrequency(UnitType unit) => unit switch
    {
        UnitType.Hour => V.CostFrequency.Hourly,
        UnitType.Day => V.CostFrequency.Daily,
        UnitType.Week => V.CostFrequency.Weekly,
        _ => V.CostFrequency.PerSession,
    };

    /// <summary>A service that ended in the period: carried on under a revised plan, or ended; one still going continues.</summary>
    public static string ServiceOutcome(bool endedInPeriod, bool replacedByRevision, bool died) =>
        died ? V.EventOutcome.NfaDeceased
        : !endedInPeriod || replacedByRevision ? V.EventOutcome.Continuation
        : V.EventOutcome.NfaSupportEndedAsPlanned;

    public static string ReviewReason(ReviewReason reason) => reason switch
    {
        Reviews.ReviewReason.Scheduled => V.Unconfirmed.ReviewPlanned,
        Reviews.ReviewReason.RequestedByCarer => V.Unconfirmed.ReviewUnplannedCarer,
        _ => V.Unconfirmed.ReviewUnplannedOther,
    };

    /// <summary>All outcomes fully achieved, none achieved, or partly; blank when none was recorded.</summary>
    public static string? ReviewOutcomesAchieved(IReadOnlyList<OutcomeAchieved?> outcomes)
    {
        var answered = outcomes.Where(o => o is not null).Select(o => o!.Value).ToList();
        if (answered.Count == 0)
        {
            return null;
        }

        return answered.All(o => o == OutcomeAchieved.Fully) ? V.Unconfirmed.OutcomesFully
            : answered.All(o => o == OutcomeAchieved.Not) ? V.Unconfirmed.OutcomesNot
            : V.Unconfirmed.OutcomesPartly;
    }

    /// <summary>How the review was held, from how the person took part; blank when not recorded.</summary>
    public static string? MethodOfReview(Participation? participation) => participation switch
    {
        Participation.PhoneOrVideo => V.Unconfirmed.MethodTelephoneOrVideo,
        Participation.InWriting => V.Unconfirmed.MethodInWriting,
        null => null,
        _ => V.Unconfirmed.MethodFaceToFace,
    };

    public static string ReviewOutcome(ReviewDecision? decision) => decision switch
    {
        ReviewDecision.RevisePlan => V.EventOutcome.ProgressToSupportPlanning,
        ReviewDecision.Reassess => V.EventOutcome.ProgressToAssessment,
        ReviewDecision.EndSupport => V.EventOutcome.NfaSupportEndedAsPlanned,
        _ => V.EventOutcome.Continuation,
    };

    /// <summary>A plain description of the event from our own labels: never free text, which may name people.</summary>
    public static string Description(string eventType, string? detail) => detail is null ? eventType : $"{eventType}: {detail}";
}
