using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>Every offer of a personal budget and a direct payment made to a person, newest first.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class OffersModel(OfferService offers, PersonService people) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;

    public IReadOnlyList<OfferView> Offers { get; private set; } = [];

    public async Task OnGetAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        Offers = await offers.ViewForPersonAsync(id);
    }
}
