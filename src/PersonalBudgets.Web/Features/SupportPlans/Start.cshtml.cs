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

    public IActionResult OnGet(Guid id) => Redirect(Links.PersonPlans(id));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        PersonId = id;
        var plan = await plans.StartAsync(id);
        Flash($"Support plan version {plan.Number} started");
        return Redirect(Links.PlanOverview(plan.Id));
    }

    /// <summary>Why a plan cannot start is shown at the top and in place of the page's content.</summary>
    protected override Task OnReloadAsync(PageReload reload)
    {
        PersonId = reload.Get<Guid>("id");
        Reason = reload.Refusal?.Message ?? "";
        return Task.CompletedTask;
    }

    protected override string ErrorKey(string field) => string.Empty;
}
