using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Uprating;

/// <summary>
/// The April uprating of one published policy: before a run, the preview (every person's contribution before and from
/// 1 April, who goes up or down, who starts or stops paying; CSV download) and the button that starts the run; after,
/// the run's progress (the page refreshes itself while it runs, no JavaScript) and the letters of changed contributions.
/// </summary>
[RequirePermission(Permission.ApplyUprating)]
public sealed class IndexModel(UpratingService uprating) : GovukPageModel
{
    public UpratingView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => View = await uprating.GetAsync(id);

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        View = await uprating.GetAsync(id);
        return File(UpratingService.Csv(View), "text/csv; charset=utf-8", $"uprating-{View.Policy.FinancialYearStart}.csv");
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id)
    {
        var run = await uprating.StartAsync(id);
        Flash($"The {run.Reason} has started: {run.Total} assessments to recalculate. This page shows its progress");
        return RedirectToPage(new { id });
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await uprating.GetAsync(reload.Get<Guid>("id"));
}
