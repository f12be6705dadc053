using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.SupportPlans;

/// <summary>One open plan version per person: may a version start, be revised, be superseded.</summary>
public sealed class PlanVersionsTests
{
    private static readonly CurrentEligibility Eligible = new(true, Guid.NewGuid(), Now);

    private static PlanVersionRef V(int number, PlanStatus status) => new(Guid.NewGuid(), number, status);

    public static TheoryData<PlanStatus[], string?> StartCases => new()
    {
        { [], null },
        { [PlanStatus.Draft], "Version 1 of the plan is a draft: continue that one." },
        { [PlanStatus.AwaitingApproval], "Version 1 of the plan is waiting for approval." },
        { [PlanStatus.Approved], "The person has a plan in force: revise it to make a new version." },
        { [PlanStatus.Superseded, PlanStatus.Approved, PlanStatus.Draft], "Version 3 of the plan is a draft: continue that one." },
    };

    [Theory]
    [MemberData(nameof(StartCases))]
    public void CannotStartReason_OneOpenVersionAndNoPlanInForce(PlanStatus[] statuses, string? reason) =>
        PlanVersions.CannotStartReason(statuses.Select((s, i) => V(i + 1, s)).ToList(), Eligible, hasIndicativeBudget: true).ShouldBe(reason);

    [Fact]
    public void CannotStartReason_NeedsAnEligibilityDecision_ThatFoundTheNeedsEligible_AndAnIndicativeBudget()
    {
        PlanVersions.CannotStartReason([], CurrentEligibility.NotDecided, true)
            .ShouldBe("A support plan can only be started once the person's needs have been assessed and found eligible. Eligibility has not been decided yet.");
        PlanVersions.CannotStartReason([], new CurrentEligibility(false, Guid.NewGuid(), Now), true)
            .ShouldBe("A support plan can only be started for a person whose needs have been found eligible. The latest eligibility decision found the needs not eligible.");
        PlanVersions.CannotStartReason([], Eligible, false)
            .ShouldBe("Work out an indicative budget before starting the plan: the plan's cost is compared with it.");
    }

    [Fact]
    public void CannotReviseReason_WhileAnotherVersionIsOpen()
    {
        PlanVersions.CannotReviseReason([V(1, PlanStatus.Approved)]).ShouldBeNull();
        PlanVersions.CannotReviseReason([V(1, PlanStatus.Approved), V(2, PlanStatus.Draft)]).ShouldBe("Version 2 of the plan is already a draft: continue that one");
        PlanVersions.CannotReviseReason([V(1, PlanStatus.Approved), V(2, PlanStatus.AwaitingApproval)]).ShouldBe("Version 2 of the plan is waiting for approval: wait for the decision");
    }

    [Fact]
    public void SupersededBy_IsEveryOtherVersionInForce()
    {
        var inForce = PlanBuilder.Approved();
        var approved = inForce.NewVersion("More hours", null, Priya.Actor(), Now);

        PlanVersions.SupersededBy(approved, [inForce, approved]).ShouldBe([inForce]);
        PlanVersions.SupersededBy(inForce, [inForce]).ShouldBeEmpty();
    }
}
