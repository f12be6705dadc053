using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;

namespace PersonalBudgets.Core.Budgets;

public enum CompletedWith
{
    [Display(Name = "The practitioner, with the person")] PractitionerWithPerson,
    [Display(Name = "The person, with support")] PersonWithSupport,
    [Display(Name = "The person, on their own")] Person,
    [Display(Name = "The practitioner (the person declined to take part)")] PractitionerAlone,
}

/// <summary>
/// An indicative budget: a starting point, not an entitlement. It keeps the RAS version, the answers and the full
/// working as they were, so publishing a new RAS version never changes it.
/// </summary>
public sealed class IndicativeBudget : AggregateRoot
{
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? AssessmentId { get; private set; }
    public Guid RasVersionId { get; private set; }
    public int RasVersionNumber { get; private set; }
    public string AnswersJson { get; private set; } = "{}";
    public string ResultJson { get; private set; } = "{}";
    public int TotalPoints { get; private set; }
    public decimal WeeklyAmount { get; private set; }
    public decimal AnnualAmount { get; private set; }
    public CompletedWith CompletedWith { get; private set; }
    public DateTimeOffset CalculatedAt { get; private set; }
    public Guid CalculatedById { get; private set; }
    public string CalculatedByName { get; private set; } = "";

    private IndicativeBudget()
    {
    }

    public RasResult Result => JsonSerializer.Deserialize<RasResult>(ResultJson, RasDefinition.Json)!;

    public IReadOnlyDictionary<string, string> Answers => JsonSerializer.Deserialize<Dictionary<string, string>>(AnswersJson, RasDefinition.Json)!;

    public static IndicativeBudget Calculate(Guid personId, Guid? assessmentId, RasVersion version, IReadOnlyDictionary<string, string> answers, CompletedWith completedWith, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Status != RasVersionStatus.Published)
        {
            throw new DomainException("ras-version-not-published", "Indicative budgets use the published version of the resource allocation system");
        }

        var result = RasCalculator.Calculate(version.Definition, answers);
        var budget = new IndicativeBudget
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            AssessmentId = assessmentId,
            RasVersionId = version.Id,
            RasVersionNumber = version.Number,
            AnswersJson = JsonSerializer.Serialize(answers, RasDefinition.Json),
            ResultJson = JsonSerializer.Serialize(result, RasDefinition.Json),
            TotalPoints = result.TotalPoints,
            WeeklyAmount = result.Weekly,
            AnnualAmount = result.Annual,
            CompletedWith = completedWith,
            CalculatedAt = now,
            CalculatedById = actor.UserId,
            CalculatedByName = actor.DisplayName,
        };
        budget.AddDomainEvent(new IndicativeBudgetCompleted(personId, budget.Id, PersonsPartOf(completedWith)));
        return budget;
    }

    /// <summary>How the person took part in the indicative budget, from who completed the questionnaire.</summary>
    public static PersonsPart PersonsPartOf(CompletedWith completedWith) => new(completedWith switch
    {
        CompletedWith.Person => Participation.InWriting,
        CompletedWith.PractitionerAlone => Participation.Declined,
        _ => Participation.InPerson,
    }, null);
}

public enum ChallengeOutcome
{
    [Display(Name = "Upheld: the amount is revised")] Upheld,
    [Display(Name = "Not upheld: the amount stands")] NotUpheld,
}

/// <summary>The person's challenge to an indicative amount, and its outcome.</summary>
public sealed class BudgetChallenge
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid IndicativeBudgetId { get; private set; }
    public Guid PersonId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
    public string RaisedByName { get; private set; } = "";
    public ChallengeOutcome? Outcome { get; private set; }
    public string? OutcomeReason { get; private set; }
    public decimal? RevisedWeeklyAmount { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedByName { get; private set; }
    public int Revision { get; private set; }

    private BudgetChallenge()
    {
    }

    public static BudgetChallenge Raise(IndicativeBudget budget, string? reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (r is null)
        {
            throw new ValidationFailedException([new People.FieldError("Reason", "Enter why the person disagrees with the amount")]);
        }

        if (r.Length > TextMaxLength)
        {
            throw new ValidationFailedException([new People.FieldError("Reason", $"Reason must be {TextMaxLength} characters or fewer")]);
        }

        return new BudgetChallenge { Id = Guid.NewGuid(), IndicativeBudgetId = budget.Id, PersonId = budget.PersonId, Reason = r, RaisedAt = now, RaisedByName = actor.DisplayName, Revision = 1 };
    }

    public void Decide(ChallengeOutcome? outcome, string? reason, decimal? revisedWeekly, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        if (Outcome is not null)
        {
            throw new ConflictException("challenge-already-decided", $"This challenge has already been decided, by {DecidedByName} on {UkFormat.DateTime(DecidedAt!.Value)}");
        }

        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(RaisedByName, RaisedAt);
        }

        var errors = new List<People.FieldError>();
        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (outcome is null) errors.Add(new("Outcome", "Select the outcome of the challenge"));
        if (r is null) errors.Add(new("OutcomeReason", "Enter the reason for the outcome"));
        else if (r.Length > TextMaxLength) errors.Add(new("OutcomeReason", $"Reason must be {TextMaxLength} characters or fewer"));
        if (outcome == ChallengeOutcome.Upheld && revisedWeekly is null) errors.Add(new("RevisedWeeklyAmount", "Enter the revised weekly amount"));
        if (revisedWeekly is < 0) errors.Add(new("RevisedWeeklyAmount", "The revised amount cannot be negative"));
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Outcome = outcome;
        OutcomeReason = r;
        RevisedWeeklyAmount = outcome == ChallengeOutcome.Upheld ? Money.Round(revisedWeekly!.Value) : null;
        DecidedAt = now;
        DecidedByName = actor.DisplayName;
        Revision++;
    }
}
