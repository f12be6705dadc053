using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>
/// A question page of a plan. Carries the revision the form was loaded from; re-renders with 400 on a validation
/// error and 409 on a conflict (someone else saved first, or the plan is no longer a draft), always keeping what was typed.
/// </summary>
public abstract class PlanPageModel(SupportPlanService plans) : GovukPageModel
{
    /// <summary>The revision of the plan the form was loaded from (optimistic concurrency).</summary>
    [BindProperty]
    public int Revision { get; set; }

    public PlanView View { get; private set; } = null!;

    public SupportPlan Plan => View.Plan;

    public ConcurrencyConflictException? Conflict { get; private set; }

    /// <summary>A plan that is not a draft shows no form, except to give back what someone just tried to save.</summary>
    public bool ShowForm => Plan.IsEditable || HttpMethods.IsPost(Request.Method);

    /// <summary>Why the plan cannot be changed, when it cannot.</summary>
    public virtual string? NotEditableMessage => Plan.IsEditable ? null : Plan.Status == PlanStatus.AwaitingApproval
        ? $"Version {Plan.Number} of the plan is waiting for approval and cannot be changed."
        : $"Version {Plan.Number} of the plan is {Plan.Status.Label().ToLowerInvariant()} and cannot be changed. Revise the plan in force to make a new version.";

    protected SupportPlanService Plans => plans;

    protected async Task LoadAsync(Guid planId, bool fromRecord)
    {
        View = await plans.LoadAsync(planId);
        if (fromRecord)
        {
            Revision = Plan.Revision;
        }
    }

    /// <summary>Saves through the service and goes on to <paramref name="next"/>, or shows the refusal on this page.</summary>
    protected async Task<IActionResult> SaveAsync(Guid planId, Func<Task> save, string next, string? flash = null)
    {
        try
        {
            await save();
            if (flash is not null)
            {
                Flash(flash);
            }

            return Redirect(next);
        }
        catch (ValidationFailedException ex)
        {
            await LoadAsync(planId, fromRecord: false);
            ClearBindingErrors(ex.Errors);
            AddErrors(ex.Errors);
            return PageWithErrors();
        }
        catch (ConcurrencyConflictException ex)
        {
            // Nothing typed is lost: the form keeps it, and saving again (with the new revision) replaces what is saved now.
            Conflict = ex;
            await LoadAsync(planId, fromRecord: true);
            ModelState.Remove(nameof(Revision));
            return PageWithConflict(ex.Message);
        }
        catch (ConflictException ex)
        {
            await LoadAsync(planId, fromRecord: false);
            return PageWithConflict(ex.Message);
        }
        catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
        {
            await LoadAsync(planId, fromRecord: false);
            ModelState.AddModelError(ex.Field ?? string.Empty, ex.Message);
            return PageWithErrors();
        }
    }

    /// <summary>Model binding's own messages (for an unreadable enum, say) give way to the domain's plain ones.</summary>
    private void ClearBindingErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            if (ModelState.TryGetValue(e.Field, out var entry))
            {
                entry.Errors.Clear();
            }
        }
    }
}
