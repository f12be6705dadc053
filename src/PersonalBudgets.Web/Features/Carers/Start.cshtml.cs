using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Carers;

/// <summary>Starts an eligible carer's own pathway from their carer's assessment: the carer's record, then the indicative budget (ADR 21).</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class StartModel(CarerPathwayService carers) : GovukPageModel, IPersonForm
{
    [BindProperty]
    public PersonInput Input { get; set; } = new() { PrimarySupportReason = Core.People.PrimarySupportReason.SupportToUnpaidCarer };

    public CarerPathwayView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id)
    {
        View = await carers.LoadAsync(id);
        if (View.Assessment.CarerName is { } name)
        {
            var parts = name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Input.LegalFirstName = parts.ElementAtOrDefault(0);
            Input.LegalLastName = parts.ElementAtOrDefault(1);
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await carers.LoadAsync(id);
        var (details, inputErrors) = Input.ToDetails();
        EnsureValid(inputErrors);
        var carer = await carers.StartAsync(id, details);
        Flash("The carer's record was created and their pathway started. Next: record the offer of a personal budget made to them at eligibility");
        return RedirectToPage("/Eligibility/NewOffer", new { id = carer.Id, stage = Core.Assessments.OfferStage.Eligibility, assessmentId = id });
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await carers.LoadAsync(reload.Get<Guid>("id"));

    /// <summary>The record's fields are in Input.</summary>
    protected override string ErrorKey(string field) => field is "" ? field : $"{nameof(Input)}.{field}";
}
