using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Approvals;

public sealed class DelegatedLimitsTests
{
    private static readonly Role[] TeamManager = [Role.TeamManager, Role.Practitioner];
    private static readonly Role[] Panel = [Role.PanelMember];

    public static ApprovalRequest Request(ApprovalRoute route, decimal weekly, Guid? author = null, Guid? submitter = null) =>
        ApprovalRequest.Create(Guid.NewGuid(), 1, Guid.NewGuid(), author ?? Priya.Id, route, weekly, Today.AddDays(14),
            new Actor(submitter ?? author ?? Priya.Id, "Submitter"), Now);

    public static PanelMeeting Meeting(PanelKind kind) => PanelMeeting.Schedule(kind, Today.AddDays(3), null, Today, Ruth.Actor(), Now);

    /// <summary>The panel sitting on the meeting's day, with who attended.</summary>
    public static readonly PanelSitting Sitting = new(Today.AddDays(3), Today.AddDays(3), "Ruth Campbell, chair (council); Dr Amir Khan, psychiatrist (NHS trust)");

    [Theory]
    [InlineData("0", false, ApprovalRoute.TeamManager)]
    [InlineData("399.99", false, ApprovalRoute.TeamManager)]
    [InlineData("400.00", false, ApprovalRoute.TeamManager)] // at the limit: within it
    [InlineData("400.01", false, ApprovalRoute.FundingPanel)]
    [InlineData("5000", false, ApprovalRoute.FundingPanel)]
    [InlineData("50", true, ApprovalRoute.RiskEnablementPanel)]
    [InlineData("5000", true, ApprovalRoute.RiskEnablementPanel)]
    public void RouteFor_TheLimitAndTheRisk(string weekly, bool significantRisk, ApprovalRoute expected) =>
        DelegatedLimits.RouteFor(decimal.Parse(weekly), significantRisk, 400m).ShouldBe(expected);

    [Fact]
    public void PanelFor_EachRoute()
    {
        DelegatedLimits.PanelFor(ApprovalRoute.TeamManager).ShouldBeNull();
        DelegatedLimits.PanelFor(ApprovalRoute.FundingPanel).ShouldBe(PanelKind.Funding);
        DelegatedLimits.PanelFor(ApprovalRoute.RiskEnablementPanel).ShouldBe(PanelKind.RiskEnablement);
    }

    [Fact]
    public void EnsureMayDecide_TheAuthor_IsRefused()
    {
        var request = Request(ApprovalRoute.TeamManager, 200m, author: Helen.Id, submitter: Priya.Id);

        var ex = Should.Throw<DomainException>(() => DelegatedLimits.EnsureMayDecide(request, Helen.Id, TeamManager, 400m));

        ex.ErrorCode.ShouldBe("approval-own-plan");
        ex.Message.ShouldBe("You wrote or submitted this plan, so you cannot approve it: another team manager or the panel must decide");
    }

    [Fact]
    public void EnsureMayDecide_TheSubmitter_IsRefused() =>
        Should.Throw<DomainException>(() => DelegatedLimits.EnsureMayDecide(Request(ApprovalRoute.TeamManager, 200m, author: Priya.Id, submitter: Helen.Id), Helen.Id, TeamManager, 400m))
            .ErrorCode.ShouldBe("approval-own-plan");

    [Fact]
    public void EnsureMayDecide_ATeamManagerWithinTheLimit_MayDecide() =>
        Should.NotThrow(() => DelegatedLimits.EnsureMayDecide(Request(ApprovalRoute.TeamManager, 400m), Helen.Id, TeamManager, 400m));

    [Fact]
    public void EnsureMayDecide_ATeamManagerAboveTheLimit_IsRefused()
    {
        // Routed when the limit was higher; the limit in force now is lower.
        var request = Request(ApprovalRoute.TeamManager, 450m);

        var ex = Should.Throw<DomainException>(() => DelegatedLimits.EnsureMayDecide(request, Helen.Id, TeamManager, 400m));

        ex.ErrorCode.ShouldBe("approval-above-limit");
        ex.Message.ShouldBe("The plan costs £450.00 a week, above the team manager's limit of £400.00: the funding panel must decide");
    }

    [Fact]
    public void EnsureMayDecide_SomeoneWhoIsNotATeamManager_IsRefused()
    {
        var ex = Should.Throw<DomainException>(() => DelegatedLimits.EnsureMayDecide(Request(ApprovalRoute.TeamManager, 100m), Tom.Id, [Role.Practitioner, Role.PanelMember], 400m));

        ex.ErrorCode.ShouldBe("approval-not-team-manager");
        ex.Message.ShouldBe("Only a team manager can decide a plan within the delegated limit");
    }

    [Theory]
    [InlineData(ApprovalRoute.FundingPanel, "This plan goes to the funding panel: only a panel member can record its decision")]
    [InlineData(ApprovalRoute.RiskEnablementPanel, "This plan goes to the risk enablement panel: only a panel member can record its decision")]
    public void EnsureMayDecide_APanelRoute_NeedsAPanelMember(ApprovalRoute route, string message)
    {
        var ex = Should.Throw<DomainException>(() => DelegatedLimits.EnsureMayDecide(Request(route, 500m), Helen.Id, TeamManager, 400m));

        ex.ErrorCode.ShouldBe("approval-panel-only");
        ex.Message.ShouldBe(message);
    }

