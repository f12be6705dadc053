using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments.Agreements;

/// <summary>
/// The finance officer records the set-up: who receives the payment, capacity and consent, the close-relative decision,
/// how the money is held (bank details), personal assistants, how often it is paid and from when. The amounts come from
/// the personal budget and the financial assessment; the net is worked out.
/// </summary>
[RequirePermission(Permission.ManageDirectPayments)]
public sealed class SetUpModel(DirectPaymentService service) : GovukPageModel
{
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public RecipientKind? Recipient { get; set; }
    [BindProperty] public string? RecipientName { get; set; }
    [BindProperty] public string? RecipientRelationship { get; set; }
    [BindProperty] public string? RecipientAddress { get; set; }
    [BindProperty] public bool? AuthorisedPersonSuitable { get; set; }
    [BindProperty] public string? SuitabilityReason { get; set; }
    [BindProperty] public bool? PersonHasCapacity { get; set; }
    [BindProperty] public bool? ConsentGiven { get; set; }
    [BindProperty] public string? CapacityAndConsentNotes { get; set; }
    [BindProperty] public bool? PaysCloseRelativeInHousehold { get; set; }
    [BindProperty] public string? CloseRelativeReason { get; set; }
    [BindProperty] public AccountKind? Account { get; set; }
    [BindProperty] public string? AccountName { get; set; }
    [BindProperty] public string? SortCode { get; set; }
    [BindProperty] public string? AccountNumber { get; set; }
    [BindProperty] public bool? EmploysPersonalAssistants { get; set; }
    [BindProperty] public bool? UsesPayrollService { get; set; }
    [BindProperty] public bool? HasEmployersLiabilityInsurance { get; set; }
    [BindProperty] public PaymentFrequency? Frequency { get; set; }
    [BindProperty] public DateInput StartDate { get; set; } = new();
    [BindProperty] public string? StartUpAmount { get; set; }
    [BindProperty] public string? StartUpDescription { get; set; }

    public DirectPaymentView View { get; private set; } = null!;

    public static IEnumerable<SelectListItem> YesNo(bool? value) => [new("Yes", "true", value == true), new("No", "false", value == false)];

    public IEnumerable<SelectListItem> RecipientItems => EnumLabels.All<RecipientKind>().Select(k => new SelectListItem(k.Label, k.Value.ToString(), k.Value == Recipient));

    public IEnumerable<SelectListItem> AccountItems => EnumLabels.All<AccountKind>().Select(k => new SelectListItem(k.Label, k.Value.ToString(), k.Value == Account));

    public IEnumerable<SelectListItem> FrequencyItems => EnumLabels.All<PaymentFrequency>().Select(k => new SelectListItem(k.Label, k.Value.ToString(), k.Value == Frequency));

    public async Task OnGetAsync(Guid id, Guid directPaymentId)
    {
        View = await service.GetAsync(id, directPaymentId);
        var d = View.Agreement;
        Revision = d.Revision;
        (Recipient, RecipientName, RecipientRelationship, RecipientAddress) = (d.Recipient, d.RecipientName, d.RecipientRelationship, d.RecipientAddress);
        (AuthorisedPersonSuitable, SuitabilityReason, PersonHasCapacity, ConsentGiven, CapacityAndConsentNotes) = (d.AuthorisedPersonSuitable, d.SuitabilityReason, d.PersonHasCapacity, d.ConsentGiven, d.CapacityAndConsentNotes);
        (PaysCloseRelativeInHousehold, CloseRelativeReason) = (d.PaysCloseRelativeInHousehold, d.CloseRelativeReason);
        (Account, AccountName, SortCode, AccountNumber) = (d.Account, d.AccountName, d.SortCode, d.AccountNumber);
        (EmploysPersonalAssistants, UsesPayrollService, HasEmployersLiabilityInsurance) = (d.EmploysPersonalAssistants, d.UsesPayrollService, d.HasEmployersLiabilityInsurance);
        Frequency = d.Frequency;
        StartDate = DateInput.From(d.StartDate);
        StartUpAmount = d.StartUpAmount?.ToString("0.00", CultureInfo.InvariantCulture);
        StartUpDescription = d.StartUpDescription;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid directPaymentId)
    {
        var errors = new List<FieldError>();
        var (start, startError) = StartDate.Parse("The start date", required: true);
        if (startError is not null)
        {
            errors.Add(new FieldError(nameof(StartDate), startError));
        }

        var startUp = NumberInput.Money(StartUpAmount, nameof(StartUpAmount), "The start-up payment", false, errors);
        if (Recipient is { } r && !Enum.IsDefined(r)) errors.Add(new(nameof(Recipient), "Choose who receives the direct payment"));
        if (Account is { } a && !Enum.IsDefined(a)) errors.Add(new(nameof(Account), "Choose how the money is held"));
        if (Frequency is { } f && !Enum.IsDefined(f)) errors.Add(new(nameof(Frequency), "Choose how often it is paid"));
        EnsureValid(errors);
        var dp = await service.RecordAsync(id, directPaymentId, Revision, new DirectPaymentSetUp(
            Recipient, RecipientName, RecipientRelationship, RecipientAddress, AuthorisedPersonSuitable, SuitabilityReason, PersonHasCapacity, ConsentGiven, CapacityAndConsentNotes,
            PaysCloseRelativeInHousehold, CloseRelativeReason, Account, AccountName, SortCode, AccountNumber, EmploysPersonalAssistants, UsesPayrollService, HasEmployersLiabilityInsurance,
            Frequency, start, startUp, StartUpDescription));
        var missing = dp.MissingForSignature();
        Flash(missing.Count == 0
            ? "Set-up saved. Print the agreement for signature, then record the date it was signed"
            : $"Set-up saved. Still needed before the agreement is signed: {string.Join("; ", missing.Select(m => m.Message))}");
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
