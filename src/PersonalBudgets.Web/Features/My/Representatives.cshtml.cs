using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Web.Features.Representatives;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// The people the person has given access to (and any a practitioner recorded), what each may do, until when, and what
/// they did; the person ends any of them here (ADR 0030). The person's own page: representatives cannot see it.
/// </summary>
[RequirePerson]
public sealed class RepresentativesModel(MyContext my, RepresentativeService representatives, AuditLog audit) : GovukPageModel
{
    public IReadOnlyList<GrantRow> Grants { get; private set; } = [];

    public IReadOnlyList<GrantUse> Uses { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        await audit.RecordAsync(AuditAction.Viewed, RepresentativeService.RecordType, null, my.PersonId, summary: "The person viewed who has access to their record", cancellationToken: HttpContext.RequestAborted);
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync();

    private async Task LoadAsync()
    {
        Grants = await representatives.ForPersonAsync(my.PersonId, HttpContext.RequestAborted);
        Uses = await representatives.UsesAsync(my.PersonId, ct: HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid grantId)
    {
        await representatives.EndAsync(my.PersonId, grantId, HttpContext.RequestAborted);
        Flash("Their access has ended");
        return Redirect(MyPaths.Representatives);
    }
}
