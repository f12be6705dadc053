using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Pathways;

/// <summary>The pathway policy: every event in every stage (and with no open pathway), legal and illegal.</summary>
public sealed class PathwayPolicyTests
{
    private static readonly Guid Person = Guid.NewGuid();
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Budget = Guid.NewGuid();
    private static readonly Guid Draft = Guid.NewGuid();
    private static readonly PersonsPart InPerson = new(Participation.InPerson, null);
    private static readonly DateOnly Due = Today.AddDays(20);

    private const string NoPathway = "none";

    /// <summary>Each event, with what it does where it belongs; at every other stage it does <c>Elsewhere</c>.</summary>
    private static readonly Dictionary<string, (PathwayEvent Event, string Elsewhere, Dictionary<string, string> At)> Table = new()
    {
        ["needs assessment started"] = (new AssessmentStarted(Person, Subject, AssessmentKind.Adult, Priya.Id, Due), "Outside",
            new() { [NoPathway] = "Open NeedsAssessment", ["Referral"] = "Move NeedsAssessment", ["NeedsAssessment"] = "Attach" }),
        ["carer's assessment started"] = (new AssessmentStarted(Person, Subject, AssessmentKind.Carer, Priya.Id, Due), "NotPathwayWork", []),
        ["needs assessment completed"] = (new AssessmentCompleted(Person, Subject, AssessmentKind.Adult, InPerson), "Outside",
            new() { ["NeedsAssessment"] = "Move Eligibility" }),
        ["carer's assessment completed"] = (new AssessmentCompleted(Person, Subject, AssessmentKind.Carer, InPerson), "NotPathwayWork", []),
        ["draft needs assessment cancelled"] = (new AssessmentCancelled(Person, Subject, AssessmentKind.Adult, "Started twice by mistake"), "Outside",
            new() { ["NeedsAssessment"] = "Stay" }),
        ["draft carer's assessment cancelled"] = (new AssessmentCancelled(Person, Subject, AssessmentKind.Carer, "The carer moved away"), "NotPathwayWork", []),
        ["eligible"] = (new EligibilityDecided(Person, Guid.NewGuid(), Subject, AssessmentKind.Adult, true, InPerson), "Outside",
            new() { ["Eligibility"] = "Move IndicativeBudget" }),
        ["not eligible"] = (new EligibilityDecided(Person, Guid.NewGuid(), Subject, AssessmentKind.Adult, false, InPerson), "Outside",
            new() { ["Eligibility"] = "End NoEligibleNeeds" }),
        ["carer eligible"] = (new EligibilityDecided(Person, Guid.NewGuid(), Subject, AssessmentKind.Carer, true, InPerson), "NotPathwayWork", []),
        // An eligible carer's own pathway (ADR 21), on the carer's record: it opens at the indicative budget, once.
        ["carer's pathway started"] = (new CarerPathwayStarted(Person, Subject, Priya.Id), "Refused",
            new() { [NoPathway] = "Open IndicativeBudget" }),
        ["indicative budget completed"] = (new IndicativeBudgetCompleted(Person, Subject, InPerson), "Outside",
            new() { ["IndicativeBudget"] = "Move SupportPlanning" }),
        ["plan submitted"] = (new PlanSubmitted(Person, Draft, 1, Subject, Priya.Id, Priya.Id, ApprovalRoute.TeamManager, Due, InPerson), "Outside",
            new() { ["SupportPlanning"] = "Move Approval", ["Approval"] = "Refused" }),
        ["approved"] = (new ApprovalDecided(Person, Subject, Draft, 1, ApprovalOutcome.Approved, Priya.Id, Budget, Today, null, InPerson), "Outside",
            new() { ["Approval"] = "Move BudgetInPlace" }),
        ["approved with changes"] = (new ApprovalDecided(Person, Subject, Draft, 1, ApprovalOutcome.ApprovedWithChanges, Priya.Id, Budget, Today, "Fewer hours", InPerson), "Outside",
            new() { ["Approval"] = "Move BudgetInPlace" }),
        ["declined"] = (new ApprovalDecided(Person, Subject, Draft, 1, ApprovalOutcome.Declined, Priya.Id, null, null, "Too costly", InPerson), "Outside",
            new() { ["Approval"] = "Move SupportPlanning" }),
        ["deferred"] = (new ApprovalDecided(Person, Subject, Draft, 1, ApprovalOutcome.Deferred, Priya.Id, null, null, "Next meeting", InPerson), "Outside",
            new() { ["Approval"] = "Stay" }),
        ["review started"] = (new ReviewStarted(Person, Subject, Due, null, InPerson), "Refused",
            new() { ["BudgetInPlace"] = "Move Review" }),
        ["review in progress deleted"] = (new ReviewDeleted(Person, Subject, Budget, Due), "Outside",
            new() { ["Review"] = "Move BudgetInPlace" }),
        ["review: continue"] = (new ReviewCompleted(Person, Subject, ReviewDecision.Continue, Budget, Due, null, null, InPerson), "Outside",
            new() { ["Review"] = "Move BudgetInPlace" }),
        ["review: revise the plan"] = (new ReviewCompleted(Person, Subject, ReviewDecision.RevisePlan, Budget, null, Draft, "More hours", InPerson), "Outside",
            new() { ["Review"] = "Move SupportPlanning" }),
        ["review: reassess"] = (new ReviewCompleted(Person, Subject, ReviewDecision.Reassess, Budget, null, null, "Needs changed", InPerson), "Outside",
            new() { ["Review"] = "Move NeedsAssessment" }),
        ["review: end support"] = (new ReviewCompleted(Person, Subject, ReviewDecision.EndSupport, Budget, null, null, "Moved away", InPerson), "Outside",
            new() { ["Review"] = "End EndedAfterReview" }),
    };

