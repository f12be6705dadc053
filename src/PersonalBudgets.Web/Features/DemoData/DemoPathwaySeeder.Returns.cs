using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.DemoData;

/// <summary>
/// Demo pathways a year old, so the CLD return and ASCOF 3D for the last ended quarter have something in them (the
/// other demo pathways are all recent): three people whose budgets have been in place for most of a year, one by
/// direct payment (reviewed), one council-managed (aged over 65, reviewed) and one commissioned (no NHS number, which the
/// data-quality report finds; reviewed at the person's request).
/// </summary>
public sealed partial class DemoPathwaySeeder
{
    /// <summary>The demo people (by index in the demo seeder) with a year-old pathway for the returns.</summary>
    public static readonly IReadOnlyList<int> ReturnsPeople = [20, 24, 22];

    private void ReturnsYear()
    {
        YearInPlace(20, "nurse@northmoor.example", northTeamId, Deployment.DirectPayment, ServiceCategory.PersonalAssistant,
            "Personal assistant: getting out, shopping and the gym", 15.50m, UnitType.Hour, 8m,
            (ReviewReason.Scheduled, OutcomeAchieved.Fully, 190));
        YearInPlace(24, "socialworker@northmoor.example", northTeamId, Deployment.CouncilManaged, ServiceCategory.HomeSupport,
            "Support at home with meals and the house, arranged by the council from the budget", 21m, UnitType.Hour, 6m,
            (ReviewReason.Scheduled, OutcomeAchieved.Fully, 200));
        YearInPlace(22, "ot@northmoor.example", southTeamId, Deployment.CouncilCommissioned, ServiceCategory.CommunityActivity,
            "Day service: art and music groups", 60m, UnitType.Day, 1m,
            (ReviewReason.RequestedByPerson, OutcomeAchieved.Partly, 150));
    }

    /// <summary>
    /// A pathway from referral about 11 months ago to a budget in place since about 8 months ago, by one deployment,
    /// with one completed review when given (how long ago, in days), and the next review due in the months ahead.
    /// </summary>
    private void YearInPlace(int i, string workerEmail, Guid teamId, Deployment deployment, ServiceCategory category, string description,
        decimal unitCost, UnitType unit, decimal unitsPerWeek, (ReviewReason Reason, OutcomeAchieved Achieved, int DaysAgo)? review)
    {
        var worker = Staff(workerEmail);
        var manager = Staff(teamId == southTeamId ? "manager.south@northmoor.example" : "manager.north@northmoor.example");
        var start = Today.AddDays(-250);
        var p = new Journey(this, i, teamId);
        p.Refer(Ago(330), worker, worker, "Referred by the community mental health team after a long admission.");
        var assessment = p.Assess(Ago(326), Ago(305), worker, [SpecifiedOutcome.Nutrition, SpecifiedOutcome.CommunityFacilities]);
        p.DecideEligibility(assessment, Ago(300), worker);
        var indicative = p.GiveIndicativeBudget(assessment, Ago(298), worker, Answers(3, 3, 2, 3, 3, 2, 1),
            deployment == Deployment.DirectPayment ? OfferResponse.InterestedInDirectPayment : OfferResponse.PrefersCouncilArranged);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(298), InPerson, worker, p.PlanDue, null, worker);
        var plan = p.WritePlan(indicative, worker, Ago(290), Ago(270),
            ["To eat well and keep to a routine", "To get out to the places I used to enjoy"],
            [
                Element(description, category, deployment == Deployment.DirectPayment ? "Personal assistant employed by the person" : "Northmoor Community Support (demo)",
                    unitCost, unit, unitsPerWeek, deployment, SpecifiedOutcome.Nutrition, start),
                Element("Community group once a week", ServiceCategory.CommunityActivity, "Northmoor Day Opportunities (demo)", 25m, UnitType.Session, 1m,
                    deployment, SpecifiedOutcome.CommunityFacilities, start),
            ],
            contribution: deployment == Deployment.CouncilManaged ? 20m : 0m, nhsShare: 0m,
            varianceReason: "The plan costs what the person's support needs; the difference from the indicative amount was agreed with the team manager.");
        var due = DueDates.For(PathwayStage.Approval, Date(Ago(270)), Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, p.PersonId, plan.AuthorId, ApprovalRoute.TeamManager, plan.WeeklyCost, due, worker.Actor(), Ago(270));
        p.MoveTo(PathwayStage.Approval, Ago(270), InPerson, manager.Ref(), due, request.Id, worker);
        request.Decide(ApprovalOutcome.Approved, "The plan meets the eligible needs and the person agrees with it.", null,
            request.Revision, manager.User.Id, [Role.TeamManager, Role.Practitioner], Standards.TeamManagerWeeklyLimit, manager.Actor(), Ago(262));
        plan.MarkApproved(manager.Actor(), Ago(262));
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117: false);
        var personalBudget = PersonalBudget.Create(p.PersonId, plan.Id, plan.Number, request.Id, start, statement, manager.Actor(), Ago(262));
        database.ApprovalRequests.Add(request);
        database.PersonalBudgets.Add(personalBudget);
        p.MoveTo(PathwayStage.BudgetInPlace, Ago(262), InPerson, worker.Ref(), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), personalBudget.Id, manager);

        if (review is { } r)
        {
            var opened = Ago(r.DaysAgo + 7);
            var done = Ago(r.DaysAgo);
            var actor = worker.Actor();
            var held = Review.Open(p.PersonId, null, plan.Id, personalBudget.Id, plan.Outcomes.Select(o => (o.Id, o.Text)), r.Reason,
                r.Reason == ReviewReason.Scheduled ? null : "Asked to look again at the day service days", Date(opened), actor, opened, InPerson);
            p.MoveTo(PathwayStage.Review, opened, InPerson, worker.Ref(), Date(opened).AddDays(14), held.Id, worker);
            foreach (var o in plan.Outcomes)
            {
                held.RecordOutcome(o.Id, r.Achieved, "Going well most weeks", held.Revision, actor, done);
            }

            held.RecordFindings(InPerson, [], "The support is regular and I get out more", "Nothing much", deployment == Deployment.DirectPayment ? true : null,
                plan.HasDirectPayment, held.Revision, actor, done);
            held.Complete(ReviewDecision.Continue, null, held.Revision, actor, done);
            database.Reviews.Add(held);
            p.MoveTo(PathwayStage.BudgetInPlace, done, InPerson, worker.Ref(), Date(done).AddDays(365), personalBudget.Id, worker);
        }
    }
}
