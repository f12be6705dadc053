using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>The review the person can answer the questionnaire for: the one in progress, or the plan's next one when it is due or asked for.</summary>
public sealed record MyQuestionnaire(
    Guid PlanId,
    int PlanNumber,
    Guid? ReviewId,
    DateOnly? ReviewDue,
    IReadOnlyList<(Guid Id, string Text)> PlanOutcomes,
    ReviewQuestionnaire? Answers)
{
    public int Revision => Answers?.Revision ?? 0;
}

/// <summary>
/// The questionnaire before a review (issue 13 item 4, ADR 0033): the person (or a representative who may write) says
/// how each outcome went and how the process felt. It is open while a review is in progress, or while the next one is
/// due within <see cref="DueWithinDays"/> days (or late) or asked for by the person; answers given before the review
/// starts join it when it starts (<see cref="Reviews.ReviewService.StartAsync"/>). Always the signed-in person's own record; every view
/// and change is audited with the person (or representative) as the actor; saving records that they took part, in
/// writing, on the open review step.
/// </summary>
public sealed class MyQuestionnaireService(PersonalBudgetsDbContext db, MyPartService part, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "ReviewQuestionnaire";

    /// <summary>How near the next review must be for the person to answer before it starts.</summary>
    public const int DueWithinDays = 28;

    /// <summary>What the person can answer now (null when no review is due, open or asked for). Audited.</summary>
    public async Task<MyQuestionnaire?> LoadAsync(Guid personId, CancellationToken ct = default)
    {
        var q = await FindAsync(personId, tracked: false, ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, q?.Answers?.Id.ToString(), personId,
            summary: "The person viewed their questionnaire before a review in their own area", cancellationToken: ct);
        return q;
    }

    /// <summary>Saves the person's answers: a new questionnaire (revision 0) or a change to it (its revision).</summary>
    public async Task<ReviewQuestionnaire> SaveAsync(Guid personId, IReadOnlyList<QuestionnaireOutcomeAnswer>? outcomes, QuestionnaireProcessAnswers? process, int revision, CancellationToken ct = default)
    {
        var target = await FindAsync(personId, tracked: true, ct)
            ?? throw new DomainException("my-review-not-due", "There is no review due just now. You can ask for one", "Outcomes");
        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        ReviewQuestionnaire saved;
        if (target.Answers is { } answers)
        {
            answers.Change(target.PlanOutcomes, outcomes, process, revision, actor, now);
            saved = answers;
            audit.Add(AuditAction.Updated, RecordType, saved.Id.ToString(), personId, summary: "The person changed their answers before their review in their own area");
        }
        else if (revision != 0)
        {
            // The form was opened on answers that have gone (the review was deleted and started again): start afresh.
            throw new ConflictException("my-questionnaire-gone", "Your answers have changed since you opened this page. Open it again to see them");
        }
        else
        {
            saved = ReviewQuestionnaire.Answer(personId, target.PlanId, target.ReviewId, target.PlanOutcomes, outcomes, process, actor, now);
            db.ReviewQuestionnaires.Add(saved);
            audit.Add(AuditAction.Created, RecordType, saved.Id.ToString(), personId, summary: "The person answered the questionnaire before their review in their own area");
        }

        await part.TookPartAsync(personId, PathwayStage.Review, actor, now, ct);
        var (reviewId, planId) = (target.ReviewId, target.PlanId);
        await db.SaveChangesOrConflictAsync(async (_, c) =>
            await db.ReviewQuestionnaires.AsNoTracking()
                .Where(x => reviewId != null ? x.ReviewId == reviewId : x.PlanId == planId && x.ReviewId == null)
                .Select(x => new { x.UpdatedByName, x.UpdatedAt }).FirstOrDefaultAsync(c) is { } last
                ? new ConcurrencyConflictException(last.UpdatedByName, last.UpdatedAt)
                : new ConflictException(SaveChangesOrConflictExtensions.DuplicateCode, SaveChangesOrConflictExtensions.DuplicateMessage), ct);
        return saved;
    }

    /// <summary>The person's answers for a review, for the reviewer (the caller has checked access to the review).</summary>
    public Task<ReviewQuestionnaire?> ForReviewAsync(Guid reviewId, CancellationToken ct = default) =>
        db.ReviewQuestionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.ReviewId == reviewId, ct);

    private async Task<MyQuestionnaire?> FindAsync(Guid personId, bool tracked, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().IgnoreAutoIncludes()
            .Where(r => r.PersonId == personId && r.Status == ReviewStatus.InProgress)
            .Select(r => new { r.Id, r.PlanId, r.DueDate }).FirstOrDefaultAsync(ct);
        Guid planId;
        DateOnly? due;
        if (review is not null)
        {
            (planId, due) = (review.PlanId, review.DueDate);
        }
        else
        {
            var budget = (await db.PersonalBudgets.AsNoTracking().Where(b => b.PersonId == personId && b.EndDate == null)
                .Select(b => new { b.PlanId, b.StartDate, b.CreatedAt }).ToListAsync(ct))
                .OrderByDescending(b => b.StartDate).ThenByDescending(b => b.CreatedAt).FirstOrDefault();
            if (budget is null)
            {
                return null;
            }

            due = await db.PathwaySteps.AsNoTracking()
                .Where(s => s.PersonId == personId && s.CompletedAt == null && s.Stage == PathwayStage.BudgetInPlace)
                .OrderBy(s => s.DueDate).Select(s => (DateOnly?)s.DueDate).FirstOrDefaultAsync(ct);
            var asked = await db.PersonRequests.AnyAsync(r => r.PersonId == personId && r.Kind == PersonRequestKind.Review && r.Status == PersonRequestStatus.Open, ct);
            if (!asked && (due is null || due > clock.UkToday().AddDays(DueWithinDays)))
            {
                return null;
            }

            planId = budget.PlanId;
        }

        var plan = await db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == planId, ct);
        var reviewId = review?.Id;
        var query = tracked ? db.ReviewQuestionnaires : db.ReviewQuestionnaires.AsNoTracking();
        var answers = await query.SingleOrDefaultAsync(q => reviewId != null ? q.ReviewId == reviewId : q.PlanId == planId && q.ReviewId == null, ct);
        return new MyQuestionnaire(plan.Id, plan.Number, reviewId, due,
            plan.Outcomes.OrderBy(o => o.Order).Select(o => (o.Id, o.Text)).ToList(), answers);
    }
}