    [Fact]
    public void EnsureMayDecide_APanelRoute_NeedsTheMeetingsAgenda()
    {
        var request = Request(ApprovalRoute.FundingPanel, 500m);

        Should.Throw<DomainException>(() => DelegatedLimits.EnsureMayDecide(request, Ruth.Id, Panel, 400m)).Message
            .ShouldBe("Put the plan on a panel meeting's agenda before recording the panel's decision");
        request.PlaceOnAgenda(Meeting(PanelKind.Funding));
        Should.NotThrow(() => DelegatedLimits.EnsureMayDecide(request, Ruth.Id, Panel, 400m, Sitting));
    }

    [Fact]
    public void EnsureMayDecide_BeforeTheMeetingsDate_IsRefused()
    {
        var request = Request(ApprovalRoute.FundingPanel, 500m);
        request.PlaceOnAgenda(Meeting(PanelKind.Funding));

        var ex = Should.Throw<DomainException>(() => DelegatedLimits.EnsureMayDecide(request, Ruth.Id, Panel, 400m, Sitting with { Today = Today.AddDays(2) }));

        ex.ErrorCode.ShouldBe("approval-before-meeting");
        ex.Message.ShouldBe($"The panel meets on {UkFormat.Date(Today.AddDays(3))}: its decision can be recorded on or after that day, not before");
        Should.NotThrow(() => DelegatedLimits.EnsureMayDecide(request, Ruth.Id, Panel, 400m, Sitting with { Today = Today.AddDays(10) }));
    }

    [Fact]
    public void PlaceOnAgenda_OfTheWrongPanel_IsRefused()
    {
        var request = Request(ApprovalRoute.FundingPanel, 500m);

        var ex = Should.Throw<DomainException>(() => request.PlaceOnAgenda(Meeting(PanelKind.RiskEnablement)));

        ex.ErrorCode.ShouldBe("approval-wrong-panel");
        ex.Message.ShouldBe("This plan goes to the funding panel, not the risk enablement panel");
        request.PanelMeetingId.ShouldBeNull();
    }
}

public sealed class ApprovalRequestTests
{
    private static readonly Role[] TeamManager = [Role.TeamManager];
    private static readonly Role[] Panel = [Role.PanelMember];

    private static ApprovalRequest AtPanel()
    {
        var request = DelegatedLimitsTests.Request(ApprovalRoute.FundingPanel, 520m);
        request.PlaceOnAgenda(DelegatedLimitsTests.Meeting(PanelKind.Funding));
        return request;
    }

    [Fact]
    public void Create_KeepsTheRouteCostAndWho()
    {
        var request = ApprovalRequest.Create(Guid.NewGuid(), 2, Guid.NewGuid(), Priya.Id, ApprovalRoute.TeamManager, 180m, Today.AddDays(14), Tom.Actor(), Now);

        request.PlanNumber.ShouldBe(2);
        request.WeeklyCost.ShouldBe(180m);
        request.RequestedById.ShouldBe(Tom.Id);
        request.RequestedByName.ShouldBe("Tom Okafor");
        request.IsOpen.ShouldBeTrue();
        request.Revision.ShouldBe(1);
    }

    [Fact]
    public void Decide_WithoutADecisionOrReasons_IsRefused()
    {
        var request = AtPanel();

        var ex = Should.Throw<ValidationFailedException>(() => request.Decide(null, " ", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting));

        ex.Errors.ShouldBe([new FieldError("Outcome", "Select the decision"), new FieldError("Reasons", "Enter the reasons for the decision")]);
        request.Outcome.ShouldBeNull();
    }

    [Fact]
    public void Decide_ApprovedWithChanges_NeedsTheChanges()
    {
        var request = AtPanel();

        Should.Throw<ValidationFailedException>(() => request.Decide(ApprovalOutcome.ApprovedWithChanges, "Good plan", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting))
            .Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("Changes", "Enter the changes the approval depends on"));

        request.Decide(ApprovalOutcome.ApprovedWithChanges, "Good plan", " One day service day, not two ", request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting);
        request.Changes.ShouldBe("One day service day, not two");
        request.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void Decide_ByAPanel_NeedsWhoAttended_AndRecordsIt()
    {
        var request = AtPanel();

        Should.Throw<ValidationFailedException>(() => request.Decide(ApprovalOutcome.Approved, "Good plan", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now,
                DelegatedLimitsTests.Sitting with { Attendees = "  " }))
            .Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("Attendees", "Enter who attended the panel meeting, with their roles"));
        request.IsOpen.ShouldBeTrue();

