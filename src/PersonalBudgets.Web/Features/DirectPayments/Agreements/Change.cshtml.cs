using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments.Agreements;

/// <summary>Suspends (for example a hospital stay) or ends a direct payment, each with a reason and the date notice was given.</summary>
[RequirePermission(Permission.ManageDirectPayments)]
public sealed class ChangeModel(DirectPaymentService service) : GovukPageModel
{
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public DateInput SuspendFrom { get; set; } = new();
    [BindProperty] public DateInput SuspendTo { get; set; } = new();
    [BindProperty] public DateInput EndDate { get; set; } = new();
    [BindProperty] public DateInput NoticeGivenOn { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }

    /// <summary>"end" to end the direct payment; anything else suspends it.</summary>
    [BindProperty(SupportsGet = true)] public string? What { get; set; }

    public bool Ending => What == "end";

    public DirectPaymentView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid directPaymentId)
    {
        View = await service.GetAsync(id, directPaymentId);
        Revision = View.Agreement.Revision;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid directPaymentId)
    {
        var errors = new List<FieldError>();
        DateOnly? Date(DateInput input, string field, string label, bool required)
        {
            var (date, error) = input.Parse(label, required);
            if (error is not null) errors.Add(new FieldError(field, error));
            return date;
        }

        var notice = Date(NoticeGivenOn, nameof(NoticeGivenOn), "The date notice was given", true);
        if (Ending)
        {
            var last = Date(EndDate, nameof(EndDate), "The last day paid", true);
            EnsureValid(errors);
            await service.EndAsync(id, directPaymentId, Revision, last, Reason, notice);
            Flash("Direct payment ended. Make sure the person's needs are met another way");
        }
        else
        {
            var from = Date(SuspendFrom, nameof(SuspendFrom), "The first day of the suspension", true);
            var to = Date(SuspendTo, nameof(SuspendTo), "The last day of the suspension", false);
            EnsureValid(errors);
            await service.SuspendAsync(id, directPaymentId, Revision, from, to, Reason, notice);
            Flash("Direct payment suspended: nothing is paid for the days suspended");
        }

        return RedirectToPage("/DirectPayments/Agreements/Index", new { id });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        View = await service.GetAsync(reload.Get<Guid>("id"), reload.Get<Guid>("directPaymentId"));
        if (reload.AfterConflict)
        {
            Revision = View.Agreement.Revision;
        }
    }
}
