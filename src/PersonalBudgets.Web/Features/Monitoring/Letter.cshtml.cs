using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Monitoring;

/// <summary>The written notice to the person of a reclaim of surplus, to print: the amount, why, the reserve they keep and when it is taken.</summary>
[RequirePermission(Permission.MonitorDirectPayments)]
public sealed class LetterModel(MonitoringService monitoring, LetterService letters) : GovukPageModel
{
    public AccountView Account { get; private set; } = null!;

    public Reclaim Reclaim { get; private set; } = null!;

    public LetterHeading Heading { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid accountId, Guid reclaimId)
    {
        (Account, Reclaim) = await monitoring.ReclaimAsync(id, accountId, reclaimId, HttpContext.RequestAborted);
        Heading = await letters.HeadingAsync(id, $"DPR-{Reclaim.NoticeDate:yyyyMMdd}", ct: HttpContext.RequestAborted);
    }
}
