using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>The outcomes the person wants, in their own words: up to 10 lines.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class OutcomesModel(SupportPlanService plans) : PlanPageModel(plans)
{
    public const int MaxOutcomes = 10;

    [BindProperty]
    public List<string?> Outcomes { get; set; } = [];

    [BindProperty]
    public PlanContributor? WrittenBy { get; set; }

    public async Task OnGetAsync(Guid planId)
    {
        await LoadAsync(planId, fromRecord: true);
        Outcomes = Plan.Outcomes.OrderBy(o => o.Order).Select(o => (string?)o.Text).ToList();
        WrittenBy = Plan.Outcomes.FirstOrDefault()?.WrittenBy;
        Pad();
    }

    public async Task<IActionResult> OnPostAsync(Guid planId)
    {
        var result = await SaveAsync(planId, () => Plans.SetOutcomesAsync(planId, Outcomes, WrittenBy, Revision), PlanRoutes.Overview(planId));
        // The message about the outcomes as a whole belongs by the first line.
        if (ModelState.TryGetValue(nameof(Outcomes), out var entry) && entry.Errors.Count > 0)
        {
            var message = entry.Errors[0].ErrorMessage;
            ModelState.Remove(nameof(Outcomes));
            ModelState.AddModelError("Outcomes[0]", message);
        }

        Pad();
        return result;
    }

    private void Pad()
    {
        while (Outcomes.Count < MaxOutcomes)
        {
            Outcomes.Add(null);
        }
    }
}
