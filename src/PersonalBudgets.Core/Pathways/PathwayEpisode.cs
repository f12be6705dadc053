using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Core.Pathways;

public enum PathwayEndReason
{
    [Display(Name = "No eligible needs")] NoEligibleNeeds,
    [Display(Name = "The person declined support")] DeclinedSupport,
    [Display(Name = "Needs met in another way")] NeedsMetOtherwise,
    [Display(Name = "Support ended after review")] EndedAfterReview,
    [Display(Name = "Moved out of the area")] MovedAway,
    [Display(Name = "The person died")] Died,
    [Display(Name = "Other")] Other,
}

/// <summary>A staff member as a step's owner: kept by name and profession so reports by profession need no join.</summary>
public sealed record StaffRef(Guid Id, string Name, Profession Profession);

/// <summary>
/// One run of a person's self-directed support pathway, from referral to ended. At most one is open per person.
/// Its steps are <see cref="PathwayStep"/>s, each with one named owner and a due date.
/// </summary>
public sealed class PathwayEpisode
{
    public const int NoteMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public PathwayStage Stage { get; private set; }
    public DateOnly ReferralDate { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedByName { get; private set; } = "";
    public string? ReferralNote { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public PathwayEndReason? EndReason { get; private set; }
    public string? EndNote { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private PathwayEpisode()
    {
    }

    public bool IsOpen => EndedAt is null;

    /// <summary>
    /// Opens an episode at referral, or straight at needs assessment when an assessment is started without a
    /// recorded referral.
    /// </summary>
    public static PathwayEpisode Open(Guid personId, DateOnly referralDate, string? note, Actor actor, DateTimeOffset now, PathwayStage firstStage = PathwayStage.Referral)
    {
        // A carer's own pathway starts at the indicative budget: their eligibility was decided on the carer's assessment (ADR 21).
        if (firstStage is not (PathwayStage.Referral or PathwayStage.NeedsAssessment or PathwayStage.IndicativeBudget))
        {
            throw new DomainException("pathway-first-stage", "A pathway starts at referral, at needs assessment, or for a carer at the indicative budget");
        }

        ArgumentNullException.ThrowIfNull(actor);
        if (note is { Length: > NoteMaxLength })
        {
            throw new ValidationFailedException([new FieldError("ReferralNote", $"The referral note must be {NoteMaxLength} characters or fewer")]);
        }

        return new PathwayEpisode
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Stage = firstStage,
            ReferralDate = referralDate,
            ReferralNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            OpenedAt = now,
            OpenedByName = actor.DisplayName,
            Revision = 1,
            UpdatedAt = now,
            UpdatedByName = actor.DisplayName,
        };
    }

    /// <summary>Moves to the next stage; an illegal move is refused with a plain-English message.</summary>
    public void MoveTo(PathwayStage to, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        PathwayTransitions.Ensure(Stage, to);
        Stage = to;
        Touch(actor, now);
    }

    public void End(PathwayEndReason? reason, string? note, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        if (reason is null || !Enum.IsDefined(reason.Value))
        {
            errors.Add(new FieldError("EndReason", "Select why the pathway is ending"));
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (reason == PathwayEndReason.Other && text is null)
        {
            errors.Add(new FieldError("EndNote", "Explain why the pathway is ending"));
        }
        else if (text is { Length: > NoteMaxLength })
        {
            errors.Add(new FieldError("EndNote", $"The explanation must be {NoteMaxLength} characters or fewer"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        PathwayTransitions.Ensure(Stage, PathwayStage.Ended);
        Stage = PathwayStage.Ended;
        EndedAt = now;
        EndReason = reason;
        EndNote = text;
        Touch(actor, now);
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }
}

/// <summary>
/// One stage of an episode as a piece of work: one named owner (any profession, or none yet, which the team manager
/// sees), a due date fixed when it opened, and, when done, how the person took part.
/// </summary>
public sealed class PathwayStep
{
    public const int NoteMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid EpisodeId { get; private set; }
    public Guid PersonId { get; private set; }
    public PathwayStage Stage { get; private set; }

    /// <summary>The record this step is about, when there is one (an assessment, a plan, an approval request, a review).</summary>
    public Guid? SubjectId { get; private set; }

    public Guid? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public Profession? OwnerProfession { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The UK day the step was completed (<see cref="CompletedAt"/> in UK time): kept so reports can compare it with the due day in the database.</summary>
    public DateOnly? CompletedOn { get; private set; }

    public string? CompletedByName { get; private set; }
    public Participation? Participation { get; private set; }
    public string? BestInterestsConsulted { get; private set; }
    public string? Note { get; private set; }

    /// <summary>When the overdue step was escalated to its owner and the team manager (once).</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private PathwayStep()
    {
    }

    public bool IsOpen => CompletedAt is null;

    public bool IsOverdue(DateOnly today) => IsOpen && DueDate < today;

    public static PathwayStep Open(PathwayEpisode episode, PathwayStage stage, StaffRef? owner, DateOnly dueDate, Guid? subjectId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(actor);
        if (stage == PathwayStage.Ended)
        {
            throw new DomainException("pathway-step-ended", "An ended pathway has no open step");
        }

        return new PathwayStep
        {
            Id = Guid.NewGuid(),
            EpisodeId = episode.Id,
            PersonId = episode.PersonId,
            Stage = stage,
            SubjectId = subjectId,
            OwnerId = owner?.Id,
            OwnerName = owner?.Name,
            OwnerProfession = owner?.Profession,
            OpenedAt = now,
            DueDate = dueDate,
            Revision = 1,
            UpdatedAt = now,
            UpdatedByName = actor.DisplayName,
        };
    }

    public void AttachSubject(Guid subjectId) => SubjectId = subjectId;

    /// <summary>Lets go of a subject that no longer exists (a deleted draft): the step stays, with nothing to open yet.</summary>
    public void DetachSubject(Guid subjectId)
    {
        if (SubjectId == subjectId)
        {
            SubjectId = null;
        }
    }

    /// <summary>Records how the person took part before the step completes (for example at referral).</summary>
    public void RecordPersonsPart(PersonsPart part, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(part);
        EnsureOpen();
        Participation = part.Participation;
        BestInterestsConsulted = part.BestInterestsConsulted;
        Touch(actor, now);
    }

    /// <summary>How the person took part, when it has been recorded.</summary>
    public PersonsPart? PersonsPart => Participation is { } p ? new PersonsPart(p, BestInterestsConsulted) : null;

    /// <summary>Gives the step a new owner (or the first one). A change of owner needs a reason; the first does not.</summary>
    public StepOwnerChange AssignOwner(StaffRef owner, string? reason, int? expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen();
        if (expectedRevision is { } expected && expected != Revision)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }

        if (OwnerId == owner.Id)
        {
            throw new DomainException("pathway-step-same-owner", $"{owner.Name} already owns this step", "OwnerId");
        }

        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (OwnerId is not null && text is null)
        {
            throw new ValidationFailedException([new FieldError("Reason", "Enter why the work is being reallocated")]);
        }

        if (text is { Length: > StepOwnerChange.ReasonMaxLength })
        {
            throw new ValidationFailedException([new FieldError("Reason", $"The reason must be {StepOwnerChange.ReasonMaxLength} characters or fewer")]);
        }

        var change = new StepOwnerChange(Guid.NewGuid(), Id, PersonId, OwnerId, OwnerName, owner.Id, owner.Name, now, actor.DisplayName, text);
        OwnerId = owner.Id;
        OwnerName = owner.Name;
        OwnerProfession = owner.Profession;
        Touch(actor, now);
        return change;
    }

    /// <summary>Completes the step. It cannot be completed without recording how the person took part.</summary>
    public void Complete(PersonsPart? part, string? note, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen();
        part ??= PersonsPart;
        if (part is null)
        {
            throw new DomainException("pathway-step-needs-persons-part",
                $"Record how the person took part before completing {Stage.Label().ToLowerInvariant()}", "Participation");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > NoteMaxLength })
        {
            throw new ValidationFailedException([new FieldError("Note", $"The note must be {NoteMaxLength} characters or fewer")]);
        }

        CompletedAt = now;
        CompletedOn = UkTime.DateOf(now);
        CompletedByName = actor.DisplayName;
        Participation = part.Participation;
        BestInterestsConsulted = part.BestInterestsConsulted;
        Note = text;
        Touch(actor, now);
    }

    /// <summary>Closes the step because the pathway ended while it was open.</summary>
    public void Close(string note, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen();
        CompletedAt = now;
        CompletedOn = UkTime.DateOf(now);
        CompletedByName = actor.DisplayName;
        Note = note;
        Touch(actor, now);
    }

    public void MarkEscalated(DateTimeOffset now) => EscalatedAt = now;

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new ConflictException("pathway-step-completed", $"{Stage.Label()} was completed on {UkFormat.DateTime(CompletedAt!.Value)}: it can no longer change");
        }
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }
}

/// <summary>Who owned a step before, who owns it now, who changed it, when and why.</summary>
public sealed record StepOwnerChange(
    Guid Id,
    Guid StepId,
    Guid PersonId,
    Guid? FromOwnerId,
    string? FromOwnerName,
    Guid ToOwnerId,
    string ToOwnerName,
    DateTimeOffset ChangedAt,
    string ChangedByName,
    string? Reason)
{
    public const int ReasonMaxLength = 1000;
}
