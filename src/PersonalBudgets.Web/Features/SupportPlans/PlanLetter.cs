using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Features.Letters;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>
/// A version of the care and support plan as a letter for the person: what they see of it whether staff print it or
/// the person opens it in their own area (ADR 0029). Shown with _PlanLetter.
/// </summary>
/// <param name="EligibleNeeds">The needs the plan must meet, from the person's current eligibility.</param>
/// <param name="Section117">Whether section 117 aftercare (free) is in force today.</param>
public sealed record PlanLetter(LetterHeading Heading, string PersonName, SupportPlan Plan, IReadOnlyList<EligibleNeed> EligibleNeeds, bool Section117)
{
    /// <summary>The letter's reference after the person's identifier.</summary>
    public static string Reference(SupportPlan plan) => $"PLAN-{plan.Number}";

    /// <summary>What each way of paying for support means, in the person's words.</summary>
    public static string Explain(Deployment deployment) => deployment switch
    {
        Deployment.DirectPayment => "You get the money and arrange this support yourself.",
        Deployment.CouncilManaged => "The council holds the money and arranges this support the way you want.",
        Deployment.IndividualServiceFund => "A provider holds the money for you and arranges this support with you.",
        _ => "The council arranges and pays for this service.",
    };
}
