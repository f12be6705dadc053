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
        try
        {
            await budgets.DecideChallengeAsync(budgetId, challengeId, id, Outcome, OutcomeReason, revised, Revision);
            Flash("Challenge decided");
            return Redirect($"/People/{id}/Budget/{budgetId}");
        }
        catch (ConcurrencyConflictException ex)
        {
            await LoadAsync(id, budgetId, challengeId);
            Revision = Decision.Revision;
            return PageWithConflict(ex.Message);
        }
        catch (ValidationFailedException ex)
        {
            errors.AddRange(ex.Errors);
        }
        catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
        {
            errors.Add(new(ex.Field ?? string.Empty, ex.Message));
        }

        if (ModelState.TryGetValue(nameof(Outcome), out var bad) && bad.Errors.Count > 0)
        {
            ModelState.Remove(nameof(Outcome));
        }

        AddErrors(errors);
        await LoadAsync(id, budgetId, challengeId);
        return PageWithErrors();
    }

    private async Task LoadAsync(Guid id, Guid budgetId, Guid challengeId) =>
        (View, Decision) = await budgets.LoadChallengeAsync(budgetId, challengeId, id);
}
