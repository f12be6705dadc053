using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Teams;

namespace PersonalBudgets.Core.Tests.Teams;

public sealed class AllocationRulesTests
{
    private static readonly Guid North = Guid.NewGuid();
    private static readonly Guid South = Guid.NewGuid();
    private static readonly Guid Closed = Guid.NewGuid();
    private static readonly Guid[] ActiveTeams = [North, South];
    private static readonly Guid NorthNurse = Guid.NewGuid();
    private static readonly Guid NorthSocialWorker = Guid.NewGuid();
    private static readonly Guid SouthOt = Guid.NewGuid();

    private static KeyWorkerCandidate Candidate(Guid id, bool active = true) =>
        new(id, active, id == SouthOt ? [South] : [North]);

    private static AllocationPlan Plan(Guid[] currentTeams, Guid? currentKeyWorker, Guid[] teams, Guid? keyWorker, string? reason, KeyWorkerCandidate? candidate = null) =>
        AllocationRules.Plan(currentTeams, currentKeyWorker, new AllocationRequest(teams, keyWorker, reason), ActiveTeams,
            candidate ?? (keyWorker is { } k ? Candidate(k) : null));

    private static void ShouldRefuse(Func<AllocationPlan> plan, string errorCode, string? field)
    {
        var ex = Should.Throw<DomainException>(() => plan());
        ex.ErrorCode.ShouldBe(errorCode);
        ex.Field.ShouldBe(field);
    }

    [Fact]
    public void Plan_WhenNoTeamIsSelected_IsRefused()
    {
        ShouldRefuse(() => Plan([North], null, [], null, null), "allocation-team-required", "TeamIds");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Plan_WhenATeamIsUnknownOrClosed_IsRefused(bool closed)
    {
        var team = closed ? Closed : Guid.NewGuid();
        ShouldRefuse(() => Plan([North], null, [North, team], null, null), "allocation-team-unknown", "TeamIds");
    }

    [Fact]
    public void Plan_WhenTheKeyWorkerIsUnknown_IsRefused()
    {
        ShouldRefuse(() => AllocationRules.Plan([North], null, new AllocationRequest([North], Guid.NewGuid(), null), ActiveTeams, null),
            "allocation-key-worker-unknown", "KeyWorkerId");
    }

    [Fact]
    public void Plan_WhenTheCandidateIsSomeoneElse_IsRefused()
    {
        ShouldRefuse(() => Plan([North], null, [North], NorthNurse, null, Candidate(NorthSocialWorker)), "allocation-key-worker-unknown", "KeyWorkerId");
    }

    [Fact]
    public void Plan_WhenTheKeyWorkerDoesNotPlanSupport_IsRefused()
    {
        // A panel member or finance officer in the team: not someone who coordinates a person's support.
        ShouldRefuse(() => Plan([North], null, [North], NorthNurse, null, new KeyWorkerCandidate(NorthNurse, true, [North], PlansSupport: false)),
            "allocation-key-worker-not-practitioner", "KeyWorkerId");
    }

    [Fact]
    public void Plan_WhenTheKeyWorkerIsNotInTheSelectedTeams_IsRefused()
    {
        ShouldRefuse(() => Plan([North], null, [North], SouthOt, null), "allocation-key-worker-not-in-team", "KeyWorkerId");
    }

    [Fact]
    public void Plan_WhenTheKeyWorkerIsInAnotherSelectedTeam_IsAccepted()
    {
        var plan = Plan([North], null, [North, South], SouthOt, null);
        plan.TeamsToAdd.ShouldBe([South]);
        plan.NewKeyWorkerId.ShouldBe(SouthOt);
    }

    [Fact]
    public void Plan_WhenTheKeyWorkerIsDeactivated_IsRefused()
    {
        ShouldRefuse(() => Plan([North], null, [North], NorthNurse, null, Candidate(NorthNurse, active: false)), "allocation-key-worker-inactive", "KeyWorkerId");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_WhenNothingChanges_IsRefused(bool withKeyWorker)
    {
        Guid? keyWorker = withKeyWorker ? NorthNurse : null;
        ShouldRefuse(() => Plan([North], keyWorker, [North], keyWorker, "A reason"), "allocation-unchanged", null);
    }

    [Fact]
    public void Plan_WhenAllocatingTheFirstKeyWorker_NeedsNoReason()
    {
        var plan = Plan([North], null, [North], NorthNurse, null);

        plan.KeyWorkerChanges.ShouldBeTrue();
        plan.NewKeyWorkerId.ShouldBe(NorthNurse);
        plan.TeamsToAdd.ShouldBeEmpty();
        plan.TeamsToEnd.ShouldBeEmpty();
        plan.Reason.ShouldBeNull();
    }

    [Fact]
    public void Plan_WhenAddingATeam_NeedsNoReason()
    {
        var plan = Plan([North], NorthNurse, [North, South], NorthNurse, "  ");

        plan.TeamsToAdd.ShouldBe([South]);
        plan.TeamsToEnd.ShouldBeEmpty();
        plan.KeyWorkerChanges.ShouldBeFalse();
        plan.Reason.ShouldBeNull();
    }

    public static TheoryData<string> Reallocations => ["replace key worker", "remove key worker", "remove team"];

    private static AllocationPlan Reallocate(string change, string? reason) => change switch
    {
        "replace key worker" => Plan([North], NorthNurse, [North], NorthSocialWorker, reason),
        "remove key worker" => Plan([North], NorthNurse, [North], null, reason),
        "remove team" => Plan([North, South], NorthNurse, [North], NorthNurse, reason),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    [Theory]
    [MemberData(nameof(Reallocations))]
    public void Plan_WhenReallocatingWithoutAReason_IsRefused(string change)
    {
        ShouldRefuse(() => Reallocate(change, null), "allocation-reason-required", "Reason");
        ShouldRefuse(() => Reallocate(change, "   "), "allocation-reason-required", "Reason");
    }

    [Theory]
    [MemberData(nameof(Reallocations))]
    public void Plan_WhenReallocatingWithAReason_KeepsTheTrimmedReason(string change)
    {
        Reallocate(change, "  Moved to the south of the city  ").Reason.ShouldBe("Moved to the south of the city");
    }

    [Fact]
    public void Plan_WhenRemovingATeam_ListsItToEnd()
    {
        var plan = Plan([North, South], NorthNurse, [North], NorthNurse, "Discharged from the south team");
        plan.TeamsToEnd.ShouldBe([South]);
        plan.TeamsToAdd.ShouldBeEmpty();
        plan.KeyWorkerChanges.ShouldBeFalse();
    }

    [Fact]
    public void Plan_WhenTheReasonIsTooLong_IsRefused()
    {
        ShouldRefuse(() => Reallocate("replace key worker", new string('r', AllocationRules.ReasonMaxLength + 1)), "allocation-reason-too-long", "Reason");
    }

    [Fact]
    public void Plan_WhenTheReasonIsAtTheLimit_IsAccepted()
    {
        Reallocate("replace key worker", new string('r', AllocationRules.ReasonMaxLength)).Reason!.Length.ShouldBe(AllocationRules.ReasonMaxLength);
    }

    [Fact]
    public void Plan_WhenTeamsAreRepeated_CountsThemOnce()
    {
        var plan = Plan([], null, [North, North], null, null);
        plan.TeamsToAdd.ShouldBe([North]);
    }
}
