using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Tests.People;
using PersonalBudgets.Core.Tests.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Approvals;

/// <summary>What a decision on a plan puts in place: the budget's start, superseding the plan in force, ending the budgets it replaces.</summary>
public sealed class PlanApprovalTests
{
    private static readonly Role[] TeamManager = [Role.TeamManager];

    private static (ApprovalRequest Request, SupportPlan Plan, Person Person) Decided(SupportPlan plan, ApprovalOutcome outcome)
    {
        var request = ApprovalRequest.ForSubmittedPlan(plan, ApprovalRoute.TeamManager, Today.AddDays(10), Priya.Actor(), Now);
        request.TakeDomainEvents();
        request.Decide(outcome, "Reasons", null, request.Revision, Helen.Id, TeamManager, 400m, Helen.Actor(), Now);
        return (request, plan, Person.Create(plan.PersonId, PersonDetailsRulesTests.Valid(), Priya.Actor(), Now));
    }

    [Fact]
    public void BudgetStart_IsTheDayOfApproval_OrTheFirstSupportsStartIfLater()
    {
        var plan = PlanBuilder.Submitted(); // support starts on PlanBuilder.Start

        PlanApproval.BudgetStart(plan, PlanBuilder.Start.AddDays(-5)).ShouldBe(PlanBuilder.Start);
        PlanApproval.BudgetStart(plan, PlanBuilder.Start.AddDays(5)).ShouldBe(PlanBuilder.Start.AddDays(5));
    }

    [Fact]
    public void Approved_PutsTheBudgetInPlace_SupersedesThePlanInForce_AndEndsTheBudgetItReplaces()
    {
        var inForce = PlanBuilder.Approved();
        var oldBudget = PersonalBudget.Create(inForce.PersonId, inForce.Id, inForce.Number, Guid.NewGuid(), PlanBuilder.Start.AddMonths(-6),
            BudgetStatement.Calculate(inForce.Elements, 0m, 0m, false), Helen.Actor(), Now);
        var revision = inForce.NewVersion("More hours", null, Priya.Actor(), Now);
        revision.RecordAgreement(PlanAgreement.Agreed, null, new PersonsPart(Core.Assessments.Participation.InPerson, null), [], revision.Revision, Priya.Actor(), Now);
        revision.Submit(PlanBuilder.EligibleNeeds, 10, false, revision.Revision, Priya.Actor(), Now);
        var (request, plan, person) = Decided(revision, ApprovalOutcome.Approved);
        var today = PlanBuilder.Start.AddDays(7);

        var effects = PlanApproval.Apply(request, plan, person, [inForce], [oldBudget], today, Helen.Actor(), Now);

        plan.Status.ShouldBe(PlanStatus.Approved);
        inForce.Status.ShouldBe(PlanStatus.Superseded);
        effects.Superseded.ShouldBe([inForce]);
        effects.Budget!.StartDate.ShouldBe(today);
        effects.Budget.PlanId.ShouldBe(plan.Id);
        effects.EndedBudgets.ShouldBe([oldBudget]);
        oldBudget.EndDate.ShouldBe(today.AddDays(-1));
        var raised = request.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ApprovalDecided>();
        raised.ShouldBe(new ApprovalDecided(plan.PersonId, request.Id, plan.Id, plan.Number, ApprovalOutcome.Approved, plan.AuthorId, effects.Budget.Id, today, "Reasons",
            new PersonsPart(Core.Assessments.Participation.InPerson, null)));
    }

    [Fact]
    public void Declined_ReturnsThePlanToDraft_AndPutsNothingInPlace()
    {
        var (request, plan, person) = Decided(PlanBuilder.Submitted(), ApprovalOutcome.Declined);

        var effects = PlanApproval.Apply(request, plan, person, [], [], Today, Helen.Actor(), Now);

        plan.Status.ShouldBe(PlanStatus.Draft);
        effects.ShouldBe(new ApprovalEffects(null, [], []), new ApprovalEffectsComparer());
        request.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ApprovalDecided>().Outcome.ShouldBe(ApprovalOutcome.Declined);
    }

    [Fact]
    public void Deferred_LeavesThePlanWaiting()
    {
        var (request, plan, person) = Decided(PlanBuilder.Submitted(), ApprovalOutcome.Deferred);

        PlanApproval.Apply(request, plan, person, [], [], Today, Helen.Actor(), Now).Budget.ShouldBeNull();

        plan.Status.ShouldBe(PlanStatus.AwaitingApproval);
    }

    [Fact]
    public void Apply_ToARequestNotYetDecided_IsAMistake()
    {
        var plan = PlanBuilder.Submitted();
        var request = ApprovalRequest.ForSubmittedPlan(plan, ApprovalRoute.TeamManager, Today, Priya.Actor(), Now);

        Should.Throw<ArgumentException>(() => PlanApproval.Apply(request, plan, Person.Create(plan.PersonId, PersonDetailsRulesTests.Valid(), Priya.Actor(), Now), [], [], Today, Helen.Actor(), Now));
    }

    [Fact]
    public void WroteOrSubmitted_IsTheOneRuleForWhoMayNotDecide()
    {
        var request = DelegatedLimitsTests.Request(ApprovalRoute.TeamManager, 100m, author: Priya.Id, submitter: Tom.Id);

        request.WroteOrSubmitted(Priya.Id).ShouldBeTrue();
        request.WroteOrSubmitted(Tom.Id).ShouldBeTrue();
        request.WroteOrSubmitted(Helen.Id).ShouldBeFalse();
    }

    private sealed class ApprovalEffectsComparer : IEqualityComparer<ApprovalEffects>
    {
        public bool Equals(ApprovalEffects? x, ApprovalEffects? y) =>
            x!.Budget == y!.Budget && x.Superseded.SequenceEqual(y.Superseded) && x.EndedBudgets.SequenceEqual(y.EndedBudgets);

        public int GetHashCode(ApprovalEffects obj) => 0;
    }
}
