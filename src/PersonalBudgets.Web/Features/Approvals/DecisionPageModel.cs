using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>
/// A page with the plan summary and the decision form, for the team manager and for a panel item. A refusal (the
/// author, above the limit, the wrong route) re-renders the form with the message and keeps what was typed; a stale
/// revision or a decision made meanwhile re-renders with 409 (both through the page pipeline).
/// </summary>
public abstract class DecisionPageModel(ApprovalService approvals, ApprovalDecisionService decisions) : GovukPageModel
{
    [BindProperty]
    public ApprovalOutcome? Outcome { get; set; }

    [BindProperty]
    public string? Reasons { get; set; }

    [BindProperty]
    public string? Changes { get; set; }

    /// <summary>Who attended the panel meeting (names and roles): asked when a panel decides.</summary>
    [BindProperty]
    public string? Attendees { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    /// <summary>Whether the form asks who attended: the plan goes to a panel.</summary>
    public bool AsksAttendees => View.Request.Route != ApprovalRoute.TeamManager;

    public ApprovalView View { get; private set; } = null!;

    public const string NextStepHrefKey = "NextStepHref";
    public const string NextStepTextKey = "NextStepText";

    /// <summary>Whether the signed-in user may see the decision form for this request.</summary>
    public abstract bool ShowForm { get; }

    protected async Task LoadAsync(Guid requestId, bool audited)
    {
        View = audited ? await approvals.ViewAsync(requestId) : await approvals.LoadAsync(requestId);
        Revision = View.Request.Revision;
    }

    /// <summary>
    /// Reloads the request to show beside the refusal. After a refusal the typed revision is kept; after a conflict
    /// the form takes the request's revision now, so deciding again applies to it.
    /// </summary>
    protected override async Task OnReloadAsync(PageReload reload)
    {
        var typed = Revision;
        await LoadAsync(reload.Get<Guid>("requestId"), audited: false);
        if (reload.Refusal is not (ConflictException or ConcurrencyConflictException))
        {
            Revision = typed;
        }
    }

    /// <summary>Records the decision and goes on; a refusal or conflict comes back to this page through the page pipeline.</summary>
    protected async Task<IActionResult> DecideAsync(Guid requestId, Guid? meetingId, string success, string nextPage, object? nextRoute = null)
    {
        var result = await decisions.DecideAsync(requestId, meetingId, new DecisionInput(Outcome, Reasons, Changes, Revision, Attendees));
        Flash($"{success}: {result.Request.Outcome!.Value.Label().ToLowerInvariant()}"
            + (result.Budget is { } budget ? $". The personal budget starts on {UkFormat.Date(budget.StartDate)}" : ""));
        // What comes next for the person, shown with the banner on the approvals queue (the other pages link to it already).
        if (nextPage == "/Approvals/Index")
        {
            var personId = result.Request.PersonId;
            TempData[NextStepHrefKey] = result.Budget is not null ? Links.PersonPersonalBudget(personId) : Links.PersonPlans(personId);
            TempData[NextStepTextKey] = result.Budget is not null ? "See the personal budget statement" : "See the support plan";
        }
        return RedirectToPage(nextPage, nextRoute);
    }
}
