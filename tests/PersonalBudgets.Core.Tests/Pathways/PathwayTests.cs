using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;

namespace PersonalBudgets.Core.Tests.Pathways;

public sealed class PathwayTests
{
    [Theory]
    [InlineData(PathwayStage.Referral, PathwayStage.NeedsAssessment)]
    [InlineData(PathwayStage.Approval, PathwayStage.BudgetInPlace)]
    [InlineData(PathwayStage.Approval, PathwayStage.SupportPlanning)]
    [InlineData(PathwayStage.Review, PathwayStage.BudgetInPlace)]
    [InlineData(PathwayStage.Review, PathwayStage.SupportPlanning)]
    [InlineData(PathwayStage.Review, PathwayStage.NeedsAssessment)]
    [InlineData(PathwayStage.SupportPlanning, PathwayStage.Ended)]
    public void Transition_AlongThePathway_IsAllowed(PathwayStage from, PathwayStage to)
    {
        PathwayTransitions.IsAllowed(from, to).ShouldBeTrue();
        Should.NotThrow(() => PathwayTransitions.Ensure(from, to));
    }

    [Theory]
    [InlineData(PathwayStage.Referral, PathwayStage.Approval)]
    [InlineData(PathwayStage.NeedsAssessment, PathwayStage.BudgetInPlace)]
    [InlineData(PathwayStage.BudgetInPlace, PathwayStage.Approval)]
    [InlineData(PathwayStage.Ended, PathwayStage.Referral)]
    public void Transition_SkippingOrAfterTheEnd_IsRefusedWithAClearMessage(PathwayStage from, PathwayStage to)
    {
        var ex = Should.Throw<DomainException>(() => PathwayTransitions.Ensure(from, to));

        ex.ErrorCode.ShouldBe("pathway-transition-not-allowed");
        ex.Message.ShouldContain(to.Label().ToLowerInvariant());
    }

    [Fact]
    public void EveryStageButEnded_CanEnd()
    {
        foreach (var stage in Enum.GetValues<PathwayStage>().Where(s => s != PathwayStage.Ended))
        {
            PathwayTransitions.IsAllowed(stage, PathwayStage.Ended).ShouldBeTrue(stage.ToString());
        }
    }

    [Theory]
    [InlineData("2026-11-20", 1, "2026-11-23")] // Friday + 1 working day = Monday
    [InlineData("2026-11-23", 5, "2026-11-30")] // Monday + 5 = next Monday
    [InlineData("2026-11-23", 10, "2026-12-07")]
    [InlineData("2026-11-21", 1, "2026-11-23")] // Saturday + 1 = Monday
    [InlineData("2026-11-23", 0, "2026-11-23")]
    public void AddWorkingDays_SkipsWeekends(string start, int days, string expected)
    {
        DueDates.AddWorkingDays(DateOnly.Parse(start), days).ShouldBe(DateOnly.Parse(expected));
    }

    [Fact]
    public void AddWorkingDays_SkipsBankHolidays()
    {
        var christmas = new HashSet<DateOnly> { new(2026, 12, 25), new(2026, 12, 28) };

        DueDates.AddWorkingDays(new DateOnly(2026, 12, 24), 1, christmas).ShouldBe(new DateOnly(2026, 12, 29));
    }

    [Fact]
    public void DueDates_FollowTheDefaultStandards()
    {
        var opened = new DateOnly(2026, 11, 23);
        var s = ServiceStandards.Default;

        DueDates.For(PathwayStage.NeedsAssessment, opened, s).ShouldBe(opened.AddDays(28));
        DueDates.For(PathwayStage.SupportPlanning, opened, s).ShouldBe(opened.AddDays(28));
        DueDates.For(PathwayStage.Approval, opened, s).ShouldBe(new DateOnly(2026, 12, 7));
        DueDates.For(PathwayStage.BudgetInPlace, opened, s).ShouldBe(opened.AddDays(56));
        DueDates.For(PathwayStage.Review, opened, s).ShouldBe(opened.AddMonths(12));
    }

    [Fact]
    public void Standards_OutsideTheLaw_AreReported()
    {
        new ServiceStandards(FirstReviewWeeksAfterStart: 10, ReviewMonths: 18).Problems().Count.ShouldBe(2);
        ServiceStandards.Default.Problems().ShouldBeEmpty();
    }
}
