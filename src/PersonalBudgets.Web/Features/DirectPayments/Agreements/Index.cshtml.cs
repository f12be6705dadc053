using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments.Agreements;

/// <summary>
/// The Direct payment tab of a person's record: the agreement, its schedule and the payments made. Everyone who may see
/// the person sees it; finance staff also see the bank details, start the set-up and record the signature.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(DirectPaymentService service) : GovukPageModel
{
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public DateInput SignedOn { get; set; } = new();

    public DirectPaymentOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(Guid id)
    {
        Overview = await service.OverviewAsync(id);
        Revision = Overview.Current?.Revision ?? 0;
    }

    [RequireHandlerPermission(Permission.ManageDirectPayments)]
    public async Task<IActionResult> OnPostStartAsync(Guid id)
    {
        var dp = await service.StartAsync(id);
        Flash($"Setting up direct payment {dp.Reference}: you own it");
        return RedirectToPage("/DirectPayments/Agreements/SetUp", new { id, directPaymentId = dp.Id });
    }

    [RequireHandlerPermission(Permission.ManageDirectPayments)]
    public async Task<IActionResult> OnPostSignAsync(Guid id, Guid directPaymentId)
    {
        var (date, error) = SignedOn.Parse("The date the agreement was signed", required: true);
        EnsureValid(error is null ? [] : [new FieldError(nameof(SignedOn), error)]);
        var dp = await service.RecordSignatureAsync(id, directPaymentId, Revision, date);
        Flash($"Agreement signed on {UkFormat.Date(dp.SignedOn!.Value)}: the direct payment goes in the next payment run");
        return RedirectToPage(new { id });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        Overview = await service.OverviewAsync(reload.Get<Guid>("id"));
        if (reload.AfterConflict)
        {
            Revision = Overview.Current?.Revision ?? 0;
        }
    }
}
