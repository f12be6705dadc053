using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Tests.SupportPlans;

namespace PersonalBudgets.Core.Tests.Providers;

/// <summary>ADR 0038: a revised plan's approval carries active commissioned services over to the matching element, or ends them.</summary>
public sealed class CommissioningPolicyTests
{
    private static readonly Actor Finance = new(Guid.NewGuid(), "Mark Ellis");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static (SupportPlan Plan, CommissionedService Service) Commissioned()
    {
        var provider = Provider.Create(new ProviderDetails("Acme Care", null, ProviderType.HomeCare, null, null, null), Finance, Now);
        provider.AddRate("Home support", RateUnit.Hour, 25m, new DateOnly(2026, 4, 1), provider.Revision, Finance, Now);
        var plan = PlanBuilder.Approved();
        var element = plan.Elements.First(e => e.Deployment == Deployment.CouncilCommissioned);
        return (plan, CommissionedService.Create(plan, element.Id, provider, "Home support", 10m, PlanBuilder.Start, null, Finance, Now));
    }

    [Fact]
    public void TheSameElementInTheNewVersion_CarriesTheServiceOver()
    {
        var (plan, service) = Commissioned();
        var revised = plan.NewVersion("Review", null, Finance, Now);
        var decision = CommissioningPolicy.OnRevisedPlanApproved([service], revised, PlanBuilder.Start.AddDays(30)).ShouldHaveSingleItem();
        decision.To.ShouldNotBeNull().Id.ShouldBe(service.ElementId);
        service.CarryOverTo(revised, decision.To);
        service.PlanId.ShouldBe(revised.Id);
        service.Status.ShouldBe(CommissionedServiceStatus.Active);
    }

    [Fact]
    public void AnElementWithTheSameDeploymentAndDescription_IsAMatchToo()
    {
        var (plan, service) = Commissioned();
        var revised = plan.NewVersion("Review", null, Finance, Now);
        var old = revised.Elements.Single(e => e.Id == service.ElementId);
        revised.RemoveElement(old.Id, revised.Revision, Finance, Now);
        var added = PlanBuilder.Element(old.UnitCost, 12m, Deployment.CouncilCommissioned, description: old.Description.ToUpperInvariant());
        revised.SaveElement(added, revised.Revision, Finance, Now);
        CommissioningPolicy.OnRevisedPlanApproved([service], revised, PlanBuilder.Start.AddDays(30)).ShouldHaveSingleItem().To.ShouldNotBeNull().Id.ShouldBe(added.Id);
    }

    [Fact]
    public void ARemovedElement_EndsTheServiceTheDayBeforeTheApproval_OrOnItsStartIfNotStarted()
    {
        var (plan, service) = Commissioned();
        var revised = plan.NewVersion("Review", null, Finance, Now);
        revised.RemoveElement(service.ElementId, revised.Revision, Finance, Now);
        var decision = CommissioningPolicy.OnRevisedPlanApproved([service], revised, PlanBuilder.Start.AddDays(30)).ShouldHaveSingleItem();
        decision.To.ShouldBeNull();
        decision.EndOn.ShouldBe(PlanBuilder.Start.AddDays(29));
        CommissioningPolicy.OnRevisedPlanApproved([service], revised, PlanBuilder.Start.AddDays(-5)).ShouldHaveSingleItem().EndOn.ShouldBe(PlanBuilder.Start);
    }

    [Fact]
    public void AChangedDeployment_EndsTheService()
    {
        var (plan, service) = Commissioned();
        var revised = plan.NewVersion("Review", null, Finance, Now);
        var old = revised.Elements.Single(e => e.Id == service.ElementId);
        revised.SaveElement(PlanBuilder.Element(old.UnitCost, old.UnitsPerWeek, Deployment.DirectPayment, description: old.Description, id: old.Id), revised.Revision, Finance, Now);
        CommissioningPolicy.OnRevisedPlanApproved([service], revised, PlanBuilder.Start.AddDays(30)).ShouldHaveSingleItem().To.ShouldBeNull();
    }
}
