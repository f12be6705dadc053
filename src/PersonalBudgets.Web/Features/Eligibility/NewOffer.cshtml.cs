using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>
/// Recording that a personal budget and a direct payment were explained and offered, and the person's response, or
/// why they were not offered. Every field is shown, so the page works without JavaScript.
/// </summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class NewOfferModel(OfferService offers, PersonService people) : GovukPageModel
{
    [BindProperty(SupportsGet = true)]
    public OfferStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? AssessmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? IndicativeBudgetId { get; set; }

    [BindProperty]
    public bool? Offered { get; set; }

    /// <summary>The person's response ("Response" would hide the page's HTTP response).</summary>
    [BindProperty]
    public OfferResponse? PersonResponse { get; set; }

    [BindProperty]
    public NotOfferedReason? NotOfferedReason { get; set; }

    [BindProperty]
    public string? Detail { get; set; }

    public PersonRecord Record { get; private set; } = null!;

    /// <summary>Why an offer cannot be recorded from here (for example the eligibility has not been decided), if so.</summary>
    public string? ContextProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        if (await RefusalOfAsync(() => offers.EnsureContextAsync(id, Stage, AssessmentId, IndicativeBudgetId)) is { } refusal)
        {
            ModelState.Clear();
            ContextProblem = MessageOf(refusal);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var offer = await offers.RecordAsync(id, new OfferRequest(Stage, AssessmentId, IndicativeBudgetId, Offered, PersonResponse, NotOfferedReason, Detail));
        Flash("Personal budget offer recorded");
        return offer.Stage == OfferStage.Eligibility
            ? RedirectToPage("/Eligibility/Decide", new { id = offer.AssessmentId })
            : RedirectToPage("/Eligibility/Offers", new { id });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        var id = reload.Get<Guid>("id");
        Record = await people.LoadForEditAsync(id);
        if (reload.InputDidNotBind)
        {
            // A value that is not one of the options: say so beside the field, and check the context too.
            if (await RefusalOfAsync(() => offers.EnsureContextAsync(id, Stage, AssessmentId, IndicativeBudgetId)) is { } refusal)
            {
                ContextProblem = MessageOf(refusal);
            }

            return;
        }

        // What the offer is about (its stage, assessment or budget) is not a field of this form: it is said once, at the top of the page.
        var context = ContextFields.Select(f => ModelState.TryGetValue(f, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null).FirstOrDefault(m => m is not null);
        if (context is not null)
        {
            ContextProblem = context;
            foreach (var f in ContextFields)
            {
                ModelState.Remove(f);
            }
        }
    }

    /// <summary>The domain calls the person's response "Response".</summary>
    protected override string ErrorKey(string field) => field == "Response" ? nameof(PersonResponse) : field;

    private static readonly string[] ContextFields = [nameof(Stage), nameof(AssessmentId), nameof(IndicativeBudgetId)];
}
