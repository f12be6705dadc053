using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Reviews;

/// <summary>Why a review is happening (the CLD Review_Reason distinguishes planned from unplanned).</summary>
public enum ReviewReason
{
    [Display(Name = "Scheduled review")] Scheduled,
    [Display(Name = "Requested by the person")] RequestedByPerson,
    [Display(Name = "Requested by a carer")] RequestedByCarer,
    [Display(Name = "Requested by a practitioner")] RequestedByPractitioner,
}

public enum OutcomeAchieved
{
    [Display(Name = "Fully achieved")] Fully,
    [Display(Name = "Partly achieved")] Partly,
    [Display(Name = "Not achieved")] Not,
}

public enum ReviewDecision
{
    [Display(Name = "Continue with the plan")] Continue,
    [Display(Name = "Revise the plan")] RevisePlan,
    [Display(Name = "Reassess needs")] Reassess,
    [Display(Name = "End support")] EndSupport,
}

public enum ReviewStatus
{
    [Display(Name = "In progress")] InProgress,
    [Display(Name = "Completed")] Completed,
}

/// <summary>Whether one of the plan's outcomes was achieved, with the person's own comment.</summary>
public sealed class ReviewOutcome
{
    public Guid PlanOutcomeId { get; private set; }
    public string OutcomeText { get; private set; } = "";
    public OutcomeAchieved? Achieved { get; private set; }
    public string? PersonComment { get; private set; }

    private ReviewOutcome()
    {
    }

    public static ReviewOutcome Create(Guid planOutcomeId, string text, OutcomeAchieved? achieved, string? comment) =>
        new() { PlanOutcomeId = planOutcomeId, OutcomeText = text, Achieved = achieved, PersonComment = comment };
}

