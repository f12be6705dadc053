using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Check answers for the whole plan, its gaps with links to fix them, and submitting it for approval.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class SubmitModel(SupportPlanService plans) : PlanPageModel(plans)
{
    public string RouteExplanation
    {
        get
        {
            var standards = View.Rules.Standards;
            return DelegatedLimits.RouteFor(Plan.WeeklyCost, Plan.SignificantRisk == true, standards.TeamManagerWeeklyLimit) switch
            {
                ApprovalRoute.RiskEnablementPanel => "The plan has significant risks, so the risk enablement panel will decide it.",
                ApprovalRoute.TeamManager => $"The plan costs {UkFormat.Money(Plan.WeeklyCost)} a week, within the team manager's limit of {UkFormat.Money(standards.TeamManagerWeeklyLimit)}, so a team manager will decide it.",
                _ => $"The plan costs {UkFormat.Money(Plan.WeeklyCost)} a week, above the team manager's limit of {UkFormat.Money(standards.TeamManagerWeeklyLimit)}, so the funding panel will decide it.",
            };
        }
    }

    public async Task OnGetAsync(Guid planId) => await LoadAsync(planId, fromRecord: true);

    public async Task<IActionResult> OnPostAsync(Guid planId)
    {
        var submitted = await Plans.SubmitAsync(planId, Revision);
        if (submitted.Approval is { } a)
        {
            Flash($"Plan submitted for approval. {a.Route.Label()}{(a.DeciderName is { } d ? $" ({d})" : "")} will decide by {UkFormat.Date(a.DueDate)}");
        }

        return Redirect(Links.PlanOverview(planId));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        if (reload.Refusal is not (null or ConflictException or ConcurrencyConflictException) && View.Gaps.Count > 0)
        {
            // The gaps are listed on the page with links to fix each; the summary says so once, rather than pointing at fields this page does not have.
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, $"The plan cannot be submitted yet: {View.Gaps.Count} {(View.Gaps.Count == 1 ? "thing needs" : "things need")} doing first");
        }
    }
}
