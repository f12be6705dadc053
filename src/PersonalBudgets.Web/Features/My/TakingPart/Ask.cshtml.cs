using PersonalBudgets.Core.Representatives;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>The person asks for a review, with the reason.</summary>
[RequirePerson(RepresentativeScopes.AgreeAndAsk)]
public sealed class AskModel(MyPartService part, MyContext my) : GovukPageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = await part.AskAsync(my.PersonId, PersonRequestKind.Review, null, Reason, HttpContext.RequestAborted);
        Flash($"You asked for a review. {request.OwnerName ?? "Your worker"} will answer by {UkFormat.Date(request.DueDate)}");
        return Redirect(MyPartPaths.Requests);
    }
}
