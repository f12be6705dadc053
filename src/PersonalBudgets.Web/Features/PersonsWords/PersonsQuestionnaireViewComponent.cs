using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Features.My.TakingPart;

namespace PersonalBudgets.Web.Features.PersonsWords;

/// <summary>
/// The person's answers before a review (ADR 0033), shown to the reviewer beside their own findings on the review's
/// pages (whose page model has checked access to the review and audited the view).
/// </summary>
public sealed class PersonsQuestionnaireViewComponent(MyQuestionnaireService questionnaires) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid reviewId, string subject) =>
        View("~/Features/PersonsWords/_PersonsQuestionnaire.cshtml",
            new PersonsQuestionnaireView(await questionnaires.ForReviewAsync(reviewId, HttpContext.RequestAborted), subject));
}

public sealed record PersonsQuestionnaireView(Core.TakingPart.ReviewQuestionnaire? Answers, string Subject);
