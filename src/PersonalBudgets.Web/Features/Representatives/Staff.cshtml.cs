using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Representatives;

/// <summary>
/// The person's representatives on their record (ADR 0030): each with what they may do, the legal basis, and its state
/// (invited, active, ended, expired). A practitioner records a representative for a person who lacks capacity, with
/// the legal basis, its reference and date; they are invited by email as the person's own representatives are.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class StaffModel(PersonService people, RepresentativeService representatives, AuditLog audit, TimeProvider clock) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;

    public IReadOnlyList<GrantRow> Grants { get; private set; } = [];

    [BindProperty]
    public GrantForm Input { get; set; } = new();

    protected override string ErrorKey(string field) => field.Length == 0 ? field : $"{nameof(Input)}.{field}";

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        Input.StartsOn = DateInput.From(clock.UkToday());
        await audit.RecordAsync(AuditAction.Viewed, RepresentativeService.RecordType, null, id, summary: "Viewed the person's representatives", cancellationToken: HttpContext.RequestAborted);
    }

    private async Task LoadAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id, HttpContext.RequestAborted);
        Grants = await representatives.ForPersonAsync(id, HttpContext.RequestAborted);
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    [RequireHandlerPermission(Permission.PlanSupport)]
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var request = Input.ToRequest(byStaff: true, clock.UkToday());
        await representatives.RecordAsync(id, request, $"{Request.Scheme}://{Request.Host}{MyPaths.Start}", HttpContext.RequestAborted);
        Flash("Representative recorded. They have been sent an invitation by email");
        return Redirect(Links.PersonRepresentatives(id));
    }

    [RequireHandlerPermission(Permission.PlanSupport)]
    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid grantId)
    {
        await representatives.EndAsync(id, grantId, HttpContext.RequestAborted);
        Flash("Their access has ended");
        return Redirect(Links.PersonRepresentatives(id));
    }
}
