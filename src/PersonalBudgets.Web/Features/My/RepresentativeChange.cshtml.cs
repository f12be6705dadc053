using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Features.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// The person changes what someone they gave access to may do, or until when (ADR 0033). Only grants the person gave
/// (those a practitioner recorded with a legal basis are changed by the team). The grant's id is checked to be one of
/// the person's own; the representative's next request uses the change.
/// </summary>
[RequirePerson]
public sealed class RepresentativeChangeModel(MyContext my, RepresentativeService representatives) : GovukPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Grant { get; set; }

    [BindProperty]
    public GrantChangeForm Input { get; set; } = new();

    public GrantRow? Row { get; private set; }

    /// <summary>With no grant chosen: the grants the person can change, to choose from.</summary>
    public IReadOnlyList<GrantRow> Choices { get; private set; } = [];

    protected override string ErrorKey(string field) => field.Length == 0 ? field : $"{nameof(Input)}.{field}";

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Row is not null)
        {
            Input = GrantChangeForm.From(Row);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var grant = Grant ?? throw new Core.Common.NotFoundException("The access");
        var changed = await representatives.ChangeAsync(my.PersonId, grant, Input.AllScopes, Input.EndDate(), Input.Version, HttpContext.RequestAborted);
        Flash($"You changed {changed.RepresentativeName}'s access. It works the new way straight away");
        return Redirect(MyPaths.Representatives);
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadAsync();
        if (Conflict is not null && Row is not null)
        {
            Input.Version = Row.Version;
        }
    }

    private async Task LoadAsync()
    {
        if (Grant is { } id)
        {
            Row = await representatives.ChangeableAsync(my.PersonId, id, HttpContext.RequestAborted);
        }
        else
        {
            Choices = (await representatives.ForPersonAsync(my.PersonId, HttpContext.RequestAborted))
                .Where(g => g.IsChangeable && g.GrantedByKind != Core.Common.ActorKind.Staff).ToList();
        }
    }
}
