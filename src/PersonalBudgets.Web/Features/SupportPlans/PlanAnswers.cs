using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>The whole plan as summary lists, with or without change links (check answers has them).</summary>
public sealed record PlanAnswers(PlanView View, bool ChangeLinks, bool ShowCosts = true)
{
    public const string CostExplanation =
        "Each part of the support costs its unit cost times its units a week. The weekly cost of the plan is the highest total of the parts in force in any one week, "
        + "so parts that follow one another are not added together. The annual cost is the weekly cost times 52.";

    public string? Change(string href) => ChangeLinks ? href : null;

    public static string WrittenBy(PlanContributor by) => $"Written by {by.Label().ToLowerInvariant()}";

    public static string Variance(decimal? percent) => percent switch
    {
        null => "No indicative amount to compare with",
        0m => "The same as the indicative amount",
        > 0m => $"{percent:0.0}% more than the indicative amount",
        _ => $"{-percent:0.0}% less than the indicative amount",
    };
}
