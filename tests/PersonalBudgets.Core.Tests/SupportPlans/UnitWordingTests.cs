using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Tests.SupportPlans;

/// <summary>Prices and frequencies as the person reads them in their letters: grammatical, one unit at a time.</summary>
public sealed class UnitWordingTests
{
    [Theory]
    [InlineData(16.5, UnitType.Hour, "£16.50 an hour")]
    [InlineData(60, UnitType.Session, "£60.00 a session")]
    [InlineData(90, UnitType.Day, "£90.00 a day")]
    [InlineData(120, UnitType.Night, "£120.00 a night")]
    [InlineData(330, UnitType.Week, "£330.00 a week")]
    [InlineData(12, UnitType.Item, "£12.00 each")]
    public void Price_UsesTheRightArticle(decimal cost, UnitType unit, string expected) => UnitWording.Price(cost, unit).ShouldBe(expected);

    [Theory]
    [InlineData(1, UnitType.Session, "1 session a week")]
    [InlineData(2, UnitType.Session, "2 sessions a week")]
    [InlineData(1, UnitType.Hour, "1 hour a week")]
    [InlineData(1.5, UnitType.Hour, "1.5 hours a week")]
    [InlineData(0.5, UnitType.Hour, "0.5 hours a week")]
    [InlineData(1, UnitType.Night, "1 night a week")]
    [InlineData(3, UnitType.Item, "3 items a week")]
    [InlineData(1, UnitType.Week, "every week")]
    public void Frequency_AgreesWithTheNumber(decimal units, UnitType unit, string expected) => UnitWording.Frequency(units, unit).ShouldBe(expected);
}
