using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// The person's direct payment, as far as the service records it: the weekly amount and the support the plan pays
/// that way, and the direct payment agreement with the payments made under it (issue 15).
/// </summary>
[RequirePerson(RepresentativeScopes.SeeMoney)]
public sealed class DirectPaymentModel(MyRecordViews views, MyContext my, PersonalBudgetsDbContext db) : GovukPageModel
{
    public MyDirectPayment? View { get; private set; }

    /// <summary>The person's direct payment agreement (issue 15), the open one or else the latest, and the payments made.</summary>
    public DirectPayment? Agreement { get; private set; }

    public IReadOnlyList<Payment> Paid { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var personId = my.PersonId;
        View = await views.DirectPaymentAsync(personId, HttpContext.RequestAborted);
        var agreements = await db.DirectPayments.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.StartedAt).ToListAsync(HttpContext.RequestAborted);
        Agreement = agreements.FirstOrDefault(d => d.Status != DirectPaymentStatus.Ended) ?? (agreements.Count > 0 ? agreements[0] : null);
        if (Agreement is { } a)
        {
            Paid = await db.Payments.AsNoTracking().Where(p => p.SourceKind == PayableSource.DirectPayment && p.SourceId == a.Id && p.Status == PaymentStatus.Paid)
                .OrderByDescending(p => p.PeriodStart).ToListAsync(HttpContext.RequestAborted);
        }
    }
}
