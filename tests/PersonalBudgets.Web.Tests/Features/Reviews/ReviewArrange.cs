using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reviews;

/// <summary>What <see cref="ReviewArrange.BudgetInPlaceAsync"/> put in place.</summary>
public sealed record ReviewScenario(Guid PersonId, Guid PlanId, Guid BudgetId, Guid EpisodeId, Guid StepId, DateOnly ReviewDue, DateOnly BudgetStart, IReadOnlyList<(Guid Id, string Text)> Outcomes);

/// <summary>
/// Arranges a person with an approved plan (outcomes and costed elements, optionally one paid by direct payment), the
/// personal budget it put in place and a pathway episode at budget in place with an open step, straight through the
/// domain, as the plan and approval pages (built separately) would leave them.
/// </summary>
public static class ReviewArrange
{
    public const string Finance = "finance@northmoor.example";

    public const string OutcomeOne = "Get back to my allotment twice a week";
    public const string OutcomeTwo = "Cook a hot meal for myself most days";

    /// <summary>
    /// Puts a budget in place for the person. The budget-in-place step is due on <paramref name="reviewDue"/> (in the
    /// past for a review that has come due); the budget started on <paramref name="budgetStart"/>.
    /// </summary>
    public static Task<ReviewScenario> BudgetInPlaceAsync(this AppFixture app, DatabaseProvider provider, Guid personId, DateOnly reviewDue, DateOnly budgetStart, bool directPayment = false) =>
        app.QueryAsync(provider, async db =>
        {
            var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse);
            var manager = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthManager);
            var actor = new Actor(nurse.Id, nurse.DisplayName);
            var now = DateTimeOffset.UtcNow.AddDays(-1);

            var plan = SupportPlan.Start(personId, null, null, null, actor, now);
            plan.SetSection(PlanSection.AboutMe, "I live on my own and like gardening", PlanContributor.Person, plan.Revision, actor, now);
            plan.SetSection(PlanSection.WhatMatters, "Being outdoors and seeing my friends", PlanContributor.Person, plan.Revision, actor, now);
            plan.SetSection(PlanSection.Contingency, "Call my sister, then the crisis line", PlanContributor.Practitioner, plan.Revision, actor, now);
            plan.SetOutcomes([OutcomeOne, OutcomeTwo], PlanContributor.Person, plan.Revision, actor, now);
            plan.SaveElement(PlanElement.Create(null, "Cooking sessions at home", ServiceCategory.HomeSupport, "Northmoor Home Support", 20m, UnitType.Hour, 3m,
                budgetStart, null, Deployment.CouncilCommissioned, SpecifiedOutcome.Nutrition), plan.Revision, actor, now);
            if (directPayment)
            {
                plan.SaveElement(PlanElement.Create(null, "Allotment club membership and travel", ServiceCategory.CommunityActivity, "The person", 15m, UnitType.Session, 2m,
                    budgetStart, null, Deployment.DirectPayment, null), plan.Revision, actor, now);
            }

            plan.SetFunding(0m, 0m, null, significantRisk: false, false, plan.Revision, actor, now);
            plan.RecordAgreement(PlanAgreement.Agreed, null, new PersonsPart(Participation.InPerson, null), [], plan.Revision, actor, now);
            plan.Submit([], ServiceStandards.Default.PlanVariancePercent, false, plan.Revision, actor, now);
            var request = ApprovalRequest.Create(plan.Id, plan.Number, personId, nurse.Id, ApprovalRoute.TeamManager, plan.WeeklyCost, PersonalBudgets.Core.Common.UkTime.DateOf(now).AddDays(10), actor, now);
            request.Decide(ApprovalOutcome.Approved, "Meets the eligible needs at a fair cost", null, request.Revision, manager.Id, [Role.TeamManager],
                ServiceStandards.Default.TeamManagerWeeklyLimit, new Actor(manager.Id, manager.DisplayName), now);
            plan.MarkApproved(new Actor(manager.Id, manager.DisplayName), now);
            var budget = PersonalBudget.Create(personId, plan.Id, plan.Number, request.Id, budgetStart, BudgetStatement.Calculate(plan.Elements, 0m, 0m, false), actor, now);

            var episode = PathwayEpisode.Open(personId, budgetStart.AddDays(-60), null, actor, now);
            foreach (var stage in new[] { PathwayStage.NeedsAssessment, PathwayStage.Eligibility, PathwayStage.IndicativeBudget, PathwayStage.SupportPlanning, PathwayStage.Approval, PathwayStage.BudgetInPlace })
            {
                episode.MoveTo(stage, actor, now);
            }

            var step = PathwayStep.Open(episode, PathwayStage.BudgetInPlace, new StaffRef(nurse.Id, nurse.DisplayName, nurse.Profession), reviewDue, budget.Id, actor, now);
            db.SupportPlans.Add(plan);
            db.ApprovalRequests.Add(request);
            db.PersonalBudgets.Add(budget);
            db.PathwayEpisodes.Add(episode);
            db.PathwaySteps.Add(step);
            await db.SaveChangesAsync();
            return new ReviewScenario(personId, plan.Id, budget.Id, episode.Id, step.Id, reviewDue, budgetStart,
                plan.Outcomes.OrderBy(o => o.Order).Select(o => (o.Id, o.Text)).ToList());
        });

    public static DateOnly Today => PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>The person's open pathway step (stage, due date, subject), or null when the pathway has ended.</summary>
    public static Task<PathwayStep?> OpenStepAsync(this AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().Where(s => s.PersonId == personId && s.CompletedAt == null).FirstOrDefaultAsync());

    public static Task<PathwayEpisode> EpisodeAsync(this AppFixture app, DatabaseProvider provider, Guid episodeId) =>
        app.QueryAsync(provider, db => db.PathwayEpisodes.AsNoTracking().SingleAsync(e => e.Id == episodeId));

    public static Task<Review> ReviewAsync(this AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, db => db.Reviews.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.CreatedAt).FirstAsync());

    public static Task<List<SupportPlan>> PlansAsync(this AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, db => db.SupportPlans.AsNoTracking().Where(p => p.PersonId == personId).OrderBy(p => p.Number).ToListAsync());

    public static Task<PersonalBudget> BudgetAsync(this AppFixture app, DatabaseProvider provider, Guid budgetId) =>
        app.QueryAsync(provider, db => db.PersonalBudgets.AsNoTracking().SingleAsync(b => b.Id == budgetId));
}
