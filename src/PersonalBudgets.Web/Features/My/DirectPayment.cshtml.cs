using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// The person's direct payment, as far as the service records it: the weekly amount and the support the plan pays
/// that way. Agreements, payments and balances are not recorded yet, and the page says so.
/// </summary>
[RequirePerson(RepresentativeScopes.SeeMoney)]
public sealed class DirectPaymentModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public MyDirectPayment? View { get; private set; }

    public async Task OnGetAsync() =>
        View = await views.DirectPaymentAsync(my.PersonId, HttpContext.RequestAborted);
}
