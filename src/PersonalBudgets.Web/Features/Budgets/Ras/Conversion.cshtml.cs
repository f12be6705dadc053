using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>Change a draft's conversion from points to money: price per point, minimum, maximum and bands.</summary>
[RequirePermission(Permission.ManageRas)]
public sealed class ConversionModel(RasService ras) : RasDraftPageModel(ras)
{
    [BindProperty]
    public string? PricePerPoint { get; set; }

    [BindProperty]
    public string? MinimumWeekly { get; set; }

    [BindProperty]
    public string? MaximumWeekly { get; set; }

    [BindProperty]
    public string? BandFrom { get; set; }

    [BindProperty]
    public string? BandTo { get; set; }

    [BindProperty]
    public string? BandAmount { get; set; }

    public async Task OnGetAsync(Guid id)
    {
        await LoadDraftAsync(id, fromRecord: true);
        FromDefinition();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var errors = new List<FieldError>();
        var price = NumberInput.Money(PricePerPoint, nameof(PricePerPoint), "Price per point", required: false, errors);
        var min = NumberInput.Money(MinimumWeekly, nameof(MinimumWeekly), "Minimum weekly amount", required: true, errors);
        var max = NumberInput.Money(MaximumWeekly, nameof(MaximumWeekly), "Maximum weekly amount", required: true, errors);
        return await SaveAsync(id, errors, () => Ras.UpdateConversionAsync(id, Revision, price, min ?? 0, max ?? 0), "Conversion changed");
    }

    public async Task<IActionResult> OnPostAddBandAsync(Guid id)
    {
        var errors = new List<FieldError>();
        var from = NumberInput.Whole(BandFrom, nameof(BandFrom), "From (points)", errors);
        var to = NumberInput.Whole(BandTo, nameof(BandTo), "To (points)", errors);
        var amount = NumberInput.Money(BandAmount, nameof(BandAmount), "Weekly amount for the band", required: true, errors);
        if (from is < 0) errors.Add(new(nameof(BandFrom), "From (points) cannot be negative"));
        if (from is { } f && to is { } t && t < f) errors.Add(new(nameof(BandTo), "To (points) must be the same as or more than from (points)"));
        return await SaveAsync(id, errors, () => Ras.AddBandAsync(id, Revision, new RasBand(from ?? 0, to ?? 0, amount ?? 0)), "Band added");
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        if (reload.Handler is "AddBand")
        {
            // Keep the conversion form as saved; the band form keeps what was typed.
            FromDefinition();
        }
    }

    private void FromDefinition()
    {
        var c = Definition.Conversion;
        PricePerPoint = NumberInput.Show(c.PricePerPoint);
        MinimumWeekly = NumberInput.Show(c.MinimumWeekly);
        MaximumWeekly = NumberInput.Show(c.MaximumWeekly);
        ModelState.Remove(nameof(PricePerPoint));
        ModelState.Remove(nameof(MinimumWeekly));
        ModelState.Remove(nameof(MaximumWeekly));
    }
}
