using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>A row of a person's list of reviews.</summary>
public sealed record ReviewSummary(
    Guid Id,
    DateOnly DueDate,
    ReviewReason Reason,
    ReviewStatus Status,
    ReviewDecision? Decision,
    string? CompletedBy,
    DateTimeOffset? CompletedAt,
    int PlanNumber);

/// <summary>What the person's Reviews tab shows: when the next review is due, whether one can start, and the reviews so far.</summary>
public sealed record ReviewsOverview(
    PersonRecord Record,
    PathwayStage? Stage,
    DateOnly? NextReviewDue,
    bool IsOverdue,
    Guid? OpenReviewId,
    PersonalBudget? Budget,
    bool CanStart,
    string? WhyNoReview,
    IReadOnlyList<ReviewSummary> Reviews);

/// <summary>What starting a scheduled review would use, for the confirmation page.</summary>
public sealed record ReviewStart(PersonRecord Record, DateOnly DueDate, SupportPlan Plan, PersonalBudget Budget);

/// <summary>A review with what its pages show around it.</summary>
public sealed record ReviewView(Review Review, PersonRecord Record, SupportPlan Plan, PersonalBudget? Budget, ReviewNextStep? Next, bool IsOverdue)
{
    public bool IsBreakGlass => Record.Route == AccessRoute.BreakGlass;

    public bool IsCompleted => Review.Status == ReviewStatus.Completed;

    public bool PlanHasDirectPayment => Plan.HasDirectPayment;
}

/// <summary>What happened after a completed review, for "what happens next".</summary>
public sealed record ReviewNextStep(string Text, string? Href, string? LinkText);

