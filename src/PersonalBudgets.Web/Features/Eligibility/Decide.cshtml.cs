using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>
/// Deciding eligibility for a completed assessment: the facts and what the rules say, the practitioner's wellbeing
/// judgement with its reason, and the advice given. Once decided, the decision is shown read-only.
/// </summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class DecideModel(EligibilityService eligibility) : GovukPageModel
{
    [BindProperty]
    public bool? SignificantImpact { get; set; }

    [BindProperty]
    public string? SignificantImpactReason { get; set; }

    [BindProperty]
    public string? Advice { get; set; }

    /// <summary>Confirms a significant impact although every wellbeing area was recorded as "no impact".</summary>
    [BindProperty]
    public bool ConfirmImpactDespiteNoAreaAffected { get; set; }

    public static IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> ConfirmItems { get; } =
        [new("I confirm there is, or is likely to be, a significant impact on wellbeing", "true")];

    /// <summary>Every wellbeing area was recorded as "no impact": a "yes" to significant impact needs confirming.</summary>
    public bool NoAreaAffected => EligibilityDetermination.NoWellbeingAreaAffected(Assessment);

    public EligibilityView View { get; private set; } = null!;

    public Assessment Assessment => View.Assessment;

    public string PersonName => View.Record.Person.DisplayName;

    /// <summary>Who the decision is about: the person, or for a carer's assessment the carer.</summary>
    public string Subject => Assessment.Kind == AssessmentKind.Carer ? "carer" : "person";

    public async Task OnGetAsync(Guid id) => View = await eligibility.ViewAsync(id);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await eligibility.ConfirmAsync(id, SignificantImpact, SignificantImpactReason, Advice, ConfirmImpactDespiteNoAreaAffected);
        View = await eligibility.LoadAsync(id);
        if (View.Assessment.Kind == AssessmentKind.Carer && View.Determination?.Eligible == true && View.Assessment.CarerPersonId is null)
        {
            // The offer to an eligible carer is recorded on the carer's own record, which starting their pathway creates (ADR 25).
            Flash("Eligibility decision confirmed. Next: start the carer's own pathway, then record the offer of a personal budget on their record");
            return Redirect(Links.CarerPathwayStart(id));
        }

        Flash("Eligibility decision confirmed");
        return RedirectToPage("/Eligibility/NewOffer", new { id = View.Assessment.PersonId, stage = OfferStage.Eligibility, assessmentId = id });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        View = await eligibility.LoadAsync(reload.Get<Guid>("id"));
        if (reload.Refusal is ConflictException conflict)
        {
            // Someone else decided first: the page shows their decision, and says that ours was not saved.
            ModelState.Remove(ErrorKey(conflict.Field ?? string.Empty));
            ModelState.AddModelError(string.Empty, conflict.Message + ". Your decision has not been saved");
        }
    }
}
