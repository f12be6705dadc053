using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

[RequirePermission(Permission.ViewPeople)]
public sealed class DetailsModel(PersonService people, PersonAccounts.InvitationService invitations) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;

    /// <summary>The person's online account, in short (ADR 0029).</summary>
    public PersonAccounts.PersonAccountOverview OnlineAccount { get; private set; } = null!;

    public async Task OnGetAsync(Guid id)
    {
        Record = await people.ViewAsync(id);
        OnlineAccount = await invitations.OverviewAsync(id, HttpContext.RequestAborted);
    }
}
