using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.SupportPlans;

/// <summary>
/// The arithmetic of a plan's cost. An element costs its unit cost times its units per week, rounded to the penny.
/// The plan's weekly cost is the highest weekly cost in force on any day of the plan (elements that follow one
/// another are not added together); its annual cost is that times 52 (see docs/adr/0008).
/// </summary>
public static class PlanCosting
{
    public static decimal WeeklyCost(decimal unitCost, decimal unitsPerWeek) => Money.Round(unitCost * unitsPerWeek);

    /// <summary>The highest total weekly cost of the elements in force on any one day.</summary>
    public static decimal PeakWeekly(IEnumerable<PlanElement> elements)
    {
        var list = elements.ToList();
        if (list.Count == 0)
        {
            return 0m;
        }

        // The total only rises when an element starts, so the peak is at one of the start dates.
        return list.Select(e => e.StartDate).Distinct()
            .Max(day => list.Where(e => e.IsInForceOn(day)).Sum(e => e.WeeklyCost));
    }

    /// <summary>The weekly cost in force on one day, split by how each part is paid for.</summary>
    public static IReadOnlyDictionary<Deployment, decimal> ByDeployment(IEnumerable<PlanElement> elements, DateOnly day) =>
        Enum.GetValues<Deployment>().ToDictionary(d => d, d => elements.Where(e => e.Deployment == d && e.IsInForceOn(day)).Sum(e => e.WeeklyCost));

    /// <summary>The day the peak weekly cost is first reached.</summary>
    public static DateOnly? PeakDay(IEnumerable<PlanElement> elements)
    {
        var list = elements.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var peak = PeakWeekly(list);
        return list.Select(e => e.StartDate).Distinct().Order().First(day => list.Where(e => e.IsInForceOn(day)).Sum(e => e.WeeklyCost) == peak);
    }

    /// <summary>How far the plan's weekly cost is from the indicative weekly amount, as a percentage of it.</summary>
    public static decimal? VariancePercent(decimal planWeekly, decimal? indicativeWeekly) =>
        indicativeWeekly is null or 0m ? null : Math.Round((planWeekly - indicativeWeekly.Value) / indicativeWeekly.Value * 100m, 1, MidpointRounding.AwayFromZero);

    /// <summary>Whether the difference from the indicative amount is beyond the standard and needs a reason.</summary>
    public static bool NeedsVarianceReason(decimal planWeekly, decimal? indicativeWeekly, int thresholdPercent) =>
        // Compared exactly, not on the percentage rounded for display: 10.04% is above 10%.
        indicativeWeekly is { } indicative && indicative != 0m && Math.Abs(planWeekly - indicative) * 100m > thresholdPercent * Math.Abs(indicative);

    /// <summary>
    /// Two elements double-count when they are the same support (same category, description and provider) and
    /// their dates overlap.
    /// </summary>
    public static FieldError? DoubleCounting(PlanElement candidate, IEnumerable<PlanElement> others)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var clash = others.FirstOrDefault(o => o.Id != candidate.Id
            && o.Category == candidate.Category
            && string.Equals(o.Description.Trim(), candidate.Description.Trim(), StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Provider.Trim(), candidate.Provider.Trim(), StringComparison.OrdinalIgnoreCase)
            && o.StartDate <= (candidate.EndDate ?? DateOnly.MaxValue)
            && candidate.StartDate <= (o.EndDate ?? DateOnly.MaxValue));
        return clash is null
            ? null
            : new FieldError("StartDate",
                $"The dates overlap another element for the same support (\"{clash.Description}\" from {clash.Provider}, {UkFormat.Date(clash.StartDate)}{(clash.EndDate is { } end ? " to " + UkFormat.Date(end) : " onwards")}), so it would be counted twice. Change the dates or the other element");
    }
}