    private static IEnumerable<string> AllStages => [NoPathway, .. Enum.GetNames<PathwayStage>()];

    public static TheoryData<string, string> EveryEventInEveryStage()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Table.Keys)
        {
            foreach (var stage in AllStages)
            {
                data.Add(name, stage);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryEventInEveryStage))]
    public void Decide_EveryEventInEveryStage(string eventName, string stage)
    {
        var (pathwayEvent, elsewhere, at) = Table[eventName];
        // An ended pathway is no open pathway.
        var expected = at.GetValueOrDefault(stage == nameof(PathwayStage.Ended) ? NoPathway : stage) ?? elsewhere;
        PathwayStage? current = stage == NoPathway ? null : Enum.Parse<PathwayStage>(stage);

        if (expected == "Refused")
        {
            Should.Throw<DomainException>(() => PathwayPolicy.Decide(current, pathwayEvent)).ErrorCode.ShouldBe("pathway-move-refused");
            return;
        }

        var decision = PathwayPolicy.Decide(current, pathwayEvent);
        var actual = decision.Effect switch
        {
            PathwayEffect.Open or PathwayEffect.Move => $"{decision.Effect} {decision.To}",
            PathwayEffect.End => $"End {decision.EndReason}",
            _ => decision.Effect.ToString(),
        };
        actual.ShouldBe(expected);
        if (decision.Effect == PathwayEffect.Move)
        {
            PathwayTransitions.IsAllowed(current!.Value, decision.To!.Value).ShouldBeTrue();
            decision.Owner.ShouldNotBeNull();
            decision.Due.ShouldNotBeNull();
        }
    }

    [Fact]
    public void Table_CoversEveryKindOfPathwayEvent()
    {
        var kinds = typeof(PathwayEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PathwayEvent)) && !t.IsAbstract).ToHashSet();
        Table.Values.Select(v => v.Event.GetType()).ToHashSet().SetEquals(kinds).ShouldBeTrue();
    }

    [Fact]
    public void AssessmentStarted_WithoutAReferral_OpensAtNeedsAssessment_OwnedByTheAssessor_DueWhenTheAssessmentIs()
    {
        var decision = PathwayPolicy.Decide(null, Table["needs assessment started"].Event);

        decision.SubjectId.ShouldBe(Subject);
        decision.Owner.ShouldBe(OwnerRule.Named(Priya.Id));
        decision.Due.ShouldBe(DueRule.Fixed(Due));
    }

    [Fact]
    public void AssessmentCompleted_OpensEligibility_KeepingTheOwner_DueByTheStandards()
    {
        var decision = PathwayPolicy.Decide(PathwayStage.NeedsAssessment, Table["needs assessment completed"].Event);

        decision.SubjectId.ShouldBe(Subject);
        decision.Owner.ShouldBe(OwnerRule.CurrentElseKeyWorker);
        decision.Due.ShouldBe(DueRule.StandardFromToday);
    }

    [Fact]
    public void NotEligible_EndsThePathway_WithTheWrittenRecordsNote()
    {
        var decision = PathwayPolicy.Decide(PathwayStage.Eligibility, Table["not eligible"].Event);

        decision.Note.ShouldBe(PathwayPolicy.NotEligibleEndNote);
    }

    [Theory]
    [InlineData("indicative budget completed")]
    [InlineData("declined")]
    [InlineData("review: revise the plan")]
    public void EveryMoveToSupportPlanning_IsDueFromEligibility(string eventName)
    {
        var (pathwayEvent, _, at) = Table[eventName];
        var from = Enum.Parse<PathwayStage>(at.Single().Key);

        PathwayPolicy.Decide(from, pathwayEvent).Due.ShouldBe(DueRule.StandardFromEligibility);
    }

    [Fact]
    public void PlanSubmitted_IsOwnedByWhoMayDecideIt_DueWhenTheRequestIs()
    {
        var decision = PathwayPolicy.Decide(PathwayStage.SupportPlanning, Table["plan submitted"].Event);

        decision.SubjectId.ShouldBe(Subject);
        decision.Owner.ShouldBe(OwnerRule.Decider(ApprovalRoute.TeamManager, Priya.Id, Priya.Id));
        decision.Due.ShouldBe(DueRule.Fixed(Due));
    }

    [Fact]
    public void Approved_PutsTheBudgetInPlace_OwnedByThePlansAuthor_FirstReviewFromTheBudgetsStart()
    {
        var decision = PathwayPolicy.Decide(PathwayStage.Approval, Table["approved with changes"].Event);

        decision.SubjectId.ShouldBe(Budget);
        decision.Owner.ShouldBe(OwnerRule.Named(Priya.Id));
        decision.Due.ShouldBe(DueRule.StandardFrom(Today));
        decision.Note.ShouldBe("Fewer hours");
    }

    [Fact]
    public void Declined_ReturnsThePlanToItsAuthor()
    {
        var decision = PathwayPolicy.Decide(PathwayStage.Approval, Table["declined"].Event);

        decision.SubjectId.ShouldBe(Draft);
        decision.Owner.ShouldBe(OwnerRule.Named(Priya.Id));
        decision.Note.ShouldBe("Too costly");
    }

    [Fact]
    public void ReviewContinue_ReturnsToBudgetInPlace_WithTheNextReviewsDate()
    {
        var decision = PathwayPolicy.Decide(PathwayStage.Review, Table["review: continue"].Event);

        decision.SubjectId.ShouldBe(Budget);
        decision.Due.ShouldBe(DueRule.Fixed(Due));
    }

    [Fact]
    public void ReviewStarted_WhileThePathwayIsElsewhere_IsRefusedLoudly()
    {
        var ex = Should.Throw<DomainException>(() => PathwayPolicy.Decide(PathwayStage.SupportPlanning, Table["review started"].Event));

        ex.Message.ShouldBe("A review was started, but the pathway is at support planning: a review starts when the person's budget is in place");
    }

    [Fact]
    public void WorkOutsideThePathway_IsDescribedForTheRecord()
    {
        PathwayPolicy.OutsideSummary(PathwayStage.SupportPlanning, Table["not eligible"].Event)
            .ShouldBe("Eligibility was decided (not eligible) outside the pathway: the pathway is at support planning, so it did not move");
        PathwayPolicy.OutsideSummary(null, Table["needs assessment completed"].Event)
            .ShouldBe("A needs assessment was completed outside the pathway: the person has no open pathway, so it did not move");
    }
}
