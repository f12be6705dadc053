using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.TakingPart;

/// <summary>Where the person's self-assessment is: being written, sent to the worker, or checked by them.</summary>
public enum SelfAssessmentStatus
{
    [Display(Name = "Not sent yet")] Draft,
    [Display(Name = "Sent to your worker")] Sent,
    [Display(Name = "Checked by your worker")] Checked,
}

/// <summary>What the person says about one of the outcomes the assessment records (reg 2(2)), in their own words.</summary>
public sealed class SelfAssessmentAnswer
{
    public SpecifiedOutcome Outcome { get; private set; }
    public string? HowIManage { get; private set; }
    public string? WhatIsHard { get; private set; }

    private SelfAssessmentAnswer()
    {
    }

    internal static SelfAssessmentAnswer Create(SpecifiedOutcome outcome, string? how, string? hard) =>
        new() { Outcome = outcome, HowIManage = how, WhatIsHard = hard };

    internal void Set(string? how, string? hard)
    {
        HowIManage = how;
        WhatIsHard = hard;
    }

    /// <summary>The person's words for this outcome as one text, for the practitioner's note.</summary>
    public string? AsNote() => (HowIManage, WhatIsHard) switch
    {
        (null, null) => null,
        ({ } h, null) => $"How I manage now: {h}",
        (null, { } w) => $"What is hard: {w}",
        ({ } h, { } w) => $"How I manage now: {h}\nWhat is hard: {w}",
    };
}

/// <summary>One outcome's answer as given (the web's input, before the rules check it).</summary>
public sealed record SelfAssessmentAnswerInput(SpecifiedOutcome? Outcome, string? HowIManage, string? WhatIsHard);

/// <summary>
/// The person's supported self-assessment, in their own words (issue 13 item 4, ADR 0031): for each outcome the
/// assessment records (the eligibility outcomes, reg 2(2)), how they manage now and what is hard; what matters to them;
/// and anything else. The person (or a representative who may write) keeps it as a draft, changing it with its
/// revision, then sends it to their worker: it then has one owner and a due date, and sits in their My work. The
/// practitioner reads it beside the assessment, copies the person's words into the assessment's notes (marked as the
/// person's, so who wrote what is kept) and marks it checked, which closes it. One open (not checked) per person, held
/// by a unique index.
/// </summary>
public sealed class SelfAssessment
{
    public const int WordsMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public SelfAssessmentStatus Status { get; private set; }
    public List<SelfAssessmentAnswer> Answers { get; private set; } = [];
    public string? WhatMatters { get; private set; }
    public string? AnythingElse { get; private set; }
    public ActorKind AuthorKind { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? SentByName { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateTimeOffset? CheckedAt { get; private set; }
    public string? CheckedByName { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private SelfAssessment()
    {
    }

    public bool IsDraft => Status == SelfAssessmentStatus.Draft;

    /// <summary>The person's answer for an outcome, when they gave one.</summary>
    public SelfAssessmentAnswer? For(SpecifiedOutcome outcome) => Answers.Find(a => a.Outcome == outcome);

    /// <summary>
    /// The person's first words, kept as a draft. Errors name <c>Answers[i].HowIManage</c>, <c>Answers[i].WhatIsHard</c>,
    /// <c>Answers[i].Outcome</c>, <c>WhatMatters</c>, <c>AnythingElse</c>.
    /// </summary>
    public static SelfAssessment Write(Guid personId, IReadOnlyList<SelfAssessmentAnswerInput>? answers, string? whatMatters, string? anythingElse, Actor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(author);
        var s = new SelfAssessment
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Status = SelfAssessmentStatus.Draft,
            AuthorKind = author.Kind,
            AuthorId = author.UserId,
            AuthorName = author.DisplayName,
            CreatedAt = now,
            Revision = 0,
        };
        s.Apply(answers, whatMatters, anythingElse, author, now);
        return s;
    }

    /// <summary>The person changes their draft; a draft changed (or sent) since the form was opened is a conflict.</summary>
    public void Change(IReadOnlyList<SelfAssessmentAnswerInput>? answers, string? whatMatters, string? anythingElse, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureDraft(expectedRevision);
        Apply(answers, whatMatters, anythingElse, actor, now);
    }

    /// <summary>The person sends it to their worker. It must say something. A second send is a conflict.</summary>
    public void Send(PlanDraftOwner owner, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureDraft(expectedRevision);
        if (Answers.Count == 0 && WhatMatters is null && AnythingElse is null)
        {
            throw new ValidationFailedException([new FieldError("Answers", "Write something about at least one part before you send it")]);
        }

        Status = SelfAssessmentStatus.Sent;
        SentAt = now;
        SentByName = actor.DisplayName;
        OwnerId = owner.Id;
        OwnerName = owner.Name;
        DueDate = owner.DueDate;
        Touch(actor, now);
    }

    /// <summary>The practitioner has read it and used what they need: it is closed.</summary>
    public void MarkChecked(int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (expectedRevision != Revision || Status != SelfAssessmentStatus.Sent)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }

        Status = SelfAssessmentStatus.Checked;
        CheckedAt = now;
        CheckedByName = actor.DisplayName;
        Touch(actor, now);
    }

    /// <summary>The note the practitioner copies into the assessment for an outcome: the person's words, marked as theirs.</summary>
    public string? NoteFor(SpecifiedOutcome outcome) =>
        For(outcome)?.AsNote() is { } words
            ? $"In the person's words ({AuthorName}, self-assessment sent {UkTime.DateOf(SentAt ?? UpdatedAt).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}):\n{words}"
            : null;

    private void EnsureDraft(int expectedRevision)
    {
        if (expectedRevision != Revision || !IsDraft)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }
    }

    private void Apply(IReadOnlyList<SelfAssessmentAnswerInput>? answers, string? whatMatters, string? anythingElse, Actor actor, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var given = answers ?? [];
        var kept = new List<(SpecifiedOutcome Outcome, string? How, string? Hard)>();
        for (var i = 0; i < given.Count; i++)
        {
            var a = given[i];
            if (a.Outcome is not { } outcome || !Enum.IsDefined(outcome))
            {
                errors.Add(new FieldError($"Answers[{i}].Outcome", "An answer is for a part of the assessment that does not exist"));
                continue;
            }

            if (kept.Exists(k => k.Outcome == outcome))
            {
                errors.Add(new FieldError($"Answers[{i}].Outcome", "Each part can be answered once"));
                continue;
            }

            var how = Texts.Optional(a.HowIManage, $"Answers[{i}].HowIManage", WordsMaxLength, errors);
            var hard = Texts.Optional(a.WhatIsHard, $"Answers[{i}].WhatIsHard", WordsMaxLength, errors);
            if (how is not null || hard is not null)
            {
                kept.Add((outcome, how, hard));
            }
        }

        var matters = Texts.Optional(whatMatters, nameof(WhatMatters), WordsMaxLength, errors);
        var more = Texts.Optional(anythingElse, nameof(AnythingElse), WordsMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        // Changed in place, so the saved rows are updated rather than removed and added again under the same key.
        Answers.RemoveAll(x => kept.TrueForAll(k => k.Outcome != x.Outcome));
        foreach (var k in kept)
        {
            if (For(k.Outcome) is { } existing)
            {
                existing.Set(k.How, k.Hard);
            }
            else
            {
                Answers.Add(SelfAssessmentAnswer.Create(k.Outcome, k.How, k.Hard));
            }
        }

        WhatMatters = matters;
        AnythingElse = more;
        Touch(actor, now);
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }
}
