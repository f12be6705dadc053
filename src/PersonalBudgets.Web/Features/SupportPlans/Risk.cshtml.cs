using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Adds ("New") or changes a risk and how it is managed.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class RiskModel(SupportPlanService plans) : PlanPageModel(plans)
{
    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public RiskLevel? Level { get; set; }

    [BindProperty]
    public bool? IsPositiveRisk { get; set; }

    [BindProperty]
    public string? WhatWillBeDone { get; set; }

    [BindProperty]
    public string? WhoDoesIt { get; set; }

    public bool IsNew { get; private set; }

    public async Task OnGetAsync(Guid planId, string riskId)
    {
        await LoadAsync(planId, fromRecord: true);
        if (Find(riskId) is { } r)
        {
            Description = r.Description;
            Level = r.Level;
            IsPositiveRisk = r.IsPositiveRisk;
            WhatWillBeDone = r.WhatWillBeDone;
            WhoDoesIt = r.WhoDoesIt;
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid planId, string riskId)
    {
        await LoadAsync(planId, fromRecord: false);
        var existing = Find(riskId);
        var input = new RiskInput(Description, Level, IsPositiveRisk == true, WhatWillBeDone, WhoDoesIt);
        return await SaveAndRedirectAsync(() => Plans.SaveRiskAsync(planId, existing?.Id, input, Revision), Links.PlanOverview(planId),
            existing is null ? "Risk added" : "Risk changed");
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Find(reload.Get<string>("riskId"));
    }

    private PlanRisk? Find(string riskId)
    {
        IsNew = riskId == ElementModel.NewId;
        if (IsNew)
        {
            return null;
        }

        return Guid.TryParse(riskId, out var id) ? Plan.Risks.SingleOrDefault(r => r.Id == id) ?? throw new NotFoundException("The risk") : throw new NotFoundException("The risk");
    }
}
