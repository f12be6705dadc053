using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// An account that may see more than one person's support chooses whose (ADR 0030). The choice is kept in the cookie as
/// an opaque value and checked against live grants on every request; an account with no live grant is told so here.
/// </summary>
[RequirePerson(AnyAccount = true)]
public sealed class ChooseModel(MyContext my, PersonAccountService accounts) : GovukPageModel
{
    public IReadOnlyList<PersonAccountService.Choice> Choices { get; private set; } = [];

    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Items =>
        Choices.Select(c => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem($"{c.Name}: {c.Why}", c.Value));

    [BindProperty]
    public string? Choice { get; set; }

    public async Task OnGetAsync() => Choices = await accounts.ChoicesAsync(my.AccountId, HttpContext.RequestAborted);

    protected override async Task OnReloadAsync(PageReload reload) => Choices = await accounts.ChoicesAsync(my.AccountId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.ChooseAsync(my.AccountId, Choice, HttpContext.RequestAborted);
        return Redirect(MyPaths.Home);
    }
}
