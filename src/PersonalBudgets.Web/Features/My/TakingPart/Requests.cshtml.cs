using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>What the person has asked for (reviews, challenges), who will answer, by when, and the answers.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class RequestsModel(MyPartService part, MyContext my) : GovukPageModel
{
    public IReadOnlyList<PersonRequest> Requests { get; private set; } = [];

    public async Task OnGetAsync() => Requests = await part.RequestsAsync(my.PersonId, HttpContext.RequestAborted);
}
