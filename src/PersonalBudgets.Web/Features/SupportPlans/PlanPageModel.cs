using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>
/// A question page of a plan (see <see cref="RecordFormPageModel{TView}"/>). A plan that is no longer a draft is a
/// conflict (409).
/// </summary>
public abstract class PlanPageModel(SupportPlanService plans) : RecordFormPageModel<PlanView>
{
    public SupportPlan Plan => View.Plan;

    /// <summary>Why the plan cannot be changed, when it cannot.</summary>
    public virtual string? NotEditableMessage => Plan.IsEditable ? null : Plan.Status == PlanStatus.AwaitingApproval
        ? $"Version {Plan.Number} of the plan is waiting for approval and cannot be changed."
        : $"Version {Plan.Number} of the plan is {Plan.Status.Label().ToLowerInvariant()} and cannot be changed. Revise the plan in force to make a new version.";

    protected SupportPlanService Plans => plans;

    protected override string IdRouteValue => "planId";

    protected override Task<PlanView> LoadViewAsync(Guid id) => plans.LoadAsync(id);

    protected override int RevisionOf(PlanView view) => view.Plan.Revision;

    protected override bool IsEditable(PlanView view) => view.Plan.IsEditable;
}
