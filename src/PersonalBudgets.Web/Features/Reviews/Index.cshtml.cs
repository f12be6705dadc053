using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>The Reviews tab of a person's record: when the next review is due, and the reviews so far.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(ReviewService reviews, DirectPaymentStateService directPayments) : GovukPageModel
{
    public ReviewsOverview Overview { get; private set; } = null!;

    /// <summary>The person's direct payment as a review sees it (issue 15), or null when they have none.</summary>
    public DirectPaymentState? DirectPayment { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        Overview = await reviews.OverviewAsync(id);
        DirectPayment = await directPayments.ForPersonAsync(id);
    }
}
