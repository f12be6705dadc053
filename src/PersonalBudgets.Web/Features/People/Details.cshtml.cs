using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Carers;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

[RequirePermission(Permission.ViewPeople)]
public sealed class DetailsModel(PersonService people, CarerPathwayService carers, PersonAccounts.InvitationService invitations) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;

    /// <summary>The person's carers who have records of their own (ADR 21).</summary>
    public IReadOnlyList<CarerListing> Carers { get; private set; } = [];

    /// <summary>The person's online account, in short (ADR 0029).</summary>
    public PersonAccounts.PersonAccountOverview OnlineAccount { get; private set; } = null!;

    public async Task OnGetAsync(Guid id)
    {
        Record = await people.ViewAsync(id);
        Carers = await carers.CarersOfAsync(id);
        OnlineAccount = await invitations.OverviewAsync(id, HttpContext.RequestAborted);
    }
}
