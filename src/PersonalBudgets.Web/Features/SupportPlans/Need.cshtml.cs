using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>How one eligible need will be met.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class NeedModel(SupportPlanService plans) : PlanPageModel(plans)
{
    [BindProperty]
    public string? HowMet { get; set; }

    [BindProperty]
    public PlanContributor? WrittenBy { get; set; }

    public EligibleNeed Need { get; private set; }

    public async Task OnGetAsync(Guid planId, string need)
    {
        await LoadAsync(planId, fromRecord: true);
        Need = Parse(need);
        var saved = Plan.Needs.FirstOrDefault(n => n.Need == Need);
        HowMet = saved?.HowMet;
        WrittenBy = saved?.WrittenBy;
    }

    public async Task<IActionResult> OnPostAsync(Guid planId, string need)
    {
        await LoadAsync(planId, fromRecord: false);
        Need = Parse(need);
        return await SaveAndRedirectAsync(() => Plans.SetNeedAsync(planId, Need, HowMet, WrittenBy, Revision), Links.PlanOverview(planId));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Need = Parse(reload.Get<string>("need"));
    }

    /// <summary>Only the person's eligible needs have a page.</summary>
    private EligibleNeed Parse(string need) =>
        EligibleNeed.Parse(need) is { } n && View.EligibleNeeds.Contains(n) ? n : throw new NotFoundException("The eligible need");
}