        request.Decide(ApprovalOutcome.Approved, "Good plan", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting);
        request.PanelAttendees.ShouldBe("Ruth Campbell, chair (council); Dr Amir Khan, psychiatrist (NHS trust)");
    }

    [Fact]
    public void Decide_Approved_RecordsWhoDecidedAndDropsChanges()
    {
        var request = DelegatedLimitsTests.Request(ApprovalRoute.TeamManager, 180m);

        request.Decide(ApprovalOutcome.Approved, " Meets the needs ", "ignored", request.Revision, Helen.Id, TeamManager, 400m, Helen.Actor(), Now.AddDays(1));

        request.Outcome.ShouldBe(ApprovalOutcome.Approved);
        request.Reasons.ShouldBe("Meets the needs");
        request.Changes.ShouldBeNull();
        request.DecidedById.ShouldBe(Helen.Id);
        request.DecidedByName.ShouldBe("Helen Marsh");
        request.DecidedAt.ShouldBe(Now.AddDays(1));
        request.PanelAttendees.ShouldBeNull();
        request.Revision.ShouldBe(2);
    }

    [Fact]
    public void Decide_Deferred_StaysOpenAndLeavesTheAgenda()
    {
        var request = AtPanel();

        request.Decide(ApprovalOutcome.Deferred, "Needs the OT's view", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting);

        request.IsOpen.ShouldBeTrue();
        request.PanelMeetingId.ShouldBeNull();
        Should.Throw<DomainException>(() => request.Decide(ApprovalOutcome.Approved, "OK", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting))
            .ErrorCode.ShouldBe("approval-not-on-agenda");
        request.PlaceOnAgenda(DelegatedLimitsTests.Meeting(PanelKind.Funding));
        request.Decide(ApprovalOutcome.Approved, "With the OT's view", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting);
        request.Outcome.ShouldBe(ApprovalOutcome.Approved);
    }

    [Fact]
    public void Decide_Twice_IsRefused()
    {
        var request = AtPanel();
        request.Decide(ApprovalOutcome.Declined, "Needs met another way", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting);

        var ex = Should.Throw<ConflictException>(() => request.Decide(ApprovalOutcome.Approved, "Changed my mind", null, request.Revision, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting));

        ex.ErrorCode.ShouldBe("approval-decided");
        ex.Message.ShouldBe("This plan was already decided on 10 March 2027 at 10:00am by Ruth Campbell: declined");
        request.Outcome.ShouldBe(ApprovalOutcome.Declined);
    }

    [Fact]
    public void Decide_FromAStaleRevision_IsAConcurrencyConflict()
    {
        var request = AtPanel();

        Should.Throw<ConcurrencyConflictException>(() => request.Decide(ApprovalOutcome.Approved, "OK", null, request.Revision - 1, Ruth.Id, Panel, 400m, Ruth.Actor(), Now, DelegatedLimitsTests.Sitting));
        request.Outcome.ShouldBeNull();
    }

    [Fact]
    public void Decide_BySomeoneWhoMayNot_IsRefusedAndRecordsNothing()
    {
        var request = DelegatedLimitsTests.Request(ApprovalRoute.TeamManager, 180m, author: Helen.Id);

        Should.Throw<DomainException>(() => request.Decide(ApprovalOutcome.Approved, "OK", null, request.Revision, Helen.Id, TeamManager, 400m, Helen.Actor(), Now))
            .ErrorCode.ShouldBe("approval-own-plan");
        request.Outcome.ShouldBeNull();
        request.Revision.ShouldBe(1);
    }
}

public sealed class PanelMeetingTests
{
    [Fact]
    public void Schedule_WithoutAPanelOrDate_IsRefused()
    {
        var ex = Should.Throw<ValidationFailedException>(() => PanelMeeting.Schedule(null, null, null, Today, Ruth.Actor(), Now));

        ex.Errors.ShouldBe([new FieldError("Kind", "Select which panel is meeting"), new FieldError("MeetingDate", "Enter the date of the meeting")]);
    }

    [Fact]
    public void Schedule_MoreThan30DaysAgo_IsRefused()
    {
        Should.Throw<ValidationFailedException>(() => PanelMeeting.Schedule(PanelKind.Funding, Today.AddDays(-31), null, Today, Ruth.Actor(), Now))
            .Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("MeetingDate", "The meeting date must be within the last 30 days or in the future"));
        Should.NotThrow(() => PanelMeeting.Schedule(PanelKind.Funding, Today.AddDays(-30), null, Today, Ruth.Actor(), Now));
    }

    [Fact]
    public void Schedule_KeepsTheMeeting()
    {
        var meeting = PanelMeeting.Schedule(PanelKind.RiskEnablement, Today.AddDays(7), "  Civic Centre  ", Today, Ruth.Actor(), Now);

        meeting.Kind.ShouldBe(PanelKind.RiskEnablement);
        meeting.MeetingDate.ShouldBe(Today.AddDays(7));
        meeting.Location.ShouldBe("Civic Centre");
        meeting.CreatedByName.ShouldBe("Ruth Campbell");
    }

    [Fact]
    public void Schedule_WithATooLongLocation_IsRefused() =>
        Should.Throw<ValidationFailedException>(() => PanelMeeting.Schedule(PanelKind.Funding, Today, new string('x', 201), Today, Ruth.Actor(), Now))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("Location");
}
