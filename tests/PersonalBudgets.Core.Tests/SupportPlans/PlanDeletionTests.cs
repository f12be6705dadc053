using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Tests.SupportPlans;

public sealed class PlanDeletionTests
{
    [Fact]
    public void ADraftNeverSentForApproval_CanBeDeleted() => PlanVersions.CannotDeleteReason(PlanStatus.Draft, everSubmitted: false).ShouldBeNull();

    [Fact]
    public void ADraftSentForApprovalBefore_IsKeptWithItsDecision() =>
        PlanVersions.CannotDeleteReason(PlanStatus.Draft, everSubmitted: true).ShouldBe("This draft was sent for approval before: it is kept with its decision. Change it and submit it again");

    [Theory]
    [InlineData(PlanStatus.AwaitingApproval, "This version of the plan is waiting for approval: only a draft can be deleted")]
    [InlineData(PlanStatus.Approved, "This version of the plan is approved: only a draft can be deleted")]
    [InlineData(PlanStatus.Superseded, "This version of the plan is replaced by a newer version: only a draft can be deleted")]
    public void AnythingButADraft_IsARecordAndIsKept(PlanStatus status, string reason) =>
        PlanVersions.CannotDeleteReason(status, everSubmitted: true).ShouldBe(reason);
}
