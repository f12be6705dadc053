using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Carers;

/// <summary>What <see cref="CarerArrange"/> put in place: the cared-for person, the carer's assessment and the carer's own record.</summary>
public sealed record CarerScenario(TestPerson CaredFor, Guid AssessmentId, Guid CarerId, string CarerName);

/// <summary>A carer's budget in place on their own record: the approved plan, the budget and the open step.</summary>
public sealed record CarerBudgetScenario(CarerScenario Carer, Guid PlanId, Guid BudgetId, DateOnly ReviewDue, IReadOnlyList<(Guid Id, string Text)> Outcomes);

/// <summary>
/// Arranges the carer's route (ADR 21): an eligible carer's assessment on a North person's record, the carer's own
/// record started through the API as a practitioner would, and (for reviews) an approved carer's plan and budget.
/// </summary>
public static class CarerArrange
{
    public const string OutcomeOne = "To go to my choir every Thursday evening";
    public const string OutcomeTwo = "To sleep through the night twice a week";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An eligible carer (health at risk, unable to engage in recreation) with their own record and pathway.</summary>
    public static async Task<CarerScenario> EligibleCarerWithOwnRecordAsync(this AppFixture app, DatabaseProvider provider)
    {
        var caredFor = await app.NewNorthPersonAsync(provider);
        var carerName = "Jo Carerson" + TestData.UniqueLetters();
        var assessmentId = await app.CarerAsync(provider, caredFor.Id, carerName, healthAtRisk: true, CarerOutcome.Recreation);
        (await app.DecideAsync(provider, assessmentId)).ShouldBeTrue();
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var started = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/carer-pathway", new
        {
            legalFirstName = "Jo", legalLastName = carerName[3..], dateOfBirth = "1961-04-12", personIdentifier = $"C-{Guid.NewGuid():N}"[..12], postcode = "NM1 1AB",
        }, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync(Ct));
        var carerId = (await started.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("carerPersonId").GetGuid();
        return new CarerScenario(caredFor, assessmentId, carerId, carerName);
    }

    /// <summary>
    /// Moves the carer's pathway on from the indicative budget to a budget in place, through an approved carer's plan
    /// (a sitter for the person cared for, paid by <paramref name="directPayment"/> or commissioned), straight through
    /// the domain as the plan and approval pages would leave it. The first review is due on <paramref name="reviewDue"/>.
    /// </summary>
    public static async Task<CarerBudgetScenario> CarerBudgetInPlaceAsync(this AppFixture app, DatabaseProvider provider, DateOnly reviewDue, bool directPayment = true)
    {
        var carer = await app.EligibleCarerWithOwnRecordAsync(provider);
        return await app.QueryAsync(provider, async db =>
        {
            var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse);
            var manager = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthManager);
            var actor = new Actor(nurse.Id, nurse.DisplayName);
            var managerActor = new Actor(manager.Id, manager.DisplayName);
            var now = DateTimeOffset.UtcNow.AddDays(-1);
            var start = UkTime.DateOf(now).AddDays(-40);
            var part = new PersonsPart(Participation.InPerson, null);
            var needs = new[] { EligibleNeed.CarerHealth, EligibleNeed.Of(CarerOutcome.Recreation) };

            var episode = await db.PathwayEpisodes.SingleAsync(e => e.PersonId == carer.CarerId && e.EndedAt == null);
            var step = await db.PathwaySteps.SingleAsync(s => s.PersonId == carer.CarerId && s.CompletedAt == null);

            var plan = SupportPlan.Start(carer.CarerId, episode.Id, null, null, actor, now);
            plan.SetSection(PlanSection.AboutMe, "I look after my son every evening", PlanContributor.Person, plan.Revision, actor, now);
            plan.SetSection(PlanSection.WhatMatters, "Singing, and some sleep", PlanContributor.Person, plan.Revision, actor, now);
            plan.SetSection(PlanSection.Contingency, "If my son is unwell the sitter comes another evening", PlanContributor.Person, plan.Revision, actor, now);
            plan.SetOutcomes([OutcomeOne, OutcomeTwo], PlanContributor.Person, plan.Revision, actor, now);
            plan.SaveElement(PlanElement.Create(null, "Sitter for my son on Thursday evenings", ServiceCategory.SupportToCaredForPerson, "Northmoor Sitters", 18m, UnitType.Hour, 3m,
                start, null, directPayment ? Deployment.DirectPayment : Deployment.CouncilCommissioned, EligibleNeed.Of(CarerOutcome.Recreation)), plan.Revision, actor, now);
            foreach (var need in needs)
            {
                plan.SetNeed(need, "The Thursday sitter, and a night's sleep", PlanContributor.Person, plan.Revision, actor, now);
            }

            plan.SetFunding(0m, 0m, null, significantRisk: false, false, plan.Revision, actor, now);
            plan.RecordAgreement(PlanAgreement.Agreed, null, part, [], plan.Revision, actor, now);
            plan.Submit(needs, ServiceStandards.Default.PlanVariancePercent, false, plan.Revision, actor, now);
            var request = ApprovalRequest.Create(plan.Id, plan.Number, carer.CarerId, nurse.Id, ApprovalRoute.TeamManager, plan.WeeklyCost, UkTime.DateOf(now).AddDays(10), actor, now);
            request.Decide(ApprovalOutcome.Approved, "Meets the carer's eligible needs", null, request.Revision, manager.Id, [Role.TeamManager],
                ServiceStandards.Default.TeamManagerWeeklyLimit, managerActor, now);
            plan.MarkApproved(managerActor, now);
            var budget = PersonalBudget.Create(carer.CarerId, plan.Id, plan.Number, request.Id, start, BudgetStatement.Calculate(plan.Elements, 0m, 0m, false), managerActor, now);

            step.Complete(part, null, actor, now);
            foreach (var stage in new[] { PathwayStage.SupportPlanning, PathwayStage.Approval, PathwayStage.BudgetInPlace })
            {
                episode.MoveTo(stage, actor, now);
            }

            db.PathwaySteps.Add(PathwayStep.Open(episode, PathwayStage.BudgetInPlace, new StaffRef(nurse.Id, nurse.DisplayName, nurse.Profession), reviewDue, budget.Id, actor, now));
            db.SupportPlans.Add(plan);
            db.ApprovalRequests.Add(request);
            db.PersonalBudgets.Add(budget);
            await db.SaveChangesAsync();
            return new CarerBudgetScenario(carer, plan.Id, budget.Id, reviewDue, plan.Outcomes.OrderBy(o => o.Order).Select(o => (o.Id, o.Text)).ToList());
        });
    }
}
