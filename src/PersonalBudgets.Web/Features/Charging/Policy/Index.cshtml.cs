using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Policy;

/// <summary>The charging policy's versions by financial year; a new draft for a year starts here.</summary>
[RequirePermission(Permission.ManageChargingPolicy)]
public sealed class IndexModel(ChargingPolicyService policies, TimeProvider clock) : GovukPageModel
{
    [BindProperty]
    public string? FinancialYearStart { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<ChargingPolicySummary> Versions { get; private set; } = [];

    public int CurrentYear => ChargingPolicyVersion.FinancialYearOf(Core.Common.UkTime.UkToday(clock));

    public async Task OnGetAsync() => Versions = await policies.ListAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new List<FieldError>();
        var year = NumberInput.Whole(FinancialYearStart, nameof(FinancialYearStart), "The year the financial year starts", errors);
        EnsureValid(errors);
        var draft = await policies.CreateDraftAsync(year, Name);
        Flash($"Draft version {draft.Number} for {draft.Definition.FinancialYear} created. Check every figure against the circular, then publish it");
        return RedirectToPage("/Charging/Policy/Version", new { id = draft.Id });
    }

    protected override async Task OnReloadAsync(PageReload reload) => Versions = await policies.ListAsync();
}
