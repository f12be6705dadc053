using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.Accounts;

/// <summary>Staff accounts, ordered by name.</summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class IndexModel(AccountService accounts) : GovukPageModel
{
    public AccountList List { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int page = 1) => List = await accounts.ListAsync(page);
}
