using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>
/// A question page of a review. Carries the revision the form was loaded from; the page pipeline re-renders it with
/// 400 on a validation error and with 409 on a conflict (a stale revision, or a review completed meanwhile), always
/// keeping what was typed.
/// </summary>
public abstract class ReviewPageModel(ReviewService reviews) : GovukPageModel
{
    /// <summary>The revision of the review the form was loaded from (optimistic concurrency).</summary>
    [BindProperty]
    public int Revision { get; set; }

    public ReviewView View { get; private set; } = null!;

    public Review Review => View.Review;

    /// <summary>A completed review shows no form, except to give back what someone just tried to save.</summary>
    public bool ShowForm => !View.IsCompleted || HttpMethods.IsPost(Request.Method);

    /// <summary>The page was opened from a change link on check answers, so saving returns there.</summary>
    public bool FromCheck => Request.Query["from"] == ReviewRoutes.FromCheck;

    public virtual string BackHref => FromCheck ? ReviewRoutes.Decision(Review.Id) : ReviewRoutes.TaskList(Review.Id);

    protected ReviewService Reviews => reviews;

    protected async Task LoadAsync(Guid reviewId, bool fromRecord)
    {
        View = await reviews.LoadAsync(reviewId);
        if (fromRecord)
        {
            Revision = Review.Revision;
        }
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("reviewId"), fromRecord: reload.AfterConflict);

    /// <summary>
    /// Saves through the service and goes on to <paramref name="next"/> (or back to check answers), unless the page
    /// found problems of its own. A refusal comes back to this page through the page pipeline, keeping what was typed.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(Guid reviewId, Func<Task> save, Func<string> next)
    {
        EnsureValid();
        await save();
        return Redirect(FromCheck ? ReviewRoutes.Decision(reviewId) : next());
    }
}

/// <summary>The addresses of the review pages, in one place.</summary>
public static class ReviewRoutes
{
    /// <summary>The query value a change link on check answers carries.</summary>
    public const string FromCheck = "check";

    public static string PersonReviews(Guid personId) => $"/People/{personId}/Reviews";

    public static string TaskList(Guid reviewId) => $"/Reviews/{reviewId}";

    public static string Outcome(Guid reviewId, Guid planOutcomeId) => $"/Reviews/{reviewId}/Outcomes/{planOutcomeId}";

    public static string Findings(Guid reviewId) => $"/Reviews/{reviewId}/Findings";

    public static string Decision(Guid reviewId) => $"/Reviews/{reviewId}/Decision";

    public static string Print(Guid reviewId) => $"/Reviews/{reviewId}/Print";

    /// <summary>Where a gap from <see cref="Review.Gaps"/> is answered.</summary>
    public static string Gap(Review review, string field) =>
        field.StartsWith("Outcomes.", StringComparison.Ordinal) && Guid.TryParse(field["Outcomes.".Length..], out var outcomeId)
            ? Outcome(review.Id, outcomeId)
            : $"{Findings(review.Id)}#{field}";
}
