using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Asks before deleting a review in progress (started in error); a completed review is a record and is kept.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class DeleteModel(ReviewService reviews) : ReviewPageModel(reviews)
{
    public async Task OnGetAsync(Guid reviewId) => await LoadAsync(reviewId, fromRecord: true);

    public async Task<IActionResult> OnPostAsync(Guid reviewId)
    {
        var deleted = await Reviews.DeleteAsync(reviewId, Revision);
        Flash($"The {deleted.Reason.Label().ToLowerInvariant()} in progress was deleted");
        return Redirect(Links.PersonReviews(deleted.PersonId));
    }
}
