using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Budgets;

/// <summary>A challenge needs a reason; a decision needs an outcome and a reason, and a revised amount when upheld.</summary>
public sealed class BudgetChallengeTests
{
    private static readonly Actor Practitioner = new(Guid.NewGuid(), "Priya Shah");
    private static readonly Actor Manager = new(Guid.NewGuid(), "Helen Marsh");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static IndicativeBudget Budget()
    {
        var v = RasVersion.CreateDraft(1, "Example", DefaultRas.Definition, true, Practitioner, Now);
        v.Publish(Practitioner, Now, null);
        var answers = DefaultRas.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[1].Id);
        return IndicativeBudget.Calculate(Guid.NewGuid(), null, v, answers, CompletedWith.PractitionerWithPerson, Practitioner, Now);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Raise_WithoutAReason_IsRefused(string? reason) =>
        Should.Throw<ValidationFailedException>(() => BudgetChallenge.Raise(Budget(), reason, Practitioner, Now))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
                e => e.Field.ShouldBe("Reason"),
                e => e.Message.ShouldBe("Enter why the person disagrees with the amount"));

    [Fact]
    public void Raise_WithATooLongReason_IsRefused() =>
        Should.Throw<ValidationFailedException>(() => BudgetChallenge.Raise(Budget(), new string('x', BudgetChallenge.TextMaxLength + 1), Practitioner, Now));

    public static TheoryData<ChallengeOutcome?, string?, decimal?, string[]> InvalidDecisions() => new()
    {
        { null, "Reason", null, ["Outcome"] },
        { ChallengeOutcome.NotUpheld, null, null, ["OutcomeReason"] },
        { ChallengeOutcome.Upheld, "Reason", null, ["RevisedWeeklyAmount"] },
        { ChallengeOutcome.Upheld, "Reason", -1m, ["RevisedWeeklyAmount"] },
        { null, " ", null, ["Outcome", "OutcomeReason"] },
    };

    [Theory]
    [MemberData(nameof(InvalidDecisions))]
    public void Decide_WithMissingParts_IsRefusedAndNothingChanges(ChallengeOutcome? outcome, string? reason, decimal? revised, string[] fields)
    {
        var challenge = BudgetChallenge.Raise(Budget(), "Needs more support at night", Practitioner, Now);

        var ex = Should.Throw<ValidationFailedException>(() => challenge.Decide(outcome, reason, revised, challenge.Revision, Manager, Now));

        ex.Errors.Select(e => e.Field).ShouldBe(fields);
        challenge.Outcome.ShouldBeNull();
    }

    [Fact]
    public void Decide_Upheld_RecordsTheRevisedAmountRoundedToThePenny()
    {
        var challenge = BudgetChallenge.Raise(Budget(), "Needs more support at night", Practitioner, Now);

        challenge.Decide(ChallengeOutcome.Upheld, "Night-time needs were missed", 180.005m, 1, Manager, Now.AddDays(2));

        challenge.Outcome.ShouldBe(ChallengeOutcome.Upheld);
        challenge.RevisedWeeklyAmount.ShouldBe(180.01m);
        challenge.DecidedByName.ShouldBe("Helen Marsh");
        challenge.DecidedAt.ShouldBe(Now.AddDays(2));
    }

    [Fact]
    public void Decide_NotUpheld_KeepsNoRevisedAmount()
    {
        var challenge = BudgetChallenge.Raise(Budget(), "Too low", Practitioner, Now);

        challenge.Decide(ChallengeOutcome.NotUpheld, "The answers reflect the assessment", 500m, 1, Manager, Now);

        challenge.RevisedWeeklyAmount.ShouldBeNull();
    }

    [Fact]
    public void Decide_Twice_IsRefused()
    {
        var challenge = BudgetChallenge.Raise(Budget(), "Too low", Practitioner, Now);
        challenge.Decide(ChallengeOutcome.NotUpheld, "Stands", null, 1, Manager, Now);

        Should.Throw<ConflictException>(() => challenge.Decide(ChallengeOutcome.Upheld, "Changed mind", 10m, challenge.Revision, Manager, Now))
            .ErrorCode.ShouldBe("challenge-already-decided");
    }

    [Fact]
    public void Decide_FromAnOldRevision_IsAConflict()
    {
        var challenge = BudgetChallenge.Raise(Budget(), "Too low", Practitioner, Now);

        Should.Throw<ConcurrencyConflictException>(() => challenge.Decide(ChallengeOutcome.NotUpheld, "Stands", null, 0, Manager, Now));
    }
}
