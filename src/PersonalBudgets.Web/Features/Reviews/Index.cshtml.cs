using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>The Reviews tab of a person's record: when the next review is due, and the reviews so far.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(ReviewService reviews) : GovukPageModel
{
    public ReviewsOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => Overview = await reviews.OverviewAsync(id);
}