/// <summary>
/// Reviews of a personal budget and its plan (Care Act s27): started from the service standards or on request when a
/// budget is in place, recorded outcome by outcome in the person's words, and completed with a decision that moves the
/// pathway (continue, revise the plan, reassess, end support). Every view and change checks the legitimate relationship
/// and is audited; each change and its pathway move are saved together.
/// </summary>
public sealed class ReviewService(
    PersonalBudgetsDbContext db,
    PersonService people,
    PathwayService pathway,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock,
    PageLinks links)
{
    public const string RecordType = "Review";

    /// <summary>A requested review is due within this many days, unless the scheduled one is sooner.</summary>
    public const int RequestedDueWithinDays = 28;

    public DateOnly Today => clock.UkToday();

    /// <summary>The person's Reviews tab: audited as a view of the record.</summary>
    public async Task<ReviewsOverview> OverviewAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.ViewAsync(personId, ct);
        return await OverviewForAsync(record, ct);
    }

    /// <summary>The same overview for an API caller or a form, with access checked but no separate view entry.</summary>
    public async Task<ReviewsOverview> LoadOverviewAsync(Guid personId, CancellationToken ct = default) =>
        await OverviewForAsync(await people.LoadForEditAsync(personId, ct), ct);

    private async Task<ReviewsOverview> OverviewForAsync(PersonRecord record, CancellationToken ct)
    {
        var personId = record.Person.Id;
        var episode = await db.PathwayEpisodes.AsNoTracking().Where(e => e.PersonId == personId && e.EndedAt == null)
            .OrderByDescending(e => e.OpenedAt).FirstOrDefaultAsync(ct);
        var step = episode is null ? null : await db.PathwaySteps.AsNoTracking().Where(s => s.EpisodeId == episode.Id && s.CompletedAt == null)
            .OrderByDescending(s => s.OpenedAt).FirstOrDefaultAsync(ct);
        var budget = await CurrentBudgetAsync(personId, tracked: false, ct);
        var reviews = await db.Reviews.AsNoTracking().IgnoreAutoIncludes().Where(r => r.PersonId == personId)
            .Join(db.SupportPlans.IgnoreAutoIncludes(), r => r.PlanId, p => p.Id, (r, p) => new
            {
                r.Id, r.DueDate, r.Reason, r.Status, r.Decision, r.CompletedByName, r.CompletedAt, r.CreatedAt, p.Number,
            })
            .ToListAsync(ct);
        var summaries = reviews.OrderByDescending(r => r.CreatedAt)
            .Select(r => new ReviewSummary(r.Id, r.DueDate, r.Reason, r.Status, r.Decision, r.CompletedByName, r.CompletedAt, r.Number))
            .ToList();

        DateOnly? due = null;
        Guid? openReview = null;
        if (step is { Stage: PathwayStage.BudgetInPlace or PathwayStage.Review })
        {
            due = step.DueDate;
            openReview = step.Stage == PathwayStage.Review ? step.SubjectId : null;
        }

        openReview ??= summaries.FirstOrDefault(r => r.Status == ReviewStatus.InProgress)?.Id;
        string? why = null;
        if (budget is null)
        {
            why = $"There is nothing to review: the {record.Subject} does not have a personal budget in place. A review becomes due once an approved support plan puts a personal budget in place.";
        }
        else if (episode is null)
        {
            why = $"The {record.Subject} has no open pathway, so no review can be started.";
        }
        else if (episode.Stage == PathwayStage.Review)
        {
            why = null;
        }
        else if (episode.Stage != PathwayStage.BudgetInPlace)
        {
            why = $"A review can be started when the {record.Subject}'s pathway is at budget in place. It is at {episode.Stage.Label().ToLowerInvariant()} now.";
        }

        var canStart = budget is not null && episode?.Stage == PathwayStage.BudgetInPlace && step?.Stage == PathwayStage.BudgetInPlace;
        return new ReviewsOverview(record, episode?.Stage, due, due is { } d && d < Today, openReview, budget, canStart, why, summaries);
    }

    /// <summary>What a scheduled review would start from, refusing with an explanation when none can start.</summary>
    public async Task<ReviewStart> StartInfoAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        var (_, step, plan, budget) = await StartingPointAsync(personId, ct);
        return new ReviewStart(record, step.DueDate, plan, budget);
    }

    /// <summary>
    /// Starts a review: scheduled (due when the budget-in-place step is due) or requested (due within 28 days, or
    /// sooner if the scheduled one is sooner), and moves the pathway from budget in place to review. Saves once.
    /// </summary>
    public async Task<Review> StartAsync(Guid personId, ReviewReason? reason, string? detail, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        if (reason is { } r && !Enum.IsDefined(r))
        {
            reason = null;
        }

        // One review in progress at a time (held by the database too): asking again, or losing a race to start one, is a conflict.
        if (await InProgressAsync(personId, ct) is { } open)
        {
            throw open;
        }

        (PathwayEpisode Episode, PathwayStep Step, SupportPlan Plan, PersonalBudget Budget) start;
        try
        {
            start = await StartingPointAsync(personId, ct);
        }
        catch (DomainException)
        {
            // A review started by someone else since the check above has moved the pathway on: say so.
            if (await InProgressAsync(personId, ct) is { } started)
            {
                throw started;
            }

            throw;
        }

        var (episode, step, plan, budget) = start;
        var now = clock.GetUtcNow();
        var due = reason is ReviewReason.Scheduled or null
            ? step.DueDate
            : Min(step.DueDate, Today.AddDays(RequestedDueWithinDays));
        var review = Review.Open(personId, episode.Id, plan.Id, budget.Id, plan.Outcomes.OrderBy(o => o.Order).Select(o => (o.Id, o.Text)),
            reason, detail, due, currentUser.Actor, now, plan.PersonsPart);
        db.Reviews.Add(review);
        // Answers the person gave before the review, while it was due, now belong to it (ADR 0033).
        if (await db.ReviewQuestionnaires.SingleOrDefaultAsync(q => q.PlanId == plan.Id && q.ReviewId == null, ct) is { } answers)
        {
            answers.BelongsTo(review.Id);
        }

        await pathway.ApplyEventsAsync(ct);
        audit.Add(AuditAction.Created, RecordType, review.Id.ToString(), personId,
            summary: $"{review.Reason.Label()} started of version {plan.Number} of the plan, due {UkFormat.Date(review.DueDate)}",
            reason: review.RequestDetail);
        await db.SaveChangesOrConflictAsync(async (_, c) => await InProgressAsync(personId, c)
            ?? new ConflictException("review-conflict", "Someone else changed the person's pathway at the same time. Reload the page and try again"), ct);
        return review;
    }

    /// <summary>The conflict to report when the person already has a review in progress, or null.</summary>
    private async Task<ConflictException?> InProgressAsync(Guid personId, CancellationToken ct) =>
        await db.Reviews.AsNoTracking().IgnoreAutoIncludes().Where(x => x.PersonId == personId && x.Status == ReviewStatus.InProgress)
            .Select(x => new { x.CreatedByName, x.CreatedAt }).FirstOrDefaultAsync(ct) is { } open
            ? new ConflictException("review-in-progress", $"A review of this person's plan is already in progress, started by {open.CreatedByName} on {UkFormat.DateTime(open.CreatedAt)}. Continue that one")
            : null;

    /// <summary>Loads a review for display, checking access and auditing the view.</summary>
    public async Task<ReviewView> ViewAsync(Guid reviewId, CancellationToken ct = default)
    {
        var view = await LoadAsync(reviewId, ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, reviewId.ToString(), view.Review.PersonId,
            summary: $"Viewed the {view.Review.Reason.Label().ToLowerInvariant()} due {UkFormat.Date(view.Review.DueDate)}", cancellationToken: ct);
        return view;
    }

    /// <summary>Loads a review for a form, checking access (changes are audited when saved).</summary>
    public async Task<ReviewView> LoadAsync(Guid reviewId, CancellationToken ct = default)
    {
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, ct)
            ?? throw new NotFoundException("The review");
        var record = await people.LoadForEditAsync(review.PersonId, ct);
        var plan = await db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == review.PlanId, ct);
        // Owned rows come back in no particular order: show the outcomes in the plan's order (this copy is not tracked).
        var order = plan.Outcomes.ToDictionary(o => o.Id, o => o.Order);
        review.Outcomes.Sort((a, b) => order.GetValueOrDefault(a.PlanOutcomeId, int.MaxValue).CompareTo(order.GetValueOrDefault(b.PlanOutcomeId, int.MaxValue)));
        var budget = review.BudgetId is { } budgetId ? await db.PersonalBudgets.AsNoTracking().SingleOrDefaultAsync(b => b.Id == budgetId, ct) : null;
        var next = review.Status == ReviewStatus.Completed ? await NextStepAsync(review, ct) : null;
        return new ReviewView(review, record, plan, budget, next, review.Status == ReviewStatus.InProgress && review.DueDate < Today);
    }

    public Task RecordOutcomeAsync(Guid reviewId, Guid planOutcomeId, OutcomeAchieved? achieved, string? comment, int revision, CancellationToken ct = default) =>
        ChangeAsync(reviewId, (review, plan, actor, now) =>
        {
            var before = review.Outcomes.SingleOrDefault(o => o.PlanOutcomeId == planOutcomeId);
            review.RecordOutcome(planOutcomeId, achieved, comment, revision, actor, now);
            var after = review.Outcomes.Single(o => o.PlanOutcomeId == planOutcomeId);
            return $"Recorded whether an outcome was achieved: {after.Achieved!.Value.Label().ToLowerInvariant()}{(before?.Achieved is { } was && was != after.Achieved ? $" (was {was.Label().ToLowerInvariant()})" : "")}";
        }, ct);

    public Task RecordFindingsAsync(Guid reviewId, Participation? participation, string? bestInterestsConsulted, string? working, string? notWorking,
        bool? directPaymentReviewed, int revision, CancellationToken ct = default) =>
        ChangeAsync(reviewId, (review, plan, actor, now) =>
        {
            var partErrors = new List<FieldError>();
            var part = PersonsPart.From(participation, bestInterestsConsulted, partErrors);
            review.RecordFindings(part, partErrors, working, notWorking, directPaymentReviewed, plan.HasDirectPayment, revision, actor, now);
            return $"Recorded how the person took part ({review.Participation!.Value.Label().ToLowerInvariant()}) and what is and is not working";
        }, ct);

    /// <summary>
    /// Completes the review with its decision and moves the pathway: continue (back to budget in place, next review
    /// due from the standards), revise the plan (a new draft version, to support planning), reassess (to needs
    /// assessment) or end support (the pathway and the budget end). Saves once.
    /// </summary>
    /// <summary>
    /// Deletes a review in progress from the revision confirmed (a completed review is kept). The pathway goes back to
    /// the budget in place with the next review due when it was before the review started; the review's steps let go
    /// of it; the deletion is in the person's audit trail.
    /// </summary>
    public async Task<Review> DeleteAsync(Guid reviewId, int revision, CancellationToken ct = default)
    {
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw new NotFoundException("The review");
        await people.EnsureAccessAsync(review.PersonId, ct);
        // The budget-in-place step the review took over held the date the next review was due.
        var before = review.EpisodeId is { } episodeId
            ? await db.PathwaySteps.AsNoTracking().Where(s => s.EpisodeId == episodeId && s.Stage == PathwayStage.BudgetInPlace && s.OpenedAt <= review.CreatedAt)
                .OrderByDescending(s => s.OpenedAt).Select(s => (DateOnly?)s.DueDate).FirstOrDefaultAsync(ct)
            : null;
        var nextDue = before ?? review.DueDate;
        review.Delete(nextDue, revision);
        await pathway.ApplyEventsAsync(ct);
        foreach (var step in await db.PathwaySteps.Where(s => s.SubjectId == review.Id).ToListAsync(ct))
        {
            step.DetachSubject(review.Id);
        }

        db.Reviews.Remove(review);
        audit.Add(AuditAction.DraftDeleted, RecordType, review.Id.ToString(), review.PersonId,
            summary: $"Deleted the {review.Reason.Label().ToLowerInvariant()} in progress, started by {review.CreatedByName} on {UkFormat.DateTime(review.CreatedAt)}: the next review is due by {UkFormat.Date(nextDue)}");
        await db.SaveChangesOrConflictAsync(db.Reviews.Where(r => r.Id == reviewId).Select(r => new LastChange(r.UpdatedByName, r.UpdatedAt)), ct);
        return review;
    }

    public async Task<Review> CompleteAsync(Guid reviewId, ReviewDecision? decision, string? note, int revision, CancellationToken ct = default)
    {
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw new NotFoundException("The review");
        await people.EnsureAccessAsync(review.PersonId, ct);
        if (decision is { } d && !Enum.IsDefined(d))
        {
            decision = null;
        }

        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        var plan = await db.SupportPlans.SingleAsync(p => p.Id == review.PlanId, ct);
        var budget = review.BudgetId is { } budgetId ? await db.PersonalBudgets.SingleOrDefaultAsync(b => b.Id == budgetId, ct) : null;
        var versions = await db.SupportPlans.AsNoTracking().Where(p => p.PersonId == review.PersonId).Select(p => new PlanVersionRef(p.Id, p.Number, p.Status)).ToListAsync(ct);
        ReviewCompletion.EnsureCanDecide(review, decision, versions);
        review.Complete(decision, note, revision, actor, now);
        var effects = ReviewCompletion.Apply(review, plan, budget, await pathway.StandardsAsync(ct), Today, actor, now);
        string summary;
        switch (review.Decision!.Value)
        {
            case ReviewDecision.Continue:
                summary = $"Review completed: continue with the plan; next review due {UkFormat.Date(effects.NextReviewDue!.Value)}";
                break;
            case ReviewDecision.RevisePlan:
            {
                var draft = effects.Draft!;
                db.SupportPlans.Add(draft);
                summary = $"Review completed: revise the plan; version {draft.Number} started as a draft";
                break;
            }

            case ReviewDecision.Reassess:
                summary = "Review completed: reassess the person's needs";
                break;
            default:
                summary = $"Review completed: end support; the personal budget ends on {UkFormat.Date(effects.BudgetEndedOn!.Value)}";
                break;
        }

        // Continue: back to budget in place with the next review due; revise: support planning; reassess: needs assessment; end: the pathway ends.
        await pathway.ApplyEventsAsync(ct);
        if (effects.Draft is { } started)
        {
            audit.Add(AuditAction.Created, "SupportPlan", started.Id.ToString(), review.PersonId,
                summary: $"Version {started.Number} of the plan started after a review", reason: started.RevisionReason);
        }

        audit.Add(AuditAction.Decided, RecordType, review.Id.ToString(), review.PersonId, summary: summary, reason: review.DecisionNote);
        await SaveAsync(review.Id, ct);
        return review;
    }

    private async Task ChangeAsync(Guid reviewId, Func<Review, SupportPlan, Actor, DateTimeOffset, string> change, CancellationToken ct)
    {
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw new NotFoundException("The review");
        await people.EnsureAccessAsync(review.PersonId, ct);
        var plan = await db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == review.PlanId, ct);
        var summary = change(review, plan, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, review.Id.ToString(), review.PersonId, summary: summary);
        await SaveAsync(review.Id, ct);
    }

    /// <summary>Saves; if someone saved between our read and our write, reports who, and keeps nothing of ours.</summary>
    private Task SaveAsync(Guid reviewId, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(async (_, c) =>
        {
            var current = await db.Reviews.AsNoTracking().IgnoreAutoIncludes().Where(r => r.Id == reviewId)
                .Select(r => new LastChange(r.UpdatedByName, r.UpdatedAt)).SingleOrDefaultAsync(c);
            return current is null
                ? new ConflictException("review-conflict", "Someone else changed the person's pathway at the same time. Reload the page and try again")
                : new ConcurrencyConflictException(current.By, current.At);
        }, ct);

    private async Task<(PathwayEpisode Episode, PathwayStep Step, SupportPlan Plan, PersonalBudget Budget)> StartingPointAsync(Guid personId, CancellationToken ct)
    {
        var budget = await CurrentBudgetAsync(personId, tracked: false, ct)
            ?? throw new DomainException("review-no-budget", "There is nothing to review: the person does not have a personal budget in place");
        var episode = await pathway.OpenEpisodeAsync(personId, ct);
        if (episode is null || episode.Stage != PathwayStage.BudgetInPlace)
        {
            throw new DomainException("review-not-budget-in-place", episode is null
                ? "The person has no open pathway, so no review can be started"
                : $"A review can be started when the person's pathway is at budget in place. It is at {episode.Stage.Label().ToLowerInvariant()} now");
        }

        var step = await pathway.OpenStepAsync(episode.Id, ct)
            ?? throw new DomainException("review-no-open-step", "The person's pathway has no open step at budget in place");
        var plan = await db.SupportPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == budget.PlanId && p.Status == PlanStatus.Approved, ct)
            ?? throw new DomainException("review-no-approved-plan", "The plan behind the personal budget is not approved, so there is nothing to review");
        return (episode, step, plan, budget);
    }

    /// <summary>The personal budget in force: started, and not ended before today.</summary>
    private async Task<PersonalBudget?> CurrentBudgetAsync(Guid personId, bool tracked, CancellationToken ct)
    {
        var today = Today;
        var query = db.PersonalBudgets.Where(b => b.PersonId == personId && (b.EndDate == null || b.EndDate >= today));
        if (!tracked)
        {
            query = query.AsNoTracking();
        }

        return await query.OrderByDescending(b => b.StartDate).ThenByDescending(b => b.CreatedAt).FirstOrDefaultAsync(ct);
    }

    private async Task<ReviewNextStep?> NextStepAsync(Review review, CancellationToken ct)
    {
        switch (review.Decision)
        {
            case ReviewDecision.Continue:
            {
                var next = await db.PathwaySteps.AsNoTracking()
                    .Where(s => s.PersonId == review.PersonId && s.Stage == PathwayStage.BudgetInPlace && s.OpenedAt >= review.CompletedAt)
                    .OrderBy(s => s.OpenedAt).Select(s => new { s.DueDate, s.OwnerName }).FirstOrDefaultAsync(ct);
                return new ReviewNextStep(next is null
                    ? "The plan and the personal budget continue as they are."
                    : $"The plan and the personal budget continue as they are. The next review is due by {UkFormat.Date(next.DueDate)}{(next.OwnerName is null ? "" : $", owned by {next.OwnerName}")}.",
                    links.PersonReviews(review.PersonId), "See the person's reviews");
            }

            case ReviewDecision.RevisePlan:
            {
                var draft = await db.SupportPlans.AsNoTracking().IgnoreAutoIncludes().Where(p => p.PreviousVersionId == review.PlanId)
                    .Select(p => new { p.Id, p.Number }).FirstOrDefaultAsync(ct);
                return new ReviewNextStep(draft is null
                    ? "A new version of the plan has been started."
                    : $"A new version of the plan has been started (version {draft.Number}, a draft). The current plan and personal budget stay in force until the new version is approved.",
                    links.PersonPlans(review.PersonId), "Go to the support plan");
            }

            case ReviewDecision.Reassess:
                return new ReviewNextStep("The person's needs will be reassessed. The current plan and personal budget stay in force meanwhile.",
                    links.PersonAssessments(review.PersonId), "Go to the person's assessments");

            case ReviewDecision.EndSupport:
            {
                var end = review.BudgetId is { } id
                    ? await db.PersonalBudgets.AsNoTracking().Where(b => b.Id == id).Select(b => b.EndDate).FirstOrDefaultAsync(ct)
                    : null;
                return new ReviewNextStep($"Support has ended and the person's pathway is closed.{(end is { } e ? $" The personal budget ended on {UkFormat.Date(e)}." : "")}",
                    links.PersonPathway(review.PersonId), "See the person's pathway");
            }

            default:
                return null;
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
