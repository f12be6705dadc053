using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Assessments;

/// <summary>The Financial assessment tab of a person's record: the contribution in force and every version.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(FinancialAssessmentService finance) : GovukPageModel
{
    public FinanceOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => Overview = await finance.OverviewAsync(id);

    [RequireHandlerPermission(Permission.AssessFinances)]
    public async Task<IActionResult> OnPostStartAsync(Guid id)
    {
        var fa = await finance.StartAsync(id);
        Flash("Financial assessment started: you own it");
        return RedirectToPage("/Charging/Assessments/Edit", new { id, assessmentId = fa.Id });
    }

    protected override async Task OnReloadAsync(PageReload reload) => Overview = await finance.OverviewAsync(reload.Get<Guid>("id"));
}
