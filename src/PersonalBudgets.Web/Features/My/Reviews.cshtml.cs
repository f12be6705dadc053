using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The person's reviews, newest first, with how each outcome went and what was decided, and when the next is due.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class ReviewsModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public MyReviews View { get; private set; } = null!;

    public async Task OnGetAsync() =>
        View = await views.ReviewsAsync(my.PersonId, HttpContext.RequestAborted);
}
