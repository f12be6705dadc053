using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.TakingPart;

/// <summary>The person's four-point answer, to how an outcome went and to each question about the process (after In Control's POET).</summary>
public enum HowWell
{
    [Display(Name = "Yes, fully")] Fully,
    [Display(Name = "Mostly")] Mostly,
    [Display(Name = "Partly")] Partly,
    [Display(Name = "Not at all")] NotAtAll,
}

/// <summary>How one outcome of the plan went, in the person's words.</summary>
public sealed class QuestionnaireOutcome
{
    public Guid PlanOutcomeId { get; private set; }
    public string OutcomeText { get; private set; } = "";
    public HowWell HowItWent { get; private set; }
    public string? InOwnWords { get; private set; }

    private QuestionnaireOutcome()
    {
    }

    internal static QuestionnaireOutcome Create(Guid planOutcomeId, string text, HowWell howItWent, string? words) =>
        new() { PlanOutcomeId = planOutcomeId, OutcomeText = text, HowItWent = howItWent, InOwnWords = words };

    internal void Set(HowWell howItWent, string? words)
    {
        HowItWent = howItWent;
        InOwnWords = words;
    }
}

/// <summary>One answer the person gives about an outcome of the plan (the web's input, before the rules check it).</summary>
public sealed record QuestionnaireOutcomeAnswer(Guid PlanOutcomeId, HowWell? HowItWent, string? InOwnWords);

/// <summary>The person's answers about how the process felt (In Control's POET), before the rules check them.</summary>
public sealed record QuestionnaireProcessAnswers(HowWell? EasyToGetBudget, HowWell? InControl, HowWell? HelpedLiveLife, HowWell? TreatedWithRespect, string? AboutTheProcess);

/// <summary>
/// What the person says before a review (issue 13 item 4, ADR 0033): how each outcome of their plan went (fully,
/// mostly, partly, not at all, and their own words), and how the process felt, after In Control's Personal Outcomes
/// Evaluation Tool (POET): was it easy to get the budget, did they feel in control of their support, did it help them
/// live the life they want, were they treated with respect. It belongs to the plan in force and, once the review
/// starts, to that review (one per review, held by a unique index); the person changes it until the review is
/// completed, each change checking the revision. The reviewer reads it beside their own findings.
/// </summary>
public sealed class ReviewQuestionnaire
{
    public const int WordsMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid PlanId { get; private set; }

    /// <summary>The review it is for; null while the review is due but not started (the review's start fills it in).</summary>
    public Guid? ReviewId { get; private set; }

    public List<QuestionnaireOutcome> Outcomes { get; private set; } = [];
    public HowWell EasyToGetBudget { get; private set; }
    public HowWell InControl { get; private set; }
    public HowWell HelpedLiveLife { get; private set; }
    public HowWell TreatedWithRespect { get; private set; }
    public string? AboutTheProcess { get; private set; }
    public ActorKind AuthorKind { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public ActorKind UpdatedByKind { get; private set; }

    private ReviewQuestionnaire()
    {
    }

    /// <summary>
    /// The person's first answers. <paramref name="planOutcomes"/> are the outcomes of the plan being reviewed, in its
    /// order: each needs an answer. Errors name <c>Outcomes[i].HowItWent</c>, <c>Outcomes[i].InOwnWords</c>,
    /// <c>EasyToGetBudget</c>, <c>InControl</c>, <c>HelpedLiveLife</c>, <c>TreatedWithRespect</c> and <c>AboutTheProcess</c>.
    /// </summary>
    public static ReviewQuestionnaire Answer(Guid personId, Guid planId, Guid? reviewId, IReadOnlyList<(Guid Id, string Text)> planOutcomes,
        IReadOnlyList<QuestionnaireOutcomeAnswer>? outcomes, QuestionnaireProcessAnswers? process, Actor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(author);
        var q = new ReviewQuestionnaire
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            PlanId = planId,
            ReviewId = reviewId,
            AuthorKind = author.Kind,
            AuthorId = author.UserId,
            AuthorName = author.DisplayName,
            CreatedAt = now,
            Revision = 0,
        };
        q.Apply(planOutcomes, outcomes, process, author, now);
        return q;
    }

