using PersonalBudgets.Core.Representatives;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>The person challenges a decision (eligibility, the indicative budget, the plan decision), with the reason.</summary>
[RequirePerson(RepresentativeScopes.AgreeAndAsk)]
public sealed class ChallengeModel(MyPartService part, MyContext my) : GovukPageModel
{
    [BindProperty]
    public ChallengedDecision? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public static IEnumerable<SelectListItem> Choices => SelectItems.ForEnum<ChallengedDecision>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = await part.AskAsync(my.PersonId, PersonRequestKind.Challenge, Decision, Reason, HttpContext.RequestAborted);
        Flash($"You challenged a decision. {request.OwnerName ?? "Your worker"} will answer by {UkFormat.Date(request.DueDate)}");
        return Redirect(MyPartPaths.Requests);
    }
}
