using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>
/// A page with the plan summary and the decision form, for the team manager and for a panel item. A refusal (the
/// author, above the limit, the wrong route) re-renders the form with the message and keeps what was typed; a stale
/// revision or a decision made meanwhile re-renders with 409.
/// </summary>
public abstract class DecisionPageModel(ApprovalService approvals, ApprovalDecisionService decisions) : GovukPageModel
{
    [BindProperty]
    public ApprovalOutcome? Outcome { get; set; }

    [BindProperty]
    public string? Reasons { get; set; }

    [BindProperty]
    public string? Changes { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public ApprovalView View { get; private set; } = null!;

    /// <summary>Whether the signed-in user may see the decision form for this request.</summary>
    public abstract bool ShowForm { get; }

    protected async Task LoadAsync(Guid requestId, bool audited)
    {
        View = audited ? await approvals.ViewAsync(requestId) : await approvals.LoadAsync(requestId);
        Revision = View.Request.Revision;
    }

    protected async Task<IActionResult> DecideAsync(Guid requestId, Guid? meetingId, string success, string redirectTo)
    {
        var errors = new List<FieldError>();
        try
        {
            var result = await decisions.DecideAsync(requestId, meetingId, new DecisionInput(Outcome, Reasons, Changes, Revision));
            Flash($"{success}: {result.Request.Outcome!.Value.Label().ToLowerInvariant()}"
                + (result.Budget is { } budget ? $". The personal budget starts on {UkFormat.Date(budget.StartDate)}" : ""));
            return Redirect(redirectTo);
        }
        catch (ConcurrencyConflictException ex)
        {
            return await ConflictAsync(requestId, ex.Message);
        }
        catch (ConflictException ex)
        {
            return await ConflictAsync(requestId, ex.Message);
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

        var typed = Revision;
        AddErrors(errors);
        await LoadAsync(requestId, audited: false);
        Revision = typed;
        return PageWithErrors();
    }

    private async Task<IActionResult> ConflictAsync(Guid requestId, string message)
    {
        await LoadAsync(requestId, audited: false);
        ModelState.Remove(nameof(Revision));
        return PageWithConflict(message);
    }
}
