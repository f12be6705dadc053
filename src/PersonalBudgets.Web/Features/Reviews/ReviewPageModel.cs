using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>
/// A question page of a review (see <see cref="RecordFormPageModel{TView}"/>). A review completed meanwhile is a
/// conflict (409). Opened from a change link on check answers, saving returns there.
/// </summary>
public abstract class ReviewPageModel(ReviewService reviews) : RecordFormPageModel<ReviewView>
{
    /// <summary>The query value a change link on check answers carries.</summary>
    public const string FromCheckValue = "check";

    public Review Review => View.Review;

    /// <summary>The page was opened from a change link on check answers, so saving returns there.</summary>
    public bool FromCheck => Request.Query["from"] == FromCheckValue;

    public virtual string BackHref => FromCheck ? Links.ReviewDecision(Review.Id) : Links.ReviewTaskList(Review.Id);

    protected ReviewService Reviews => reviews;

    protected override string IdRouteValue => "reviewId";

    protected override Task<ReviewView> LoadViewAsync(Guid id) => reviews.LoadAsync(id);

    protected override int RevisionOf(ReviewView view) => view.Review.Revision;

    protected override bool IsEditable(ReviewView view) => !view.IsCompleted;

    protected override string AfterSave(string next) => FromCheck ? Links.ReviewDecision(Review.Id) : next;
}
