using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.My;

/// <summary>A plan version's state, in the person's words.</summary>
public static class MyPlanWords
{
    public static string Status(PlanStatus status) => status switch
    {
        PlanStatus.Draft => "being written, not finished yet",
        PlanStatus.AwaitingApproval => "finished, waiting for the council to say yes",
        PlanStatus.Approved => "your plan now",
        _ => "an old plan, replaced by a newer one",
    };
}
