using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.TakingPart;

/// <summary>What part of the plan the person wrote, in their own words.</summary>
public enum PlanDraftKind
{
    [Display(Name = "About me")] AboutMe,
    [Display(Name = "What matters to me")] WhatMatters,
    [Display(Name = "An outcome I want")] Outcome,
    [Display(Name = "An idea for how my needs could be met")] Idea,
}

/// <summary>Where the person's words are: waiting for the worker, taken into the plan, or answered to talk about.</summary>
public enum PlanDraftStatus
{
    [Display(Name = "Waiting for your worker")] Waiting,
    [Display(Name = "Put in your plan")] Accepted,
    [Display(Name = "Your worker wants to talk about it")] Discussed,
}

/// <summary>
/// A part of the support plan the person wrote themselves, in their own area (ADR 0031): a draft the practitioner
/// sees on the plan, then takes into the plan (who wrote it is kept on the plan) or answers with a short reply to talk
/// about it. A draft has one owner (the person's key worker, or whoever owns the open step) and a due date, so it sits
/// in their My work like any other piece of work. Only a waiting draft can change; every change checks the revision.
/// </summary>
public sealed class PlanDraft
{
    public const int SectionMaxLength = PlanSectionText.TextMaxLength;
    public const int OutcomeMaxLength = PlanOutcome.TextMaxLength;
    public const int ReplyMaxLength = 1000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid PlanId { get; private set; }
    public PlanDraftKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public PlanDraftStatus Status { get; private set; }
    public ActorKind AuthorKind { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string? Reply { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredByName { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private PlanDraft()
    {
    }

    public bool IsWaiting => Status == PlanDraftStatus.Waiting;

    /// <summary>The plan section a draft of this kind fills, when it fills one whole section.</summary>
    public static PlanSection? SectionOf(PlanDraftKind kind) => kind switch
    {
        PlanDraftKind.AboutMe => PlanSection.AboutMe,
        PlanDraftKind.WhatMatters => PlanSection.WhatMatters,
        _ => null,
    };

    /// <summary>Whether the person keeps one draft of this kind at a time (a section) or may add many (outcomes, ideas).</summary>
    public static bool IsOnePerPlan(PlanDraftKind kind) => SectionOf(kind) is not null;

    public static int MaxLength(PlanDraftKind kind) => kind == PlanDraftKind.Outcome ? OutcomeMaxLength : SectionMaxLength;

    /// <summary>A new draft; errors name the fields <c>Kind</c> and <c>Text</c>.</summary>
    public static PlanDraft Write(Guid personId, Guid planId, PlanDraftKind? kind, string? text, PlanDraftOwner owner, Actor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(author);
        var errors = new List<FieldError>();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add(new FieldError(nameof(Kind), "Select what you are writing"));
        }

        var words = kind is { } k && Enum.IsDefined(k) ? Words(k, text, errors) : null;
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new PlanDraft
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            PlanId = planId,
            Kind = kind!.Value,
            Text = words!,
            Status = PlanDraftStatus.Waiting,
            AuthorKind = author.Kind,
            AuthorId = author.UserId,
            AuthorName = author.DisplayName,
            WrittenAt = now,
            OwnerId = owner.Id,
            OwnerName = owner.Name,
            DueDate = owner.DueDate,
            Revision = 1,
            UpdatedAt = now,
            UpdatedByName = author.DisplayName,
        };
    }

    /// <summary>The person changes their words while the draft still waits. A draft the worker already answered is a conflict.</summary>
    public void Rewrite(string? text, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureWaiting(expectedRevision);
        var errors = new List<FieldError>();
        var words = Words(Kind, text, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Text = words!;
        Touch(actor, now);
    }

    /// <summary>The practitioner takes the words into the plan (the caller changes the plan in the same save).</summary>
    public void Accept(int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureWaiting(expectedRevision);
        Status = PlanDraftStatus.Accepted;
        AnsweredAt = now;
        AnsweredByName = actor.DisplayName;
        Touch(actor, now);
    }

    /// <summary>The practitioner answers to talk about it: a short reply the person reads. Errors name <c>Reply</c>.</summary>
    public void Discuss(string? reply, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureWaiting(expectedRevision);
        var errors = new List<FieldError>();
        var text = Texts.Required(reply, nameof(Reply), "Enter a short reply for the person", ReplyMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Status = PlanDraftStatus.Discussed;
        Reply = text;
        AnsweredAt = now;
        AnsweredByName = actor.DisplayName;
        Touch(actor, now);
    }

    private static string? Words(PlanDraftKind kind, string? text, List<FieldError> errors) =>
        Texts.Required(text, nameof(Text), kind switch
        {
            PlanDraftKind.AboutMe => "Write something about you",
            PlanDraftKind.WhatMatters => "Write what matters to you",
            PlanDraftKind.Outcome => "Write the outcome you want",
            _ => "Write your idea",
        }, MaxLength(kind), errors);

    private void EnsureWaiting(int expectedRevision)
    {
        // Someone else saved first (the worker answered, or the person changed it in another window): say who and when.
        if (expectedRevision != Revision || !IsWaiting)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }
}

/// <summary>Who will deal with something the person wrote or asked for, and by when.</summary>
public sealed record PlanDraftOwner(Guid? Id, string? Name, DateOnly DueDate);
