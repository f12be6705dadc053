using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Budgets;

/// <summary>The RAS arithmetic: points, bands, price per point, informal-support deduction, caps and the rounding rule.</summary>
public sealed class RasCalculatorTests
{
    /// <summary>Two scored questions (0/10/20 and 0/5/7 points) and an informal-support question (0%, 10%, 25%).</summary>
    private static RasDefinition Definition(decimal? price, decimal min = 0m, decimal max = 1000m, params RasBand[] bands) => new(
        [
            new RasQuestion("a", "Question A", null, [new("a-0", "None", 0), new("a-10", "Some", 10), new("a-20", "A lot", 20)]),
            new RasQuestion("b", "Question B", null, [new("b-0", "None", 0), new("b-5", "Some", 5), new("b-7", "A lot", 7)]),
            new RasQuestion("i", "Informal support", null, [new("i-0", "None", 0, 0m), new("i-10", "Some", 0, 10m), new("i-25", "Lots", 0, 25m)]),
        ],
        new RasConversion(price, bands, min, max));

    private static Dictionary<string, string> Answers(string a, string b, string i = "i-0") => new() { ["a"] = a, ["b"] = b, ["i"] = i };

    public static TheoryData<string, decimal?, RasBand[], string, string, string, int, decimal, decimal, CapApplied> Cases() => new()
    {
        // name, price, bands, a, b, informal, total, gross, weekly, cap
        { "price per point", 4.50m, [], "a-10", "b-5", "i-0", 15, 67.50m, 67.50m, CapApplied.None },
        { "zero points at a price", 4.50m, [], "a-0", "b-0", "i-0", 0, 0m, 0m, CapApplied.None },
        { "band covers the total", null, [new(0, 10, 50m), new(11, 30, 120m)], "a-10", "b-5", "i-0", 15, 120m, 120m, CapApplied.None },
        { "band lower edge is inclusive", null, [new(0, 9, 50m), new(10, 30, 120m)], "a-10", "b-0", "i-0", 10, 120m, 120m, CapApplied.None },
        { "band upper edge is inclusive", null, [new(0, 10, 50m), new(11, 30, 120m)], "a-10", "b-0", "i-0", 10, 50m, 50m, CapApplied.None },
        { "band wins over price", 4.50m, [new(0, 10, 99m)], "a-10", "b-0", "i-0", 10, 99m, 99m, CapApplied.None },
        { "price used outside the bands", 4.50m, [new(0, 10, 99m)], "a-20", "b-7", "i-0", 27, 121.50m, 121.50m, CapApplied.None },
        { "10% informal support deduction", 4.50m, [], "a-20", "b-0", "i-10", 20, 90m, 81m, CapApplied.None },
        { "25% informal support deduction", 4.50m, [], "a-20", "b-7", "i-25", 27, 121.50m, 91.12m, CapApplied.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Calculate_ConvertsPointsToAWeeklyAmount(string name, decimal? price, RasBand[] bands, string a, string b, string i, int total, decimal gross, decimal weekly, CapApplied cap)
    {
        var result = RasCalculator.Calculate(Definition(price, bands: bands), Answers(a, b, i));

        result.TotalPoints.ShouldBe(total, name);
        result.GrossWeekly.ShouldBe(gross, name);
        result.Weekly.ShouldBe(weekly, name);
        result.Cap.ShouldBe(cap, name);
        result.Annual.ShouldBe(Money.Round(weekly * 52), name);
        result.Lines.Select(l => l.QuestionId).ShouldBe(["a", "b", "i"], name);
    }

    [Theory]
    [InlineData("a-0", "b-5", 22.50, 25.00, CapApplied.Minimum)]
    [InlineData("a-10", "b-7", 76.50, 76.50, CapApplied.None)]
    [InlineData("a-20", "b-7", 121.50, 100.00, CapApplied.Maximum)]
    public void Calculate_AppliesTheMinimumAndMaximum(string a, string b, decimal gross, decimal weekly, CapApplied cap)
    {
        var result = RasCalculator.Calculate(Definition(4.50m, min: 25m, max: 100m), Answers(a, b));

        result.GrossWeekly.ShouldBe(gross);
        result.Weekly.ShouldBe(weekly);
        result.Cap.ShouldBe(cap);
        result.Steps().ShouldContain(s => cap == CapApplied.None ? s.Contains("within the minimum and maximum") : s.Contains(cap == CapApplied.Minimum ? "raised to" : "reduced to"));
    }

    [Fact]
    public void Calculate_CapsAfterTheDeduction()
    {
        // 20 points at £4.50 = £90, less 25% = £67.50, below the £70 minimum.
        var result = RasCalculator.Calculate(Definition(4.50m, min: 70m, max: 1000m), Answers("a-20", "b-0", "i-25"));

        result.DeductionWeekly.ShouldBe(22.50m);
        result.AfterDeductionWeekly.ShouldBe(67.50m);
        result.Weekly.ShouldBe(70m);
        result.Cap.ShouldBe(CapApplied.Minimum);
    }

    [Theory]
    [InlineData(0.0045, 1, 0.00)] // 0.0045 rounds down
    [InlineData(0.005, 1, 0.01)] // a half penny rounds away from zero
    [InlineData(1.0005, 5, 5.00)] // 5.0025 rounds down to 5.00
    [InlineData(0.001, 5, 0.01)] // 0.005 rounds up
    [InlineData(2.335, 1, 2.34)]
    [InlineData(2.345, 1, 2.35)] // not banker's rounding (which gives 2.34)
    public void Calculate_RoundsHalfAwayFromZeroToThePenny(double price, int points, double weekly)
    {
        var definition = new RasDefinition(
            [new RasQuestion("q", "Q", null, [new("q-0", "None", 0), new("q-n", "Some", points)])],
            new RasConversion((decimal)price, [], 0m, 1000m));

        var result = RasCalculator.Calculate(definition, new Dictionary<string, string> { ["q"] = "q-n" });

        result.Weekly.ShouldBe((decimal)weekly);
    }

    [Theory]
    [InlineData(10.005, 10.01)]
    [InlineData(10.004, 10.00)]
    [InlineData(-10.005, -10.01)]
    [InlineData(2.675, 2.68)]
    public void MoneyRound_IsHalfAwayFromZero(double amount, double expected) =>
        Money.Round((decimal)amount).ShouldBe((decimal)expected);

    [Theory]
    [InlineData(100.00, 5200.00)]
    [InlineData(67.505, 3510.26)] // 52 × 67.505 = 3510.26 exactly
    [InlineData(0.01, 0.52)]
    public void MoneyAnnual_IsFiftyTwoWeeksRounded(double weekly, double annual) =>
        Money.Annual((decimal)weekly).ShouldBe((decimal)annual);

    [Fact]
    public void Calculate_DeductionIsRoundedToThePenny()
    {
        // 27 points at £4.50 = £121.50; 25% = £30.375 → £30.38; leaves £91.12.
        var result = RasCalculator.Calculate(Definition(4.50m), Answers("a-20", "b-7", "i-25"));

        result.DeductionWeekly.ShouldBe(30.38m);
        result.Weekly.ShouldBe(91.12m);
        result.Steps().ShouldContain(s => s.Contains("25%") && s.Contains("£30.38") && s.Contains("£91.12"));
    }

    [Fact]
    public void Calculate_MissingAndUnknownAnswers_AreEachAnError()
    {
        var ex = Should.Throw<ValidationFailedException>(() =>
            RasCalculator.Calculate(Definition(4.50m), new Dictionary<string, string> { ["a"] = "a-10", ["b"] = "not-an-answer" }));

        ex.Errors.Select(e => e.Field).ShouldBe(["Answers[b]", "Answers[i]"]);
        ex.Errors[0].Message.ShouldBe("Answer: Question B");
    }

    [Fact]
    public void Steps_ExplainEveryStepInPlainEnglish()
    {
        var steps = RasCalculator.Calculate(Definition(4.50m), Answers("a-20", "b-0", "i-10")).Steps();

        steps.ShouldBe([
            "The answers add up to 20 points.",
            "20 points at £4.50 a point: £90.00 a week.",
            "Support the person already gets from family or friends reduces this by 10% (£9.00), leaving £81.00 a week.",
            "This is within the minimum and maximum, so the indicative amount is £81.00 a week.",
            "Over a year (52 weeks) that is £4,212.00.",
        ]);
    }

    [Fact]
    public void DefaultRas_IsPublishableAndLabelledAsAnExample()
    {
        DefaultRas.Definition.Problems().ShouldBeEmpty();
        DefaultRas.Name.ShouldContain("example");
    }
}
