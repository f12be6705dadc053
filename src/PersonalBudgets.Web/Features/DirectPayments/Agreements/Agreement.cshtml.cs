using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments.Agreements;

/// <summary>
/// The direct payment agreement in plain English, to print for the person (or their nominee or authorised person) to
/// sign: what the money is for, how much and how often, what they agree to, and what happens if things change. It holds
/// no bank details; viewing it is audited.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class AgreementModel(DirectPaymentService service, LetterService letters) : GovukPageModel
{
    public DirectPaymentView View { get; private set; } = null!;

    public LetterHeading Heading { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid directPaymentId)
    {
        View = await service.GetAsync(id, directPaymentId);
        var d = View.Agreement;
        Heading = await letters.HeadingAsync(id, d.Reference, d.Recipient is Core.DirectPayments.RecipientKind.Person ? null : d.RecipientName, HttpContext.RequestAborted);
    }
}
