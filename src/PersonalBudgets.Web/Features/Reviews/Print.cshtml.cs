using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>The review record for the person, in plain English, to print or save. Viewing it is audited.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PrintModel(ReviewService reviews, Letters.LetterService letters) : GovukPageModel
{
    public Letters.LetterHeading Heading { get; private set; } = null!;

    public ReviewView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid reviewId)
    {
        View = await reviews.ViewAsync(reviewId);
        Heading = await letters.HeadingAsync(View.Record.Person.Id, $"REVIEW-{View.Plan.Number}-{Core.Common.UkTime.DateOf(View.Review.CreatedAt):yyyyMMdd}", ct: HttpContext.RequestAborted) with
        {
            ShowNextReview = View.IsCompleted && View.Review.Decision == Core.Reviews.ReviewDecision.Continue,
        };
    }

    /// <summary>The date in the UK, without the time: a letter is dated, not timed.</summary>
    public static string DateOf(DateTimeOffset instant) => Core.Common.UkFormat.DateTime(instant).Split(" at ")[0];
}
