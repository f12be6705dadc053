using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>
/// A question page of a plan. Carries the revision the form was loaded from; the page pipeline re-renders it with 400
/// on a validation error and 409 on a conflict (someone else saved first, or the plan is no longer a draft), always
/// keeping what was typed.
/// </summary>
public abstract class PlanPageModel(SupportPlanService plans) : GovukPageModel
{
    /// <summary>The revision of the plan the form was loaded from (optimistic concurrency).</summary>
    [BindProperty]
    public int Revision { get; set; }

    public PlanView View { get; private set; } = null!;

    public SupportPlan Plan => View.Plan;

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

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("planId"), fromRecord: reload.AfterConflict);

    /// <summary>
    /// Saves through the service and goes on to <paramref name="next"/>. A refusal comes back to this page through
    /// the page pipeline: nothing typed is lost, and after a conflict saving again (with the new revision) replaces
    /// what is saved now.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(Func<Task> save, string next, string? flash = null)
    {
        await save();
        if (flash is not null)
        {
            Flash(flash);
        }

        return Redirect(next);
    }
}
