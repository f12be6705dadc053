using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Policy;

/// <summary>
/// One version of the charging policy: every figure, with those still to check against the circular marked; a draft's
/// figures are changed here and it is published from here once it has no problems.
/// </summary>
[RequirePermission(Permission.ManageChargingPolicy)]
public sealed class VersionModel(ChargingPolicyService policies) : RecordFormPageModel<ChargingPolicyVersion>
{
    /// <summary>Each figure as typed, by its name.</summary>
    [BindProperty]
    public Dictionary<string, string?> Figures { get; set; } = [];

    /// <summary>The figures still to check against the circular.</summary>
    [BindProperty]
    public List<string> Unconfirmed { get; set; } = [];

    [BindProperty]
    public bool DisregardNightCare { get; set; }

    [BindProperty]
    public string? MigUpliftPercent { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    public ChargingPolicyVersion Version => View;

    public ChargingPolicyDefinition Definition => View.Definition;

    public IReadOnlyList<string> Problems => Definition.Problems();

    protected override string IdRouteValue => "id";

    protected override Task<ChargingPolicyVersion> LoadViewAsync(Guid id) => policies.GetAsync(id);

    protected override int RevisionOf(ChargingPolicyVersion view) => view.Revision;

    protected override bool IsEditable(ChargingPolicyVersion view) => view.Status == ChargingPolicyStatus.Draft;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        FromDefinition();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        var errors = new List<FieldError>();
        var d = Definition;
        decimal F(string name, string label) => NumberInput.Money(Figures.GetValueOrDefault(name), $"Figures[{name}]", label, required: true, errors) ?? 0m;
        var read = d.Figures().ToDictionary(f => f.Name, f => F(f.Name, f.Label));
        var uplift = NumberInput.Percent(MigUpliftPercent, nameof(MigUpliftPercent), "The MIG uplift", errors);
        if (string.IsNullOrWhiteSpace(Source)) errors.Add(new(nameof(Source), "Say where the figures come from"));
        EnsureValid(errors);
        var changed = new ChargingPolicyDefinition(
            d.FinancialYearStart, read[nameof(d.LowerCapitalLimit)], read[nameof(d.UpperCapitalLimit)], read[nameof(d.TariffStep)], read[nameof(d.TariffPerStep)],
            new MigTable(read[nameof(MigTable.SingleAged18To24)], read[nameof(MigTable.SingleAged25ToPensionCreditAge)], read[nameof(MigTable.SinglePensionCreditAge)],
                read[nameof(MigTable.LoneParentAged18ToPensionCreditAge)], read[nameof(MigTable.CoupleEachAged18ToPensionCreditAge)], read[nameof(MigTable.CoupleEachPensionCreditAge)],
                read[nameof(MigTable.PerChild)], read[nameof(MigTable.DisabilityPremiumSingle)], read[nameof(MigTable.DisabilityPremiumCoupleEach)],
                read[nameof(MigTable.EnhancedDisabilityPremiumSingle)], read[nameof(MigTable.EnhancedDisabilityPremiumCoupleEach)], read[nameof(MigTable.CarerPremium)]),
            read[nameof(d.StandardDreAllowance)], read[nameof(d.MinimumCharge)],
            new ChargingDiscretions(DisregardNightCare, uplift), Source!.Trim(),
            Unconfirmed.Where(u => read.ContainsKey(u)).Distinct().ToList());
        return await SaveAndRedirectAsync(() => policies.UpdateDraftAsync(id, Revision, changed), () => Url.Page("/Charging/Policy/Version", new { id })!, "Draft saved");
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        FromDefinition();
        return await SaveAndRedirectAsync(() => policies.PublishAsync(id, Revision), () => Url.Page("/Charging/Policy/Version", new { id })!,
            $"Version {Version.Number} published: it is the charging policy for {Definition.FinancialYear}");
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadAsync(reload.Get<Guid>("id"), fromRecord: reload.AfterConflict);
        if (reload.Handler == "Publish" || reload.AfterConflict)
        {
            FromDefinition();
        }

        // A figure left out of the post is shown empty with its error, not looked up and missed.
        foreach (var figure in Definition.Figures())
        {
            Figures.TryAdd(figure.Name, null);
        }
    }

    private void FromDefinition()
    {
        var d = Definition;
        Figures = d.Figures().ToDictionary(f => f.Name, f => (string?)f.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        Unconfirmed = [.. d.Unconfirmed];
        DisregardNightCare = d.Discretions.DisregardNightCareWhenNoneArranged;
        MigUpliftPercent = d.Discretions.MigUpliftPercent.ToString("0.##", CultureInfo.InvariantCulture);
        Source = d.Source;
    }
}
