using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>A review's task list: how the person took part and what is working, each outcome, and the decision.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class TaskListModel(ReviewService reviews, DirectPaymentStateService directPayments) : GovukPageModel
{
    public ReviewView View { get; private set; } = null!;

    /// <summary>The person's direct payment as the review sees it (issue 15), or null when they have none.</summary>
    public DirectPaymentState? DirectPayment { get; private set; }

    public bool CanEdit => !View.IsCompleted && User.Has(Permission.PlanSupport);

    public async Task OnGetAsync(Guid reviewId)
    {
        View = await reviews.ViewAsync(reviewId);
        DirectPayment = await directPayments.ForPersonAsync(View.Review.PersonId);
    }
}
