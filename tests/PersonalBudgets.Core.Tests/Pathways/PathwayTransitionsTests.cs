using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using static PersonalBudgets.Core.Pathways.PathwayStage;

namespace PersonalBudgets.Core.Tests.Pathways;

public sealed class PathwayTransitionsTests
{
    /// <summary>The legal moves, written out by hand from the pathway in the issue (not read from the code under test).</summary>
    private static readonly (PathwayStage From, PathwayStage To)[] Legal =
    [
        (Referral, NeedsAssessment),
        (NeedsAssessment, Eligibility),
        (Eligibility, IndicativeBudget),
        (IndicativeBudget, SupportPlanning),
        (SupportPlanning, Approval),
        (Approval, BudgetInPlace),
        (Approval, SupportPlanning),
        (BudgetInPlace, Review),
        (Review, BudgetInPlace),
        (Review, SupportPlanning),
        (Review, NeedsAssessment),
        (Referral, Ended), (NeedsAssessment, Ended), (Eligibility, Ended), (IndicativeBudget, Ended),
        (SupportPlanning, Ended), (Approval, Ended), (BudgetInPlace, Ended), (Review, Ended),
    ];

    public static TheoryData<PathwayStage, PathwayStage> LegalMoves()
    {
        var data = new TheoryData<PathwayStage, PathwayStage>();
        foreach (var (from, to) in Legal)
        {
            data.Add(from, to);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void EveryLegalMove_IsAllowed(PathwayStage from, PathwayStage to)
    {
        PathwayTransitions.IsAllowed(from, to).ShouldBeTrue();
        PathwayTransitions.From(from).ShouldContain(to);
        Should.NotThrow(() => PathwayTransitions.Ensure(from, to));
    }

    [Fact]
    public void NoOtherMove_IsAllowed()
    {
        var stages = Enum.GetValues<PathwayStage>();
        var allowed = stages.SelectMany(f => stages.Where(t => PathwayTransitions.IsAllowed(f, t)).Select(t => (f, t))).ToHashSet();

        allowed.SetEquals(Legal).ShouldBeTrue(string.Join(", ", allowed.Except(Legal)));
    }

    [Theory]
    [InlineData(Referral, Approval, "A person at referral cannot move to approval. Next can be: needs assessment, ended")]
    [InlineData(Referral, Referral, "A person at referral cannot move to referral. Next can be: needs assessment, ended")]
    [InlineData(NeedsAssessment, IndicativeBudget, "A person at needs assessment cannot move to indicative budget. Next can be: eligibility, ended")]
    [InlineData(Eligibility, SupportPlanning, "A person at eligibility cannot move to support planning. Next can be: indicative budget, ended")]
    [InlineData(SupportPlanning, BudgetInPlace, "A person at support planning cannot move to budget in place. Next can be: approval, ended")]
    [InlineData(Approval, Review, "A person at approval cannot move to review. Next can be: budget in place, support planning, ended")]
    [InlineData(BudgetInPlace, SupportPlanning, "A person at budget in place cannot move to support planning. Next can be: review, ended")]
    [InlineData(Review, Referral, "A person at review cannot move to referral. Next can be: budget in place, support planning, needs assessment, ended")]
    [InlineData(Ended, Referral, "The pathway has ended: it cannot move to referral. Start a new referral instead")]
    [InlineData(Ended, Ended, "The pathway has ended: it cannot move to ended. Start a new referral instead")]
    public void AnIllegalMove_IsRefusedWithAPlainMessage(PathwayStage from, PathwayStage to, string message)
    {
        PathwayTransitions.IsAllowed(from, to).ShouldBeFalse();
        var ex = Should.Throw<DomainException>(() => PathwayTransitions.Ensure(from, to));

        ex.ErrorCode.ShouldBe("pathway-transition-not-allowed");
        ex.Message.ShouldBe(message);
    }

    [Fact]
    public void Ended_HasNoNextStage() => PathwayTransitions.From(Ended).ShouldBeEmpty();
}
