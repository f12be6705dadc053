using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;

namespace PersonalBudgets.Core.Pathways;

/// <summary>
/// Work on a person's records that may move their pathway. The records raise these; <see cref="PathwayPolicy"/>
/// decides what each does to the pathway wherever it is.
/// </summary>
public abstract record PathwayEvent(Guid PersonId, PersonsPart? Part) : DomainEvent(PersonId)
{
    /// <summary>The work, in plain English, as the record of work done outside the pathway names it.</summary>
    public abstract string Work { get; }

    /// <summary>The record the work was done on.</summary>
    public abstract Guid SubjectId { get; }
}

public sealed record AssessmentStarted(Guid PersonId, Guid AssessmentId, AssessmentKind Kind, Guid OwnerId, DateOnly DueDate) : PathwayEvent(PersonId, null)
{
    public override string Work => $"A {Kind.Label().ToLowerInvariant()} was started";

    public override Guid SubjectId => AssessmentId;
}

public sealed record AssessmentCompleted(Guid PersonId, Guid AssessmentId, AssessmentKind Kind, PersonsPart? Part) : PathwayEvent(PersonId, Part)
{
    public override string Work => $"A {Kind.Label().ToLowerInvariant()} was completed";

    public override Guid SubjectId => AssessmentId;
}

/// <summary>A draft assessment was cancelled with a reason (started in error, a duplicate, or the person withdrew).</summary>
public sealed record AssessmentCancelled(Guid PersonId, Guid AssessmentId, AssessmentKind Kind, string Reason) : PathwayEvent(PersonId, null)
{
    public override string Work => $"A draft {Kind.Label().ToLowerInvariant()} was cancelled";

    public override Guid SubjectId => AssessmentId;
}

public sealed record EligibilityDecided(Guid PersonId, Guid DeterminationId, Guid AssessmentId, AssessmentKind Kind, bool Eligible, PersonsPart? Part) : PathwayEvent(PersonId, Part)
{
    public override string Work => $"Eligibility was decided ({(Eligible ? "eligible" : "not eligible")})";

    public override Guid SubjectId => DeterminationId;
}

public sealed record IndicativeBudgetCompleted(Guid PersonId, Guid BudgetId, PersonsPart Part) : PathwayEvent(PersonId, Part)
{
    public override string Work => "An indicative budget was worked out";

    public override Guid SubjectId => BudgetId;
}

public sealed record PlanSubmitted(Guid PersonId, Guid PlanId, int PlanNumber, Guid RequestId, Guid AuthorId, Guid SubmittedById, ApprovalRoute Route, DateOnly DueDate, PersonsPart? Part)
    : PathwayEvent(PersonId, Part)
{
    public override string Work => $"Version {PlanNumber} of the support plan was submitted for approval";

    public override Guid SubjectId => RequestId;
}

public sealed record ApprovalDecided(Guid PersonId, Guid RequestId, Guid PlanId, int PlanNumber, ApprovalOutcome Outcome, Guid AuthorId, Guid? BudgetId, DateOnly? BudgetStart,
    string? Reasons, PersonsPart? Part) : PathwayEvent(PersonId, Part)
{
    public override string Work => $"Version {PlanNumber} of the support plan was decided ({Outcome.Label().ToLowerInvariant()})";

    public override Guid SubjectId => RequestId;
}

public sealed record ReviewStarted(Guid PersonId, Guid ReviewId, DateOnly DueDate, string? Note, PersonsPart? Part) : PathwayEvent(PersonId, Part)
{
    public override string Work => "A review was started";

    public override Guid SubjectId => ReviewId;
}

/// <summary>A review in progress was deleted (started in error): the person's budget is in place again, next review due when it was.</summary>
public sealed record ReviewDeleted(Guid PersonId, Guid ReviewId, Guid? BudgetId, DateOnly NextReviewDue) : PathwayEvent(PersonId, null)
{
    public override string Work => "A review in progress was deleted";

    public override Guid SubjectId => ReviewId;
}

public sealed record ReviewCompleted(Guid PersonId, Guid ReviewId, ReviewDecision Decision, Guid? BudgetId, DateOnly? NextReviewDue, Guid? DraftPlanId, string? Note, PersonsPart? Part)
    : PathwayEvent(PersonId, Part)
{
    public override string Work => $"A review was completed ({Decision.Label().ToLowerInvariant()})";

    public override Guid SubjectId => ReviewId;
}

/// <summary>
/// An eligible carer's own pathway was started from their carer's assessment (ADR 21): it opens at the indicative
/// budget, on the carer's own record.
/// </summary>
public sealed record CarerPathwayStarted(Guid CarerPersonId, Guid AssessmentId, Guid OwnerId) : PathwayEvent(CarerPersonId, null)
{
    public override string Work => "The carer's own pathway was started from an eligible carer's assessment";

    public override Guid SubjectId => AssessmentId;
}
