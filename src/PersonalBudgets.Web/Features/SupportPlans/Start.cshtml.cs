using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Starts a plan from the person's support plan tab (POST only); a refusal is shown with its reason.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class StartModel(SupportPlanService plans) : GovukPageModel
{
    public Guid PersonId { get; private set; }

    public string Reason { get; private set; } = "";

    public IActionResult OnGet(Guid id) => Redirect(PlanRoutes.List(id));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        PersonId = id;
        try
        {
            var plan = await plans.StartAsync(id);
            Flash($"Support plan version {plan.Number} started");
            return Redirect(PlanRoutes.Overview(plan.Id));
        }
        catch (DomainException ex) when (ex.ErrorCode is "plan-cannot-start" or "plan-version-exists")
        {
            Reason = ex.Message;
            ModelState.AddModelError(string.Empty, ex.Message);
            return PageWithErrors();
        }
    }
}
