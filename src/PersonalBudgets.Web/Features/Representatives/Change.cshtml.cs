using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Representatives;

/// <summary>
/// A practitioner changes what a representative recorded by staff (a lasting power of attorney, a deputy, an
/// authorised person) may do, or until when (ADR 0033); audited, with optimistic concurrency on the grant's version.
/// Grants the person gave are theirs to change.
/// </summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class ChangeModel(PersonService people, RepresentativeService representatives, AuditLog audit) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;

    public GrantRow Row { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public Guid Grant { get; set; }

    [BindProperty]
    public GrantChangeForm Input { get; set; } = new();

    protected override string ErrorKey(string field) => field.Length == 0 ? field : $"{nameof(Input)}.{field}";

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        Input = GrantChangeForm.From(Row);
        await audit.RecordAsync(AuditAction.Viewed, RepresentativeService.RecordType, Grant.ToString(), id, summary: "Viewed a representative's access to change it", cancellationToken: HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await people.LoadForEditAsync(id, HttpContext.RequestAborted);
        var changed = await representatives.ChangeAsync(id, Grant, Input.AllScopes, Input.EndDate(), Input.Version, HttpContext.RequestAborted);
        Flash($"{changed.RepresentativeName}'s access changed");
        return Redirect(Links.PersonRepresentatives(id));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadAsync(reload.Get<Guid>("id"));
        if (Conflict is not null)
        {
            Input.Version = Row.Version;
        }
    }

    private async Task LoadAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id, HttpContext.RequestAborted);
        Row = await representatives.ChangeableAsync(id, Grant, HttpContext.RequestAborted);
    }
}
