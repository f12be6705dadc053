using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

/// <summary>A team manager decides a challenge: upheld with a revised weekly amount, or not upheld, with a reason.</summary>
[RequirePermission(Permission.DecideBudgetChallenges)]
public sealed class DecideModel(IndicativeBudgetService budgets) : GovukPageModel
{
    [BindProperty]
    public ChallengeOutcome? Outcome { get; set; }

    [BindProperty]
    public string? RevisedWeeklyAmount { get; set; }

    [BindProperty]
    public string? OutcomeReason { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public BudgetView View { get; private set; } = null!;

    public BudgetChallenge Decision { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid budgetId, Guid challengeId)
    {
        await LoadAsync(id, budgetId, challengeId);
        Revision = Decision.Revision;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid budgetId, Guid challengeId)
    {
        // Format errors come first; the domain then refuses anything incomplete (an unreadable amount reaches it as none).
        var errors = new List<FieldError>();
        var revised = Outcome == ChallengeOutcome.Upheld
            ? NumberInput.Money(RevisedWeeklyAmount, nameof(RevisedWeeklyAmount), "Revised weekly amount", required: false, errors)
            : null;
        AddErrors(errors);
        await budgets.DecideChallengeAsync(budgetId, challengeId, id, Outcome, OutcomeReason, revised, Revision);
        Flash("Challenge decided");
        return RedirectToPage("/Budgets/Indicative/Details", new { id, budgetId });
    }

    /// <summary>What was typed stays; after a conflict deciding again applies to the challenge as it is now.</summary>
    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadAsync(reload.Get<Guid>("id"), reload.Get<Guid>("budgetId"), reload.Get<Guid>("challengeId"));
        if (reload.AfterConflict)
        {
            Revision = Decision.Revision;
        }
    }

    private async Task LoadAsync(Guid id, Guid budgetId, Guid challengeId) =>
        (View, Decision) = await budgets.LoadChallengeAsync(budgetId, challengeId, id);
}
