using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Staff;
using static PersonalBudgets.Core.Tests.Approvals.DelegatedLimitsTests;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Approvals;

/// <summary>A change of the delegated limit moves a request still waiting for its first decision, and only that.</summary>
public sealed class FollowLimitTests
{
    [Theory]
    [InlineData(ApprovalRoute.TeamManager, "300", "200", ApprovalRoute.FundingPanel)] // limit lowered below the cost
    [InlineData(ApprovalRoute.FundingPanel, "300", "500", ApprovalRoute.TeamManager)] // raised above it
    public void AWaitingRequest_MovesToTheRouteTheNewLimitGives(ApprovalRoute route, string weekly, string limit, ApprovalRoute expected)
    {
        var request = Request(route, decimal.Parse(weekly));
        var revision = request.Revision;

        request.FollowLimit(decimal.Parse(limit)).ShouldBe(route);

        request.Route.ShouldBe(expected);
        request.Revision.ShouldBe(revision + 1);
    }

    [Fact]
    public void ARequestStillWithinItsRoute_Stays()
    {
        var request = Request(ApprovalRoute.TeamManager, 150m);
        request.FollowLimit(200m).ShouldBeNull();
        request.Route.ShouldBe(ApprovalRoute.TeamManager);
        request.Revision.ShouldBe(1);
    }

    [Fact]
    public void ARiskEnablementRequest_OrOneOnAnAgenda_OrDecided_Stays()
    {
        var risk = Request(ApprovalRoute.RiskEnablementPanel, 50m);
        risk.FollowLimit(400m).ShouldBeNull();
        risk.Route.ShouldBe(ApprovalRoute.RiskEnablementPanel);

        var onAgenda = Request(ApprovalRoute.FundingPanel, 300m);
        onAgenda.PlaceOnAgenda(Meeting(PanelKind.Funding));
        onAgenda.FollowLimit(500m).ShouldBeNull();
        onAgenda.Route.ShouldBe(ApprovalRoute.FundingPanel);

        var decided = Request(ApprovalRoute.TeamManager, 300m);
        decided.Decide(ApprovalOutcome.Approved, "Meets the needs", null, decided.Revision, Helen.Id, [Role.TeamManager], 400m, Helen.Actor(), Now);
        decided.FollowLimit(200m).ShouldBeNull();
        decided.Route.ShouldBe(ApprovalRoute.TeamManager);
    }
}
