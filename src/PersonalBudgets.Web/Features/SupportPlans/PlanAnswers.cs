using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>The whole plan as summary lists, with or without change links (check answers has them).</summary>
public sealed record PlanAnswers(PlanView View, bool ChangeLinks, bool ShowCosts = true)
{
    public const string CostExplanation =
        "Each part of the support costs its price times how often it happens each week. Some parts may start or end at different times. "
        + "The weekly cost of the plan is the most it will cost in any one week, so a part that ends before another starts is not counted twice. "
        + "The cost for a year is the weekly cost times 52.";

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
