using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>The person's state before planning, and plans, arranged straight through the domain.</summary>
public static class PlanArrange
{
    /// <summary>The two eligible needs <see cref="BudgetArrange.DecideEligibilityAsync"/> records: the first two specified outcomes.</summary>
    public static readonly SpecifiedOutcome[] EligibleNeeds = Enum.GetValues<SpecifiedOutcome>()[..2];

    public sealed record Ready(Guid PersonId, Guid BudgetId, decimal IndicativeWeekly, Guid EpisodeId, Guid StepId);

    /// <summary>
    /// Eligible, with an indicative budget (optionally revised by an upheld challenge) and a pathway episode open at
    /// support planning, owned by the nurse.
    /// </summary>
    public static async Task<Ready> ReadyForPlanningAsync(this AppFixture app, DatabaseProvider provider, Guid personId, decimal? revisedWeekly = null, bool pathway = true)
    {
        await app.DecideEligibilityAsync(provider, personId, eligible: true);
        return await app.QueryAsync(provider, async db =>
        {
            var (actor, now) = await NurseAsync(db);
            var ras = await db.RasVersions.AsNoTracking().SingleAsync(v => v.Kind == RasKind.Adult && v.Status == RasVersionStatus.Published);
            var budget = IndicativeBudget.Calculate(personId, null, ras, BudgetArrange.AnswerDictionary(ras.Definition, 1), CompletedWith.PractitionerWithPerson, actor, now);
            db.IndicativeBudgets.Add(budget);
            var weekly = budget.WeeklyAmount;
            if (revisedWeekly is { } revised)
            {
                var challenge = BudgetChallenge.Raise(budget, "Too low", actor, now);
                challenge.Decide(ChallengeOutcome.Upheld, "Night support was missed", revised, challenge.Revision, actor, now.AddMinutes(1));
                db.BudgetChallenges.Add(challenge);
                weekly = revised;
            }

            Guid episodeId = Guid.Empty, stepId = Guid.Empty;
            if (pathway)
            {
                var today = PersonalBudgets.Core.Common.UkTime.DateOf(now);
                var episode = PathwayEpisode.Open(personId, today.AddDays(-20), null, actor, now.AddDays(-20), PathwayStage.NeedsAssessment);
                episode.MoveTo(PathwayStage.Eligibility, actor, now);
                episode.MoveTo(PathwayStage.IndicativeBudget, actor, now);
                episode.MoveTo(PathwayStage.SupportPlanning, actor, now);
                var step = PathwayStep.Open(episode, PathwayStage.SupportPlanning, new StaffRef(actor.UserId, actor.DisplayName, Core.Staff.Profession.Nurse), today.AddDays(28), null, actor, now);
                db.PathwayEpisodes.Add(episode);
                db.PathwaySteps.Add(step);
                (episodeId, stepId) = (episode.Id, step.Id);
            }

            await db.SaveChangesAsync();
            return new Ready(personId, budget.Id, weekly, episodeId, stepId);
        });
    }

    /// <summary>A draft plan for the person (who must be ready for planning), through the domain.</summary>
    public static Task<Guid> DraftAsync(this AppFixture app, DatabaseProvider provider, Ready ready) => app.QueryAsync(provider, async db =>
    {
        var (actor, now) = await NurseAsync(db);
        var plan = SupportPlan.Start(ready.PersonId, ready.EpisodeId == Guid.Empty ? null : ready.EpisodeId, ready.BudgetId, ready.IndicativeWeekly, actor, now);
        db.SupportPlans.Add(plan);
        if (ready.StepId != Guid.Empty)
        {
            (await db.PathwaySteps.SingleAsync(s => s.Id == ready.StepId)).AttachSubject(plan.Id);
        }

        await db.SaveChangesAsync();
        return plan.Id;
    });

    /// <summary>
    /// Writes every part of the plan, with one element costing <paramref name="weekly"/> a week (as 1 week at that price,
    /// paid by direct payment), a reason for any variance and the person's agreement: ready to submit. With
    /// <paramref name="significantRisk"/> null the funding is left unanswered.
    /// </summary>
    public static Task<bool> CompleteAsync(this AppFixture app, DatabaseProvider provider, Guid planId, decimal weekly, bool? significantRisk = false) =>
        app.QueryAsync(provider, async db =>
        {
            var (actor, now) = await NurseAsync(db);
            var plan = await db.SupportPlans.SingleAsync(p => p.Id == planId);
            plan.SetSection(PlanSection.AboutMe, "I live with my cat and love gardening", PlanContributor.Person, plan.Revision, actor, now);
            plan.SetSection(PlanSection.WhatMatters, "Getting back to my allotment", PlanContributor.Person, plan.Revision, actor, now);
            plan.SetSection(PlanSection.Contingency, "Call my sister, then the crisis line", PlanContributor.Practitioner, plan.Revision, actor, now);
            plan.SetOutcomes(["Go to the allotment twice a week", "Cook for myself"], PlanContributor.Person, plan.Revision, actor, now);
            foreach (var need in EligibleNeeds)
            {
                plan.SetNeed(need, $"Support with {need}", PlanContributor.Practitioner, plan.Revision, actor, now);
            }

            var start = PersonalBudgets.Core.Common.UkTime.DateOf(now).AddDays(7);
            plan.SaveElement(PlanElement.Create(null, "Personal assistant for the allotment", ServiceCategory.PersonalAssistant, "Jo Bloggs (PA)", weekly, UnitType.Week, 1m, start, null,
                Deployment.DirectPayment, EligibleNeeds[0]), plan.Revision, actor, now);
            if (significantRisk is not null)
            {
                plan.SetFunding(0m, 0m, "Agreed with the person after the assessment", significantRisk, false, plan.Revision, actor, now);
            }

            plan.RecordAgreement(PlanAgreement.Agreed, "This is my plan", new PersonsPart(Participation.InPerson, null), [], plan.Revision, actor, now);
            await db.SaveChangesAsync();
            return true;
        });

    /// <summary>Marks a plan approved, as the approval feature would.</summary>
    public static Task<bool> ApproveAsync(this AppFixture app, DatabaseProvider provider, Guid planId) => app.QueryAsync(provider, async db =>
    {
        var (actor, now) = await NurseAsync(db);
        var plan = await db.SupportPlans.SingleAsync(p => p.Id == planId);
        if (plan.Status == PlanStatus.Draft)
        {
            plan.Submit(EligibleNeeds.Select(EligibleNeed.Of).ToList(), 100, false, plan.Revision, actor, now);
        }

        plan.MarkApproved(actor, now);
        await db.SaveChangesAsync();
        return true;
    });

    public static Task<SupportPlan> PlanAsync(this AppFixture app, DatabaseProvider provider, Guid planId) =>
        app.QueryAsync(provider, db => db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == planId));

    public static Task<bool> MakeSection117Async(this AppFixture app, DatabaseProvider provider, Guid personId) => app.QueryAsync(provider, async db =>
    {
        var person = await db.People.SingleAsync(p => p.Id == personId);
        db.Entry(person).Property(p => p.Section117Eligible).CurrentValue = true;
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>The antiforgery token every page carries (in the sign-out form), for posting a form the page does not show.</summary>
    public static KeyValuePair<string, string> Token(HtmlPage page) =>
        new("__RequestVerificationToken", page.Document.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull().GetAttribute("value")!);

    private static async Task<(Actor Actor, DateTimeOffset Now)> NurseAsync(PersonalBudgetsDbContext db)
    {
        var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse);
        return (new Actor(nurse.Id, nurse.DisplayName), DateTimeOffset.UtcNow);
    }
}
