using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.SupportPlans;

/// <summary>
/// How a costed part of a plan is written for people: "£16.50 an hour", "1 session a week", "2.5 hours a week".
/// One place, so every page and letter that prints a price or a frequency says it the same, grammatical, way.
/// </summary>
public static class UnitWording
{
    /// <summary>The unit price: "£16.50 an hour", "£60.00 a session", "£12.00 each" for an item.</summary>
    public static string Price(decimal unitCost, UnitType unit) => unit switch
    {
        UnitType.Hour => $"{UkFormat.Money(unitCost)} an hour",
        UnitType.Item => $"{UkFormat.Money(unitCost)} each",
        _ => $"{UkFormat.Money(unitCost)} a {Singular(unit)}",
    };

    /// <summary>How many units a week: "1 session a week", "6 hours a week", "1.5 hours a week", "every week".</summary>
    public static string Frequency(decimal unitsPerWeek, UnitType unit)
    {
        if (unit == UnitType.Week)
        {
            return unitsPerWeek == 1m ? "every week" : $"{Number(unitsPerWeek)} times the weekly price, every week";
        }

        return $"{Count(unitsPerWeek, unit)} a week";
    }

    /// <summary>A number of units: "1 session", "2 sessions", "1.5 hours", "0.5 hours".</summary>
    public static string Count(decimal units, UnitType unit) =>
        $"{Number(units)} {(units == 1m ? Singular(unit) : Plural(unit))}";

    private static string Number(decimal n) => n.ToString("0.##", UkFormat.Culture);

    private static string Singular(UnitType unit) => unit.Label().ToLowerInvariant();

    private static string Plural(UnitType unit) => Singular(unit) + "s";
}
