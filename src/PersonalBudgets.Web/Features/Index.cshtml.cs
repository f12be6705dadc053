using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Work;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features;

/// <summary>
/// The home page: the signed-in user's work at a glance (overdue, due this week, waiting for their decision, new
/// notifications, with counts and links), the people they are key worker for, and what else they can do.
/// </summary>
[RequirePermission(Permission.UseService)]
public sealed class IndexModel(HomeService home) : GovukPageModel
{
    public Home Home { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Home = await home.LoadAsync(User.Has(Permission.PlanSupport), User.Has(Permission.ViewPeople), User.Has(Permission.ApproveWithinLimit));
}
