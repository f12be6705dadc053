using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Returns;

/// <summary>The statutory returns made, newest first, each to download; and where to make a new one.</summary>
[RequirePermission(Permission.ViewStatutoryReturns)]
public sealed class IndexModel(ReturnsService returns) : GovukPageModel
{
    public IReadOnlyList<ReturnSummary> Made { get; private set; } = [];

    public DateOnly LatestPeriodEnd { get; private set; }

    public async Task OnGetAsync()
    {
        Made = await returns.ListAsync();
        LatestPeriodEnd = returns.LatestPeriod.End;
    }
}
