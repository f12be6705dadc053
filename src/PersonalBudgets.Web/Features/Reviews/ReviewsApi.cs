using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Reviews over JSON, with the same rules as the pages. Every write carries the review's revision; a stale one is 409.</summary>
public static class ReviewsApi
{
    public static RouteGroupBuilder MapReviewsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:guid}/reviews", async (Guid id, ReviewService reviews, CancellationToken ct) =>
                TypedResults.Ok(ReviewListDto.From(await reviews.OverviewAsync(id, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Reviews").WithName("ListReviews")
            .WithSummary("A person's reviews, newest first, when the next review is due (and whether it is overdue), and whether one can be started.");

        api.MapPost("/people/{id:guid}/reviews", async (Guid id, StartReviewRequest request, ReviewService reviews, CancellationToken ct) =>
            {
                var review = await reviews.StartAsync(id, request.Reason, request.Detail, ct);
                return TypedResults.Created($"/api/v1/reviews/{review.Id}", ReviewDto.From(await reviews.LoadAsync(review.Id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Reviews").WithName("StartReview")
            .WithSummary("Start a review when a personal budget is in place: Scheduled, or a request (RequestedByPerson, RequestedByCarer, RequestedByPractitioner) with its detail. Moves the pathway to review.");

        api.MapGet("/reviews/{id:guid}", async (Guid id, ReviewService reviews, CancellationToken ct) =>
                TypedResults.Ok(ReviewDto.From(await reviews.ViewAsync(id, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Reviews").WithName("GetReview").WithSummary("A review with its answers, what is still missing, and what happened next once completed.");

        api.MapPut("/reviews/{id:guid}/outcomes/{outcomeId:guid}", async (Guid id, Guid outcomeId, RecordOutcomeRequest request, ReviewService reviews, CancellationToken ct) =>
            {
                await reviews.RecordOutcomeAsync(id, outcomeId, request.Achieved, request.PersonComment, RevisionOf(request.Revision), ct);
                return TypedResults.Ok(ReviewDto.From(await reviews.LoadAsync(id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Reviews").WithName("RecordReviewOutcome").WithSummary("Whether one of the plan's outcomes was achieved (Fully, Partly, Not) and the person's comment.");

        api.MapPut("/reviews/{id:guid}/findings", async (Guid id, RecordFindingsRequest request, ReviewService reviews, CancellationToken ct) =>
            {
                await reviews.RecordFindingsAsync(id, request.Participation, request.BestInterestsConsulted, request.WhatIsWorking, request.WhatIsNotWorking,
                    request.DirectPaymentReviewed, RevisionOf(request.Revision), ct);
                return TypedResults.Ok(ReviewDto.From(await reviews.LoadAsync(id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Reviews").WithName("RecordReviewFindings")
            .WithSummary("How the person took part (with the best-interests decision when they lacked capacity), what is and is not working, and for a direct payment whether it was reviewed.");

        api.MapPost("/reviews/{id:guid}/completion", async (Guid id, CompleteReviewRequest request, ReviewService reviews, CancellationToken ct) =>
            {
                await reviews.CompleteAsync(id, request.Decision, request.Note, RevisionOf(request.Revision), ct);
                return TypedResults.Ok(ReviewDto.From(await reviews.LoadAsync(id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Reviews").WithName("CompleteReview")
            .WithSummary("Complete the review with its decision (Continue, RevisePlan, Reassess, EndSupport; a note is needed for all but Continue). Moves the pathway.");

        return api;
    }

    /// <summary>Every write says which revision it was based on; without one it is refused, not treated as stale.</summary>
    private static int RevisionOf(int? revision) =>
        revision ?? throw new ValidationFailedException([new FieldError("Revision", "Give the revision of the review this change is based on")]);

    public sealed record StartReviewRequest(ReviewReason? Reason, string? Detail);

    public sealed record RecordOutcomeRequest(OutcomeAchieved? Achieved, string? PersonComment, int? Revision);

    public sealed record RecordFindingsRequest(Participation? Participation, string? BestInterestsConsulted, string? WhatIsWorking, string? WhatIsNotWorking, bool? DirectPaymentReviewed, int? Revision);

    public sealed record CompleteReviewRequest(ReviewDecision? Decision, string? Note, int? Revision);

    public sealed record ReviewListDto(PathwayStage? Stage, DateOnly? NextReviewDue, bool Overdue, Guid? OpenReviewId, bool CanStart, string? WhyNoReview, IReadOnlyList<ReviewSummary> Items)
    {
        public static ReviewListDto From(ReviewsOverview o) => new(o.Stage, o.NextReviewDue, o.IsOverdue, o.OpenReviewId, o.CanStart, o.WhyNoReview, o.Reviews);
    }

    public sealed record ReviewOutcomeDto(Guid PlanOutcomeId, string Outcome, OutcomeAchieved? Achieved, string? PersonComment);

    public sealed record GapDto(string Field, string Message);

    public sealed record ReviewDto(
        Guid Id,
        Guid PersonId,
        Guid PlanId,
        int PlanNumber,
        Guid? BudgetId,
        ReviewReason Reason,
        string? RequestDetail,
        DateOnly DueDate,
        bool Overdue,
        ReviewStatus Status,
        Participation? Participation,
        string? BestInterestsConsulted,
        IReadOnlyList<ReviewOutcomeDto> Outcomes,
        string? WhatIsWorking,
        string? WhatIsNotWorking,
        bool PlanHasDirectPayment,
        bool? DirectPaymentReviewed,
        ReviewDecision? Decision,
        string? DecisionNote,
        DateTimeOffset CreatedAt,
        string CreatedBy,
        DateTimeOffset? CompletedAt,
        string? CompletedBy,
        IReadOnlyList<GapDto> Gaps,
        string? WhatHappensNext,
        int Revision)
    {
        public static ReviewDto From(ReviewView v)
        {
            var r = v.Review;
            return new(r.Id, r.PersonId, r.PlanId, v.Plan.Number, r.BudgetId, r.Reason, r.RequestDetail, r.DueDate, v.IsOverdue, r.Status, r.Participation, r.BestInterestsConsulted,
                r.Outcomes.Select(o => new ReviewOutcomeDto(o.PlanOutcomeId, o.OutcomeText, o.Achieved, o.PersonComment)).ToList(),
                r.WhatIsWorking, r.WhatIsNotWorking, v.PlanHasDirectPayment, r.DirectPaymentReviewed, r.Decision, r.DecisionNote, r.CreatedAt, r.CreatedByName,
                r.CompletedAt, r.CompletedByName, r.Gaps().Select(g => new GapDto(g.Field, g.Message)).ToList(), v.Next?.Text, r.Revision);
        }
    }
}
