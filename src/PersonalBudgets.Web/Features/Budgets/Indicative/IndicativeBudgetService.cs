using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Eligibility;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

public sealed record BudgetSummary(Guid Id, decimal Weekly, decimal Annual, int RasVersionNumber, DateTimeOffset CalculatedAt, string CalculatedBy, CompletedWith CompletedWith, decimal? RevisedWeekly, bool ChallengeOpen);

public sealed record BudgetOverview(PersonRecord Record, CurrentEligibility Eligibility, IReadOnlyList<BudgetSummary> Budgets);

public sealed record Questionnaire(PersonRecord Record, RasVersion Version);

public sealed record BudgetView(PersonRecord Record, IndicativeBudget Budget, string RasVersionName, bool RasVersionIsExample, IReadOnlyList<BudgetChallenge> Challenges)
{
    /// <summary>The revised weekly amount from the latest upheld challenge, if any.</summary>
    public decimal? RevisedWeekly => Challenges.Where(c => c.Outcome == ChallengeOutcome.Upheld).OrderByDescending(c => c.DecidedAt).Select(c => c.RevisedWeeklyAmount).FirstOrDefault();

    public bool ChallengeOpen => Challenges.Any(c => c.Outcome is null);
}

/// <summary>
/// Indicative budgets for eligible people: the questionnaire, the amount with its working, and the person's challenges.
/// Every view and change checks the legitimate relationship and is audited.
/// </summary>
public sealed class IndicativeBudgetService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock, PathwayService pathway)
{
    public const string BudgetRecordType = "IndicativeBudget";
    public const string ChallengeRecordType = "BudgetChallenge";

