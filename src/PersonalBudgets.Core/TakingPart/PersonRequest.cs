using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.TakingPart;

/// <summary>What the person asked for in their own area.</summary>
public enum PersonRequestKind
{
    [Display(Name = "A review")] Review,
    [Display(Name = "A challenge to a decision")] Challenge,
}

/// <summary>The decisions a person can challenge from their own area.</summary>
public enum ChallengedDecision
{
    [Display(Name = "Whether the council must help pay for my support (eligibility)")] Eligibility,
    [Display(Name = "How much money there might be (the indicative budget)")] IndicativeBudget,
    [Display(Name = "The decision about my plan")] PlanDecision,
}

public enum PersonRequestStatus
{
    [Display(Name = "Waiting for your worker")] Open,
    [Display(Name = "Answered")] Answered,
}

/// <summary>
/// A request the person made themselves (ADR 0031): a review "on reasonable request" (Care Act s27) or a challenge to
/// a decision, with the reason in their own words. It has one owner and a due date, and sits in the owner's My work
/// until answered; the person sees its state and the answer. One open request of each kind (and decision) per person,
/// held by unique indexes too.
/// </summary>
public sealed class PersonRequest
{
    public const int ReasonMaxLength = 2000;
    public const int AnswerMaxLength = 2000;

    /// <summary>The service standard for answering a person's request: 10 working days.</summary>
    public const int WorkingDaysToAnswer = 10;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public PersonRequestKind Kind { get; private set; }
    public ChallengedDecision? Decision { get; private set; }
    public string Reason { get; private set; } = "";
    public PersonRequestStatus Status { get; private set; }

    /// <summary>The pathway stage the person was at when they asked: the step whose record shows how they took part.</summary>
    public PathwayStage? Stage { get; private set; }

    public ActorKind AuthorKind { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string? Answer { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredByName { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private PersonRequest()
    {
    }

    public bool IsOpen => Status == PersonRequestStatus.Open;

    public bool IsOverdue(DateOnly today) => IsOpen && DueDate < today;

    /// <summary>When a request made today is due: <see cref="WorkingDaysToAnswer"/> working days on.</summary>
    public static DateOnly DueFrom(DateOnly today, IReadOnlySet<DateOnly>? bankHolidays = null) => DueDates.AddWorkingDays(today, WorkingDaysToAnswer, bankHolidays);

    /// <summary>A new request; errors name the fields <c>Kind</c>, <c>Decision</c> and <c>Reason</c>.</summary>
    public static PersonRequest Make(Guid personId, PersonRequestKind? kind, ChallengedDecision? decision, string? reason, PathwayStage? stage, PlanDraftOwner owner, Actor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(author);
        var errors = new List<FieldError>();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add(new FieldError(nameof(Kind), "Select what you are asking for"));
        }
        else if (kind == PersonRequestKind.Challenge && (decision is null || !Enum.IsDefined(decision.Value)))
        {
            errors.Add(new FieldError(nameof(Decision), "Select which decision you want to challenge"));
        }

        var why = Texts.Required(reason, nameof(Reason), kind == PersonRequestKind.Challenge
            ? "Write why you think the decision is wrong"
            : "Write why you want a review", ReasonMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new PersonRequest
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Kind = kind!.Value,
            Decision = kind == PersonRequestKind.Challenge ? decision : null,
            Reason = why!,
            Status = PersonRequestStatus.Open,
            Stage = stage,
            AuthorKind = author.Kind,
            AuthorId = author.UserId,
            AuthorName = author.DisplayName,
            CreatedAt = now,
            OwnerId = owner.Id,
            OwnerName = owner.Name,
            DueDate = owner.DueDate,
            Revision = 1,
            UpdatedAt = now,
            UpdatedByName = author.DisplayName,
        };
    }

    /// <summary>The owner answers (what will happen, or what was decided); the answer is what the person reads. Errors name <c>Answer</c>.</summary>
    public void AnswerWith(string? answer, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (expectedRevision != Revision || !IsOpen)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }

        var errors = new List<FieldError>();
        var text = Texts.Required(answer, nameof(Answer), "Enter the answer for the person", AnswerMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Status = PersonRequestStatus.Answered;
        Answer = text;
        AnsweredAt = now;
        AnsweredByName = actor.DisplayName;
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }
}
