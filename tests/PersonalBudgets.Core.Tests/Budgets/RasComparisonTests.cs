using PersonalBudgets.Core.Budgets;

namespace PersonalBudgets.Core.Tests.Budgets;

public sealed class RasComparisonTests
{
    private static RasDefinition Definition(IReadOnlyList<RasQuestion> questions, decimal? price = 2.50m, decimal max = 500m) =>
        new(questions, new RasConversion(price, [], 0m, max));

    private static readonly RasQuestion Meals = new("meals", "Preparing meals", null, [new("a", "Without help", 0), new("b", "With some help", 5)]);
    private static readonly RasQuestion Going = new("out", "Going out", "Shops, groups", [new("a", "Alone", 0), new("b", "With someone", 4)]);

    [Fact]
    public void Compare_TheSameDefinition_HasNoDifferences() =>
        RasComparison.Compare(Definition([Meals, Going]), Definition([Meals, Going])).ShouldBeEmpty();

    [Fact]
    public void Compare_NamesAddedRemovedRewordedAndRescoredQuestionsAndAnswers_AndTheConversion()
    {
        var before = Definition([Meals, Going]);
        var after = Definition(
        [
            Meals with { Text = "Preparing and eating meals", Answers = [new("a", "Without help", 0), new("b", "With some help", 6), new("c", "Not at all", 10, 20m)] },
            new("sleep", "Sleeping", null, [new("a", "Well", 0), new("b", "Badly", 3)]),
        ], price: 2.75m);

        RasComparison.Compare(before, after).ShouldBe(
        [
            new("Question 1: wording", "Preparing meals", "Preparing and eating meals"),
            new("Question 1, answer \"With some help\"", "With some help: 5 points", "With some help: 6 points"),
            new("Question 1: answer added", "None", "Not at all: 10 points, 20% deducted"),
            new("Question 2 (new)", "None", "Sleeping: Well: 0 points; Badly: 3 points"),
            new("Question removed", "Going out: Alone: 0 points; With someone: 4 points", "None"),
            new("Price per point", "£2.50", "£2.75"),
        ]);
    }
}