    public async Task<BudgetOverview> OverviewAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.ViewAsync(personId, ct);
        var budgets = await db.IndicativeBudgets.AsNoTracking().Where(b => b.PersonId == personId)
            .OrderByDescending(b => b.CalculatedAt).ToListAsync(ct);
        var ids = budgets.Select(b => b.Id).ToList();
        var challenges = await db.BudgetChallenges.AsNoTracking().Where(c => ids.Contains(c.IndicativeBudgetId)).ToListAsync(ct);
        var summaries = budgets.Select(b =>
        {
            var mine = challenges.Where(c => c.IndicativeBudgetId == b.Id).ToList();
            var revised = mine.Where(c => c.Outcome == ChallengeOutcome.Upheld).OrderByDescending(c => c.DecidedAt).Select(c => c.RevisedWeeklyAmount).FirstOrDefault();
            return new BudgetSummary(b.Id, b.WeeklyAmount, b.AnnualAmount, b.RasVersionNumber, b.CalculatedAt, b.CalculatedByName, b.CompletedWith, revised, mine.Any(c => c.Outcome is null));
        }).ToList();
        return new BudgetOverview(record, await EligibilityAsync(personId, ct), summaries);
    }

    /// <summary>The questionnaire for an eligible person, from the published version.</summary>
    public async Task<Questionnaire> QuestionnaireAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        await EnsureEligibleAsync(personId, ct);
        return new Questionnaire(record, await PublishedAsync(personId, ct));
    }

    public async Task<IndicativeBudget> CreateAsync(Guid personId, IReadOnlyDictionary<string, string?> answers, CompletedWith? completedWith, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var eligibility = await EnsureEligibleAsync(personId, ct);
        var version = await PublishedAsync(personId, ct);
        var given = answers.Where(a => !string.IsNullOrEmpty(a.Value)).ToDictionary(a => a.Key, a => a.Value!);
        var errors = new List<FieldError>();
        if (completedWith is null)
        {
            errors.Add(new("CompletedWith", "Select who completed the questionnaire"));
        }

        IndicativeBudget? budget = null;
        try
        {
            budget = IndicativeBudget.Calculate(personId, eligibility.AssessmentId, version, given, completedWith ?? default, currentUser.Actor, clock.GetUtcNow());
        }
        catch (ValidationFailedException ex)
        {
            errors.AddRange(ex.Errors);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        db.IndicativeBudgets.Add(budget!);
        audit.Add(AuditAction.Created, BudgetRecordType, budget!.Id.ToString(), personId,
            summary: $"Indicative budget worked out: {UkFormat.Money(budget.WeeklyAmount)} a week ({budget.TotalPoints} points, resource allocation system version {version.Number})");
        await pathway.ApplyEventsAsync(ct);
        await db.SaveChangesOrDuplicateAsync(ct);
        return budget;
    }

    public async Task<BudgetView> ViewAsync(Guid budgetId, Guid? personId = null, CancellationToken ct = default)
    {
        var view = await LoadAsync(budgetId, personId, ct);
        await audit.RecordAsync(AuditAction.Viewed, BudgetRecordType, budgetId.ToString(), view.Budget.PersonId, cancellationToken: ct);
        return view;
    }

    /// <summary>Loads a budget for a form, checking access, without a separate view entry.</summary>
    public async Task<BudgetView> LoadAsync(Guid budgetId, Guid? personId = null, CancellationToken ct = default)
    {
        var budget = await db.IndicativeBudgets.AsNoTracking().SingleOrDefaultAsync(b => b.Id == budgetId && (personId == null || b.PersonId == personId), ct)
            ?? throw new NotFoundException("The indicative budget");
        var record = await people.LoadForEditAsync(budget.PersonId, ct);
        var version = await db.RasVersions.AsNoTracking().Where(v => v.Id == budget.RasVersionId).Select(v => new { v.Name, v.IsExample }).SingleAsync(ct);
        var challenges = await db.BudgetChallenges.AsNoTracking().Where(c => c.IndicativeBudgetId == budgetId).OrderBy(c => c.RaisedAt).ToListAsync(ct);
        return new BudgetView(record, budget, version.Name, version.IsExample, challenges);
    }

    private const string ChallengeOpenCode = "budget-challenge-open";
    private const string ChallengeOpenMessage = "This amount already has a challenge waiting for a decision. Add to it by talking to the team manager";

    public async Task<BudgetChallenge> RaiseChallengeAsync(Guid budgetId, Guid? personId, string? reason, CancellationToken ct = default)
    {
        var view = await LoadAsync(budgetId, personId, ct);
        if (view.ChallengeOpen)
        {
            throw new ConflictException(ChallengeOpenCode, ChallengeOpenMessage);
        }

        var challenge = BudgetChallenge.Raise(view.Budget, reason, currentUser.Actor, clock.GetUtcNow());
        db.BudgetChallenges.Add(challenge);
        audit.Add(AuditAction.Created, ChallengeRecordType, challenge.Id.ToString(), view.Budget.PersonId,
            summary: $"Challenged the indicative budget of {UkFormat.Money(view.Budget.WeeklyAmount)} a week", reason: challenge.Reason);
        // Two challenges raised at the same moment both pass the check above; the one-open-challenge index refuses the second.
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException(ChallengeOpenCode, ChallengeOpenMessage)), ct);
        return challenge;
    }

    public async Task<(BudgetView View, BudgetChallenge Challenge)> LoadChallengeAsync(Guid budgetId, Guid challengeId, Guid? personId, CancellationToken ct = default)
    {
        var view = await LoadAsync(budgetId, personId, ct);
        var challenge = view.Challenges.SingleOrDefault(c => c.Id == challengeId) ?? throw new NotFoundException("The challenge");
        return (view, challenge);
    }

    public async Task<BudgetChallenge> DecideChallengeAsync(Guid budgetId, Guid challengeId, Guid? personId, ChallengeOutcome? outcome, string? reason, decimal? revisedWeekly, int expectedRevision, CancellationToken ct = default)
    {
        var (view, _) = await LoadChallengeAsync(budgetId, challengeId, personId, ct);
        var challenge = await db.BudgetChallenges.SingleAsync(c => c.Id == challengeId, ct);
        challenge.Decide(outcome, reason, outcome == ChallengeOutcome.Upheld ? revisedWeekly : null, expectedRevision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, ChallengeRecordType, challenge.Id.ToString(), view.Budget.PersonId,
            summary: challenge.Outcome == ChallengeOutcome.Upheld
                ? $"Challenge upheld: weekly amount revised from {UkFormat.Money(view.Budget.WeeklyAmount)} to {UkFormat.Money(challenge.RevisedWeeklyAmount!.Value)}"
                : $"Challenge not upheld: the weekly amount of {UkFormat.Money(view.Budget.WeeklyAmount)} stands",
            reason: challenge.OutcomeReason);
        await db.SaveChangesOrConflictAsync(db.BudgetChallenges.Where(c => c.Id == challengeId)
            .Select(c => new LastChange(c.DecidedByName ?? c.RaisedByName, c.DecidedAt ?? c.RaisedAt)), ct);

        return challenge;
    }

    /// <summary>The person's current eligibility (<see cref="CurrentEligibility"/>: the one rule every feature asks).</summary>
    public Task<CurrentEligibility> EligibilityAsync(Guid personId, CancellationToken ct = default) => db.CurrentEligibilityAsync(personId, ct);

    private async Task<CurrentEligibility> EnsureEligibleAsync(Guid personId, CancellationToken ct)
    {
        var status = await EligibilityAsync(personId, ct);
        if (!status.Eligible)
        {
            throw new DomainException("indicative-budget-not-eligible",
                "An indicative budget can only be worked out for a person whose needs have been found eligible. Decide eligibility first");
        }

        return status;
    }

    /// <summary>The published system for the person: the carers' own for a carer's record (ADR 21), otherwise the adults'.</summary>
    private async Task<RasVersion> PublishedAsync(Guid personId, CancellationToken ct)
    {
        var kind = await db.People.AnyAsync(p => p.Id == personId && p.CaresForPersonId != null, ct) ? RasKind.Carer : RasKind.Adult;
        return await db.RasVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Kind == kind && v.Status == RasVersionStatus.Published, ct)
            ?? throw new DomainException("ras-not-published", $"No version of the resource allocation system for {kind.Label().ToLowerInvariant()} is published. Ask an administrator to publish one");
    }
}
