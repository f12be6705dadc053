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
        try
        {
            await offers.EnsureContextAsync(id, Stage, AssessmentId, IndicativeBudgetId);
        }
        catch (ValidationFailedException ex)
        {
            ModelState.Clear();
            ContextProblem = ex.Errors[0].Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        if (!ModelState.IsValid)
        {
            // A value that is not one of the options: say so beside the field, and check everything else too.
            try
            {
                await offers.EnsureContextAsync(id, Stage, AssessmentId, IndicativeBudgetId);
            }
            catch (ValidationFailedException ex)
            {
                ContextProblem = ex.Errors[0].Message;
            }

            return PageWithErrors();
        }

        try
        {
            var offer = await offers.RecordAsync(id, new OfferRequest(Stage, AssessmentId, IndicativeBudgetId, Offered, PersonResponse, NotOfferedReason, Detail));
            Flash("Personal budget offer recorded");
            return offer.Stage == OfferStage.Eligibility
                ? Redirect($"/Assessments/{offer.AssessmentId}/Eligibility")
                : Redirect($"/People/{id}/Offers");
        }
        catch (ValidationFailedException ex)
        {
            var context = ex.Errors.FirstOrDefault(e => e.Field is "Stage" or "AssessmentId" or "IndicativeBudgetId");
            ContextProblem = context?.Message;
            AddErrors(ex.Errors.Where(e => e != context).Select(e => e.Field == "Response" ? e with { Field = nameof(PersonResponse) } : e));
            return PageWithErrors();
        }
    }
}
