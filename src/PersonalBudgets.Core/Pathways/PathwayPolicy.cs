using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;

namespace PersonalBudgets.Core.Pathways;

/// <summary>What an event does to the person's pathway.</summary>
public enum PathwayEffect
{
    /// <summary>The work is not part of the person's pathway at all (a carer's assessment).</summary>
    NotPathwayWork,

    /// <summary>No pathway is open: one opens at <see cref="PathwayDecision.To"/>.</summary>
    Open,

    /// <summary>The open step completes and the next opens.</summary>
    Move,

    /// <summary>The open step takes the event's record as its subject and stays open.</summary>
    Attach,

    /// <summary>The pathway stays where it is (a deferred decision).</summary>
    Stay,

    /// <summary>The pathway ends.</summary>
    End,

    /// <summary>
    /// Legitimate work done while the pathway is elsewhere (a correction, a recalculation, a revision): the pathway
    /// does not move, and the work is recorded against it as done outside the pathway.
    /// </summary>
    Outside,
}

/// <summary>Who owns the step that opens.</summary>
public enum OwnerKind
{
    /// <summary>Whoever owned the step that completes, else the person's key worker.</summary>
    CurrentElseKeyWorker,

    /// <summary>The named member of staff if still active, else the key worker, else whoever owned the step that completes.</summary>
    Named,

    /// <summary>Who decides a plan on the route: a team manager of the person's teams who may decide it, or a panel member.</summary>
    Decider,
}

public sealed record OwnerRule(OwnerKind Kind, Guid? StaffId = null, ApprovalRoute? Route = null, Guid? PlanAuthorId = null, Guid? SubmittedById = null)
{
    public static OwnerRule CurrentElseKeyWorker { get; } = new(OwnerKind.CurrentElseKeyWorker);

    public static OwnerRule Named(Guid staffId) => new(OwnerKind.Named, staffId);

    public static OwnerRule Decider(ApprovalRoute route, Guid planAuthorId, Guid submittedById) => new(OwnerKind.Decider, null, route, planAuthorId, submittedById);
}

/// <summary>How the step that opens gets its due date.</summary>
public enum DueKind
{
    /// <summary>A date the work itself set (the assessment's, the approval's, the review's).</summary>
    Fixed,

    /// <summary>The service standard for the stage, counted from a given date (a budget's start).</summary>
    StandardFrom,

    /// <summary>The service standard for the stage, counted from today.</summary>
    StandardFromToday,

    /// <summary>The service standard for the stage, counted from when eligibility was decided (the plan is due from eligibility, not from when planning began).</summary>
    StandardFromEligibility,
}

public sealed record DueRule(DueKind Kind, DateOnly? Date = null)
{
    public static DueRule Fixed(DateOnly date) => new(DueKind.Fixed, date);

    public static DueRule StandardFrom(DateOnly date) => new(DueKind.StandardFrom, date);

    public static DueRule StandardFromToday { get; } = new(DueKind.StandardFromToday);

    public static DueRule StandardFromEligibility { get; } = new(DueKind.StandardFromEligibility);
}

/// <summary>What the pathway does with one event: the effect, the stage it moves to, the new step's subject, owner and due date.</summary>
public sealed record PathwayDecision(
    PathwayEffect Effect,
    PathwayStage? To = null,
    Guid? SubjectId = null,
    OwnerRule? Owner = null,
    DueRule? Due = null,
    string? Note = null,
    PathwayEndReason? EndReason = null,
    bool CloseCurrent = false);

/// <summary>
/// The one place that says how work moves a person's self-directed support pathway: for each event, where the pathway
/// is now decides the next stage, the owner rule and the due date rule. A move that cannot happen is refused with a
/// <see cref="DomainException"/>; work that legitimately happens while the pathway is elsewhere is
/// <see cref="PathwayEffect.Outside"/>, which the caller records visibly. Nothing is ignored silently.
/// </summary>
public static class PathwayPolicy
{
    public const string NotEligibleEndNote = "Not eligible: the written record gives advice and information on preventing or reducing needs";

