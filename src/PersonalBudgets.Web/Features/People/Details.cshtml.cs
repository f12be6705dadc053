using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

[RequirePermission(Permission.ViewPeople)]
public sealed class DetailsModel(PersonService people) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => Record = await people.ViewAsync(id);
}