/// <summary>
/// A review of the plan (Care Act s27): scheduled from the service standards or requested. Not a reassessment: it
/// records how the outcomes went in the person's words and decides to continue, revise, reassess or end.
/// </summary>
public sealed class Review : AggregateRoot
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? EpisodeId { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid? BudgetId { get; private set; }
    public ReviewReason Reason { get; private set; }
    public string? RequestDetail { get; private set; }
    public DateOnly DueDate { get; private set; }
    public ReviewStatus Status { get; private set; }
    public Participation? Participation { get; private set; }
    public string? BestInterestsConsulted { get; private set; }
    public string? WhatIsWorking { get; private set; }
    public string? WhatIsNotWorking { get; private set; }
    public bool? DirectPaymentReviewed { get; private set; }
    public ReviewDecision? Decision { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedByName { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public List<ReviewOutcome> Outcomes { get; private set; } = [];

    private Review()
    {
    }

    /// <summary>Opens a review of the plan in force. A requested review needs the reason for the request.</summary>
    public static Review Open(Guid personId, Guid? episodeId, Guid planId, Guid? budgetId, IEnumerable<(Guid Id, string Text)> planOutcomes,
        ReviewReason? reason, string? requestDetail, DateOnly dueDate, Actor actor, DateTimeOffset now, PersonsPart? partInPlan = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(planOutcomes);
        var errors = new List<FieldError>();
        if (reason is null || !Enum.IsDefined(reason.Value))
        {
            errors.Add(new FieldError("Reason", "Select who asked for the review"));
        }

        var detail = Texts.Optional(requestDetail, "RequestDetail", 2000, errors);
        if (reason is not null and not ReviewReason.Scheduled && detail is null)
        {
            errors.Add(new FieldError("RequestDetail", "Enter why the review was asked for"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var review = new Review
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            EpisodeId = episodeId,
            PlanId = planId,
            BudgetId = budgetId,
            Reason = reason!.Value,
            RequestDetail = detail,
            DueDate = dueDate,
            Status = ReviewStatus.InProgress,
            CreatedAt = now,
            CreatedByName = actor.DisplayName,
            Revision = 1,
            UpdatedAt = now,
            UpdatedByName = actor.DisplayName,
            Outcomes = planOutcomes.Select(o => ReviewOutcome.Create(o.Id, o.Text, null, null)).ToList(),
        };
        // The budget-in-place step completes with how the person took part in the plan in force.
        review.AddDomainEvent(new ReviewStarted(personId, review.Id, dueDate, review.Reason == ReviewReason.Scheduled ? null : $"{review.Reason.Label()}: {review.RequestDetail}", partInPlan));
        return review;
    }

    public void RecordOutcome(Guid planOutcomeId, OutcomeAchieved? achieved, string? personComment, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var index = Outcomes.FindIndex(o => o.PlanOutcomeId == planOutcomeId);
        if (index < 0)
        {
            throw new NotFoundException("The outcome");
        }

        var errors = new List<FieldError>();
        if (achieved is null || !Enum.IsDefined(achieved.Value))
        {
            errors.Add(new FieldError("Achieved", "Select whether the outcome was achieved"));
        }

        var comment = Texts.Optional(personComment, "PersonComment", TextMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Outcomes[index] = ReviewOutcome.Create(planOutcomeId, Outcomes[index].OutcomeText, achieved, comment);
        Touch(actor, now);
    }

    public void RecordFindings(PersonsPart? part, List<FieldError> partErrors, string? working, string? notWorking, bool? directPaymentReviewed, bool planHasDirectPayment, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(partErrors);
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>(partErrors);
        var w = Texts.Required(working, "WhatIsWorking", "Enter what is working", TextMaxLength, errors);
        var n = Texts.Required(notWorking, "WhatIsNotWorking", "Enter what is not working (or \"nothing\")", TextMaxLength, errors);
        if (planHasDirectPayment && directPaymentReviewed is null)
        {
            errors.Add(new FieldError("DirectPaymentReviewed", "Select whether the direct payment arrangements were reviewed"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Participation = part!.Participation;
        BestInterestsConsulted = part.BestInterestsConsulted;
        WhatIsWorking = w;
        WhatIsNotWorking = n;
        DirectPaymentReviewed = planHasDirectPayment ? directPaymentReviewed : null;
        Touch(actor, now);
    }

    /// <summary>What is missing before the review can be completed.</summary>
    public IReadOnlyList<FieldError> Gaps()
    {
        var gaps = new List<FieldError>();
        if (Participation is null)
        {
            gaps.Add(new FieldError("Participation", "How the person took part is not recorded yet"));
        }

        foreach (var o in Outcomes.Where(o => o.Achieved is null))
        {
            gaps.Add(new FieldError($"Outcomes.{o.PlanOutcomeId}", $"Whether this outcome was achieved is not recorded: {o.OutcomeText}"));
        }

        if (WhatIsWorking is null)
        {
            gaps.Add(new FieldError("WhatIsWorking", "What is and is not working is not recorded yet"));
        }

        return gaps;
    }

    /// <summary>Completes the review with its decision. Ending support needs a reason.</summary>
    /// <summary>
    /// Deletes a review in progress (started in error, or not needed after all), from the revision the user confirmed;
    /// a completed review is a record and is kept. The pathway returns to the budget in place, the next review due on
    /// <paramref name="nextReviewDue"/>.
    /// </summary>
    public void Delete(DateOnly nextReviewDue, int expectedRevision)
    {
        EnsureEditable(expectedRevision);
        AddDomainEvent(new ReviewDeleted(PersonId, Id, BudgetId, nextReviewDue));
    }

    public void Complete(ReviewDecision? decision, string? note, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        if (decision is null || !Enum.IsDefined(decision.Value))
        {
            errors.Add(new FieldError("Decision", "Select the decision"));
        }

        var text = Texts.Optional(note, "DecisionNote", TextMaxLength, errors);
        if (decision is ReviewDecision.EndSupport or ReviewDecision.RevisePlan or ReviewDecision.Reassess && text is null)
        {
            errors.Add(new FieldError("DecisionNote", decision == ReviewDecision.EndSupport ? "Enter why support is ending" : "Enter what needs to change and why"));
        }

        errors.InsertRange(0, Gaps());
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Decision = decision;
        DecisionNote = text;
        Status = ReviewStatus.Completed;
        CompletedAt = now;
        CompletedByName = actor.DisplayName;
        Touch(actor, now);
    }

    public PersonsPart? PersonsPart => Participation is { } p ? new PersonsPart(p, BestInterestsConsulted) : null;

    private void EnsureEditable(int expectedRevision)
    {
        if (Status == ReviewStatus.Completed)
        {
            throw new ConflictException("review-completed", $"This review was completed on {UkFormat.DateTime(CompletedAt!.Value)} and cannot change");
        }

        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }
}