    /// <param name="current">The stage of the person's open pathway; null (or ended) when none is open.</param>
    public static PathwayDecision Decide(PathwayStage? current, PathwayEvent pathwayEvent)
    {
        ArgumentNullException.ThrowIfNull(pathwayEvent);
        var at = current is PathwayStage.Ended ? null : current;
        var decision = pathwayEvent switch
        {
            // An eligible carer's own pathway opens at the indicative budget, on the carer's record (ADR 21).
            CarerPathwayStarted e => at is null
                ? new PathwayDecision(PathwayEffect.Open, PathwayStage.IndicativeBudget, e.AssessmentId, OwnerRule.Named(e.OwnerId), DueRule.StandardFromToday)
                : throw Refused(pathwayEvent, at, "the carer already has an open pathway"),

            // Carer's assessments and their decisions sit outside the cared-for person's pathway (ADR 8).
            AssessmentStarted { Kind: not AssessmentKind.Adult } or AssessmentCompleted { Kind: not AssessmentKind.Adult } or EligibilityDecided { Kind: not AssessmentKind.Adult }
                or AssessmentCancelled { Kind: not AssessmentKind.Adult }
                => new PathwayDecision(PathwayEffect.NotPathwayWork),

            // The person still needs assessing: the step stays open with its owner and due date, and the next
            // assessment started attaches to it. A cancelled correction leaves the pathway wherever it is.
            AssessmentCancelled => at == PathwayStage.NeedsAssessment ? new PathwayDecision(PathwayEffect.Stay) : Outside,

            AssessmentStarted e => at switch
            {
                // Without a recorded referral the pathway opens straight at needs assessment.
                null => new PathwayDecision(PathwayEffect.Open, PathwayStage.NeedsAssessment, e.AssessmentId, OwnerRule.Named(e.OwnerId), DueRule.Fixed(e.DueDate)),
                PathwayStage.Referral => Move(PathwayStage.NeedsAssessment, e.AssessmentId, OwnerRule.Named(e.OwnerId), DueRule.Fixed(e.DueDate)),
                // A reassessment after review arrives at needs assessment already: the step takes this assessment.
                PathwayStage.NeedsAssessment => new PathwayDecision(PathwayEffect.Attach, PathwayStage.NeedsAssessment, e.AssessmentId),
                _ => Outside,
            },

            AssessmentCompleted e => at == PathwayStage.NeedsAssessment
                ? Move(PathwayStage.Eligibility, e.AssessmentId, OwnerRule.CurrentElseKeyWorker, DueRule.StandardFromToday)
                : Outside, // a correction completed after eligibility was decided

            EligibilityDecided e => at switch
            {
                PathwayStage.Eligibility when e.Eligible => Move(PathwayStage.IndicativeBudget, e.AssessmentId, OwnerRule.CurrentElseKeyWorker, DueRule.StandardFromToday),
                PathwayStage.Eligibility => new PathwayDecision(PathwayEffect.End, Note: NotEligibleEndNote, EndReason: PathwayEndReason.NoEligibleNeeds),
                _ => Outside, // a decision on a corrected assessment, long after
            },

            IndicativeBudgetCompleted => at == PathwayStage.IndicativeBudget
                ? Move(PathwayStage.SupportPlanning, null, OwnerRule.CurrentElseKeyWorker, DueRule.StandardFromEligibility)
                : Outside, // worked out again later

            PlanSubmitted e => at switch
            {
                PathwayStage.SupportPlanning => Move(PathwayStage.Approval, e.RequestId, OwnerRule.Decider(e.Route, e.AuthorId, e.SubmittedById), DueRule.Fixed(e.DueDate)),
                PathwayStage.Approval => throw Refused(pathwayEvent, at.Value, "another plan is already waiting for a decision"),
                _ => Outside, // a revision of the plan in force, outside a review
            },

            ApprovalDecided e => at != PathwayStage.Approval
                ? Outside // the decision on a revision submitted outside the pathway
                : e.Outcome switch
                {
                    ApprovalOutcome.Approved or ApprovalOutcome.ApprovedWithChanges => Move(PathwayStage.BudgetInPlace,
                        e.BudgetId ?? throw new ArgumentException("An approval puts a budget in place.", nameof(pathwayEvent)),
                        OwnerRule.Named(e.AuthorId),
                        DueRule.StandardFrom(e.BudgetStart ?? throw new ArgumentException("An approval puts a budget in place from a date.", nameof(pathwayEvent))),
                        e.Reasons),
                    ApprovalOutcome.Declined => Move(PathwayStage.SupportPlanning, e.PlanId, OwnerRule.Named(e.AuthorId), DueRule.StandardFromEligibility, e.Reasons),
                    _ => new PathwayDecision(PathwayEffect.Stay), // deferred: the request stays open at approval
                },

            ReviewStarted e => at == PathwayStage.BudgetInPlace
                ? Move(PathwayStage.Review, e.ReviewId, OwnerRule.CurrentElseKeyWorker, DueRule.Fixed(e.DueDate), e.Note)
                : throw Refused(pathwayEvent, at, "a review starts when the person's budget is in place"),

            ReviewDeleted e => at != PathwayStage.Review
                ? Outside // the pathway moved on while the review was open
                // The review did not happen: its step is closed, not completed (nobody took part in it).
                : Move(PathwayStage.BudgetInPlace, e.BudgetId, OwnerRule.CurrentElseKeyWorker, DueRule.Fixed(e.NextReviewDue), "The review in progress was deleted") with { CloseCurrent = true },

            ReviewCompleted e => at != PathwayStage.Review
                ? Outside // the pathway moved on (or ended) while the review was open
                : e.Decision switch
                {
                    ReviewDecision.Continue => Move(PathwayStage.BudgetInPlace, e.BudgetId, OwnerRule.CurrentElseKeyWorker,
                        DueRule.Fixed(e.NextReviewDue ?? throw new ArgumentException("Continuing sets the next review's date.", nameof(pathwayEvent))), e.Note),
                    ReviewDecision.RevisePlan => Move(PathwayStage.SupportPlanning, e.DraftPlanId, OwnerRule.CurrentElseKeyWorker, DueRule.StandardFromEligibility, e.Note),
                    ReviewDecision.Reassess => Move(PathwayStage.NeedsAssessment, null, OwnerRule.CurrentElseKeyWorker, DueRule.StandardFromToday, e.Note),
                    _ => new PathwayDecision(PathwayEffect.End, Note: e.Note, EndReason: PathwayEndReason.EndedAfterReview),
                },

            _ => throw new ArgumentOutOfRangeException(nameof(pathwayEvent), pathwayEvent.GetType().Name, "The pathway policy does not know this event."),
        };

        if (decision.Effect == PathwayEffect.Move)
        {
            // The policy never asks for a move the stages do not allow.
            PathwayTransitions.Ensure(at!.Value, decision.To!.Value);
        }

        return decision;
    }

    /// <summary>How work done outside the pathway is recorded against it, so that it is visible.</summary>
    public static string OutsideSummary(PathwayStage? current, PathwayEvent pathwayEvent)
    {
        ArgumentNullException.ThrowIfNull(pathwayEvent);
        var where = current is null or PathwayStage.Ended
            ? "the person has no open pathway"
            : $"the pathway is at {current.Value.Label().ToLowerInvariant()}";
        return $"{pathwayEvent.Work} outside the pathway: {where}, so it did not move";
    }

    private static PathwayDecision Outside { get; } = new(PathwayEffect.Outside);

    private static PathwayDecision Move(PathwayStage to, Guid? subjectId, OwnerRule owner, DueRule due, string? note = null) =>
        new(PathwayEffect.Move, to, subjectId, owner, due, note);

    private static DomainException Refused(PathwayEvent pathwayEvent, PathwayStage? at, string why) =>
        new("pathway-move-refused",
            $"{pathwayEvent.Work}, but {(at is null ? "the person has no open pathway" : $"the pathway is at {at.Value.Label().ToLowerInvariant()}")}: {why}");
}
