using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Monitoring;

/// <summary>
/// Records money paid into a monitored account by hand: the person's contribution, or other money. The council's own
/// payments are recorded by the payment run that pays them (ADR 0034).
/// </summary>
[RequirePermission(Permission.MonitorDirectPayments)]
public sealed class PayInModel(MonitoringService monitoring, People.PersonService people) : GovukPageModel
{
    [BindProperty] public DateInput Date { get; set; } = new();
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public PayInSource? Source { get; set; }
    [BindProperty] public string? Reference { get; set; }

    public People.PersonRecord Record { get; private set; } = null!;

    public AccountView Account { get; private set; } = null!;

    public static IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> SourceItems =>
        SelectItems.ForEnum<PayInSource>().Where(i => i.Value != nameof(PayInSource.Council)).ToList();

    public Task OnGetAsync(Guid id, Guid accountId) => LoadAsync(id, accountId);

    public async Task<IActionResult> OnPostAsync(Guid id, Guid accountId)
    {
        var errors = new List<FieldError>();
        var (date, dateError) = Date.Parse("The date it was paid in", required: true);
        if (dateError is not null) errors.Add(new FieldError(nameof(Date), dateError));
        var amount = NumberInput.Money(Amount, nameof(Amount), "The amount paid in", required: true, errors);
        if (Source == PayInSource.Council)
        {
            errors.Add(new FieldError(nameof(Source), "Council payments are recorded by the payment run: select the person's contribution or other"));
        }

        EnsureValid(errors);
        var payIn = await monitoring.RecordPayInAsync(id, accountId, date, amount, Source, Reference, HttpContext.RequestAborted);
        Flash($"{UkFormat.Money(payIn.Amount)} paid in on {UkFormat.Date(payIn.Date)} recorded ({payIn.Source.Label().ToLowerInvariant()})");
        return RedirectToPage("/Monitoring/Index", new { id });
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"), reload.Get<Guid>("accountId"));

    private async Task LoadAsync(Guid id, Guid accountId)
    {
        Record = await people.ViewAsync(id, HttpContext.RequestAborted);
        Account = await monitoring.GetAsync(id, accountId, HttpContext.RequestAborted);
    }
}
