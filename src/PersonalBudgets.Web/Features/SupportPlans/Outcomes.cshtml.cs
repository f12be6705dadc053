using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>
/// The outcomes the person wants, in their own words: up to 10, added one at a time ("Add another outcome" posts the
/// form back with one more line, without saving, so it works without JavaScript).
/// </summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class OutcomesModel(SupportPlanService plans) : PlanPageModel(plans)
{
    public const int MaxOutcomes = 10;

    [BindProperty]
    public List<string?> Outcomes { get; set; } = [];

    [BindProperty]
    public PlanContributor? WrittenBy { get; set; }

    /// <summary>The "Add another outcome" button was pressed: show the form again with one more line.</summary>
    [BindProperty]
    public bool AddAnother { get; set; }

    public async Task OnGetAsync(Guid planId)
    {
        await LoadAsync(planId, fromRecord: true);
        Outcomes = Plan.Outcomes.OrderBy(o => o.Order).Select(o => (string?)o.Text).ToList();
        WrittenBy = Plan.Outcomes.FirstOrDefault()?.WrittenBy;
        Pad();
    }

    public async Task<IActionResult> OnPostAsync(Guid planId)
    {
        if (!AddAnother)
        {
            return await SaveAndRedirectAsync(() => Plans.SetOutcomesAsync(planId, Outcomes, WrittenBy, Revision), Links.PlanOverview(planId));
        }

        await LoadAsync(planId, fromRecord: false);
        var written = Outcomes.Where(o => !string.IsNullOrWhiteSpace(o)).ToList();
        var writtenBy = WrittenBy;
        var revision = Revision;

        // The lines are renumbered without the blank ones, so what was typed is shown from the model, not ModelState.
        ModelState.Clear();
        Outcomes = written;
        WrittenBy = writtenBy;
        Revision = revision;
        if (Outcomes.Count < MaxOutcomes)
        {
            Outcomes.Add(null);
        }

        return Page();
    }

    /// <summary>The message about the outcomes as a whole belongs by the first line.</summary>
    protected override string ErrorKey(string field) => field == nameof(Outcomes) ? "Outcomes[0]" : field;

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Pad();
    }

    /// <summary>At least one line to write in.</summary>
    private void Pad()
    {
        if (Outcomes.Count == 0)
        {
            Outcomes.Add(null);
        }
    }
}