    /// <summary>The person changes their answers; a questionnaire changed since the form was opened is a conflict.</summary>
    public void Change(IReadOnlyList<(Guid Id, string Text)> planOutcomes, IReadOnlyList<QuestionnaireOutcomeAnswer>? outcomes, QuestionnaireProcessAnswers? process,
        int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }

        Apply(planOutcomes, outcomes, process, actor, now);
    }

    /// <summary>The review of the plan has started: the answers given while it was due now belong to it.</summary>
    public void BelongsTo(Guid reviewId)
    {
        if (ReviewId is { } existing && existing != reviewId)
        {
            throw new DomainException("questionnaire-other-review", "These answers belong to another review");
        }

        ReviewId = reviewId;
    }

    private void Apply(IReadOnlyList<(Guid Id, string Text)> planOutcomes, IReadOnlyList<QuestionnaireOutcomeAnswer>? outcomes, QuestionnaireProcessAnswers? process, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(planOutcomes);
        var errors = new List<FieldError>();
        var given = outcomes ?? [];
        foreach (var extra in given.Where(a => planOutcomes.All(o => o.Id != a.PlanOutcomeId)))
        {
            errors.Add(new FieldError("Outcomes", "An answer is for an outcome that is not in the plan being reviewed"));
            break;
        }

        var answered = new List<(Guid Id, string Text, HowWell How, string? Words)>();
        for (var i = 0; i < planOutcomes.Count; i++)
        {
            var (id, text) = planOutcomes[i];
            var answer = given.FirstOrDefault(a => a.PlanOutcomeId == id);
            if (answer?.HowItWent is not { } how || !Enum.IsDefined(how))
            {
                errors.Add(new FieldError($"Outcomes[{i}].HowItWent", $"Select how \u2018{Shorten(text)}\u2019 went"));
                continue;
            }

            var words = Texts.Optional(answer.InOwnWords, $"Outcomes[{i}].InOwnWords", WordsMaxLength, errors);
            answered.Add((id, text, how, words));
        }

        var p = process ?? new QuestionnaireProcessAnswers(null, null, null, null, null);
        var easy = Required(p.EasyToGetBudget, nameof(EasyToGetBudget), "Select whether it was easy to get your budget", errors);
        var control = Required(p.InControl, nameof(InControl), "Select whether you felt in control of your support", errors);
        var life = Required(p.HelpedLiveLife, nameof(HelpedLiveLife), "Select whether your support helped you live the life you want", errors);
        var respect = Required(p.TreatedWithRespect, nameof(TreatedWithRespect), "Select whether you were treated with respect", errors);
        var about = Texts.Optional(p.AboutTheProcess, nameof(AboutTheProcess), WordsMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        // Changed in place, so the saved rows are updated rather than removed and added again under the same key.
        Outcomes.RemoveAll(o => answered.All(a => a.Id != o.PlanOutcomeId));
        foreach (var a in answered)
        {
            if (Outcomes.Find(o => o.PlanOutcomeId == a.Id) is { } kept)
            {
                kept.Set(a.How, a.Words);
            }
            else
            {
                Outcomes.Add(QuestionnaireOutcome.Create(a.Id, a.Text, a.How, a.Words));
            }
        }

        EasyToGetBudget = easy!.Value;
        InControl = control!.Value;
        HelpedLiveLife = life!.Value;
        TreatedWithRespect = respect!.Value;
        AboutTheProcess = about;
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
        UpdatedByKind = actor.Kind;
    }

    private static HowWell? Required(HowWell? value, string field, string message, List<FieldError> errors)
    {
        if (value is { } v && Enum.IsDefined(v))
        {
            return v;
        }

        errors.Add(new FieldError(field, message));
        return null;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
