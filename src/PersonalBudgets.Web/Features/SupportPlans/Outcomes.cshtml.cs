using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
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

    public async Task<IActionResult> OnPostAsync(Guid planId) =>
        await SaveAndRedirectAsync(() => Plans.SetOutcomesAsync(planId, Outcomes, WrittenBy, Revision), Links.PlanOverview(planId));

    /// <summary>The message about the outcomes as a whole belongs by the first line.</summary>
    protected override string ErrorKey(string field) => field == nameof(Outcomes) ? "Outcomes[0]" : field;

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Pad();
    }

    private void Pad()
    {
        while (Outcomes.Count < MaxOutcomes)
        {
            Outcomes.Add(null);
        }
    }
}
