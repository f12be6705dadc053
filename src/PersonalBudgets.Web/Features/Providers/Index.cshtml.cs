using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>The provider register: names, types and contacts, which every member of staff may read.</summary>
[RequirePermission(Permission.ViewProviders)]
public sealed class IndexModel(ProviderService providers) : GovukPageModel
{
    public IReadOnlyList<ProviderSummary> Providers { get; private set; } = [];

    public bool MayManage => User.Has(Permission.ManageProviders);

    public async Task OnGetAsync() => Providers = await providers.ListAsync(HttpContext.RequestAborted);
}
