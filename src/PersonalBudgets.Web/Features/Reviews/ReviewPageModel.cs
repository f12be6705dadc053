using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>
/// A question page of a review (see <see cref="RecordFormPageModel{TView}"/>). A review completed meanwhile is a
/// conflict (409). Opened from a change link on check answers, saving returns there.
/// </summary>
public abstract class ReviewPageModel(ReviewService reviews) : RecordFormPageModel<ReviewView>
{
    public Review Review => View.Review;

    /// <summary>The page was opened from a change link on check answers, so saving returns there.</summary>
    public bool FromCheck => Request.Query["from"] == ReviewRoutes.FromCheck;

    public virtual string BackHref => FromCheck ? ReviewRoutes.Decision(Review.Id) : ReviewRoutes.TaskList(Review.Id);

    protected ReviewService Reviews => reviews;

    protected override string IdRouteValue => "reviewId";

    protected override Task<ReviewView> LoadViewAsync(Guid id) => reviews.LoadAsync(id);

    protected override int RevisionOf(ReviewView view) => view.Review.Revision;

    protected override bool IsEditable(ReviewView view) => !view.IsCompleted;

    protected override string AfterSave(string next) => FromCheck ? ReviewRoutes.Decision(Review.Id) : next;
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
