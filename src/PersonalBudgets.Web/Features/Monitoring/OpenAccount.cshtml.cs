using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Monitoring;

/// <summary>
/// Opens a monitored account (a managed account or prepaid card account) for one of the person's direct payment
/// agreements (ADR 0035, 0038). The weekly net payment and contribution default to the agreement's.
/// </summary>
[RequirePermission(Permission.MonitorDirectPayments)]
public sealed class OpenAccountModel(MonitoringService monitoring, People.PersonService people) : GovukPageModel
{
    [BindProperty] public Guid? DirectPaymentAgreementId { get; set; }
    [BindProperty] public AccountKind? Kind { get; set; }
    [BindProperty] public string? AccountReference { get; set; }
    [BindProperty] public string? WeeklyNetPayment { get; set; }
    [BindProperty] public string? WeeklyContribution { get; set; }
    [BindProperty] public string? ContingencyWeeks { get; set; }
    [BindProperty] public DateInput OpenedOn { get; set; } = new();

    public People.PersonRecord Record { get; private set; } = null!;

    public IReadOnlyList<AgreementOption> Agreements { get; private set; } = [];

    public IReadOnlyList<SelectListItem> AgreementItems => Agreements.Select(a => new SelectListItem(
        $"{a.Reference}: {a.Status}, {UkFormat.Money(a.NetWeekly)} a week net{(a.StartDate is { } d ? $" from {UkFormat.Date(d)}" : "")}", a.Id.ToString())).ToList();

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        ContingencyWeeks = monitoring.DefaultContingencyWeeks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Agreements.Count == 1)
        {
            DirectPaymentAgreementId = Agreements[0].Id;
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var errors = new List<FieldError>();
        var net = NumberInput.Money(WeeklyNetPayment, nameof(WeeklyNetPayment), "The weekly net payment", required: false, errors);
        var contribution = NumberInput.Money(WeeklyContribution, nameof(WeeklyContribution), "The weekly contribution", required: false, errors);
        int? weeks = null;
        if (!string.IsNullOrWhiteSpace(ContingencyWeeks))
        {
            if (int.TryParse(ContingencyWeeks.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w))
            {
                weeks = w;
            }
            else
            {
                errors.Add(new FieldError(nameof(ContingencyWeeks), "The contingency reserve must be a whole number of weeks, like 4"));
            }
        }

        var (opened, openedError) = OpenedOn.Parse("The date the account opened", required: true);
        if (openedError is not null) errors.Add(new FieldError(nameof(OpenedOn), openedError));
        EnsureValid(errors);
        var account = await monitoring.OpenAsync(id, DirectPaymentAgreementId, requireAgreement: true, Kind, AccountReference, net, contribution, weeks, opened, HttpContext.RequestAborted);
        Flash($"{account.Kind.Label()} {account.AccountReference} recorded: {UkFormat.Money(account.WeeklyNetPayment)} a week net");
        return RedirectToPage("/Monitoring/Index", new { id });
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    private async Task LoadAsync(Guid id)
    {
        Record = await people.ViewAsync(id, HttpContext.RequestAborted);
        Agreements = await monitoring.AgreementsAsync(id, HttpContext.RequestAborted);
    }
}
