using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.DemoData;

public sealed partial class DemoPathwaySeeder
{
    /// <summary>
    /// The demo people of issue 15's direct payments, one per state (zero-based indexes: NM100026 to NM100029, and NM100018
    /// in the South team, whose direct payment has ended).
    /// </summary>
    public static readonly IReadOnlyList<int> DirectPaymentPeople = [25, 26, 27, 28, 17];

    /// <summary>The reason the demo's ended direct payment gives (NM100018).</summary>
    public const string EndedDirectPaymentReason = "The person chose to have the council arrange the support instead (demo): it meets the needs from the day after";

    private enum DemoDpState
    {
        BeingSetUp,
        Signed,
        Paid,
        Suspended,
        Ended,
    }

    private void DirectPaymentsDemo()
    {
        DirectPaymentPerson(DirectPaymentPeople[0], DemoDpState.BeingSetUp);
        DirectPaymentPerson(DirectPaymentPeople[1], DemoDpState.Signed);
        DirectPaymentPerson(DirectPaymentPeople[2], DemoDpState.Paid);
        DirectPaymentPerson(DirectPaymentPeople[3], DemoDpState.Suspended);
        DirectPaymentPerson(DirectPaymentPeople[4], DemoDpState.Ended);
    }

    // i = 25 to 27 (North) and 28 (South): an approved plan with a personal assistant paid by direct payment (budget from
    // 3 weeks ago), written by a practitioner of the person's team (Priya; Grace in South) and approved by its manager
    // (Helen; David); the direct payment is being set up by Mark (25), signed and waiting for a run (26), paid by an
    // approved run (27), or paid and then suspended for a hospital stay (28). i = 17 (South): paid, then ended with a reason and
    // notice given (the person chose council-arranged support).
    private void DirectPaymentPerson(int i, DemoDpState state)
    {
        var south = i % 10 >= 6;
        var worker = Staff(south ? "ot@northmoor.example" : "nurse@northmoor.example");
        var manager = Staff(south ? "manager.south@northmoor.example" : "manager.north@northmoor.example");
        var mark = Staff("finance@northmoor.example");
        var joanna = Staff("financemanager@northmoor.example");
        var start = Today.AddDays(-21);
        var p = new Journey(this, i, south ? southTeamId : northTeamId);
        p.Refer(Ago(100), worker, worker, "Referred by the community mental health team.");
        var assessment = p.Assess(Ago(97), Ago(80), worker, [SpecifiedOutcome.CommunityFacilities, SpecifiedOutcome.WorkTrainingEducationVolunteering]);
        p.DecideEligibility(assessment, Ago(75), worker);
        var budget = p.GiveIndicativeBudget(assessment, Ago(73), worker, Answers(3, 3, 2, 3, 3, 2, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(73), InPerson, worker, p.PlanDue, null, worker);
        var plan = p.WritePlan(budget, worker, Ago(60), Ago(40),
            ["To get out of the house and meet people", "To start volunteering again"],
            [
                Element("Personal assistant: getting out and about", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 15m, UnitType.Hour, 11m, Deployment.DirectPayment, SpecifiedOutcome.CommunityFacilities, start),
            ],
            contribution: 10m, nhsShare: 0m, varianceReason: null);
        var submitted = Date(Ago(40));
        var due = DueDates.For(PathwayStage.Approval, submitted, Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, p.PersonId, plan.AuthorId, DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit),
            plan.WeeklyCost, due, worker.Actor(), Ago(40));
        p.MoveTo(PathwayStage.Approval, Ago(40), InPerson, manager.Ref(), due, request.Id, worker);
        request.Decide(ApprovalOutcome.Approved, "The plan meets the eligible needs and the person agrees with it.", null,
            request.Revision, manager.User.Id, [Role.TeamManager, Role.Practitioner], Standards.TeamManagerWeeklyLimit, manager.Actor(), Ago(30));
        plan.MarkApproved(manager.Actor(), Ago(30));
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117: false);
        var personalBudget = PersonalBudget.Create(p.PersonId, plan.Id, plan.Number, request.Id, start, statement, manager.Actor(), Ago(30));
        database.ApprovalRequests.Add(request);
        database.PersonalBudgets.Add(personalBudget);
        p.MoveTo(PathwayStage.BudgetInPlace, Ago(30), InPerson, worker.Ref(), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), personalBudget.Id, manager);

        var dp = DirectPayment.Start(p.PersonId, personalBudget.Id, start, personalBudget.DirectPaymentWeekly, personalBudget.ContributionWeekly, mark.User.Id, mark.User.DisplayName,
            DueDates.AddWorkingDays(Date(Ago(30)), 10, Holidays), manager.Actor(), Ago(30));
        database.DirectPayments.Add(dp);
        if (state == DemoDpState.BeingSetUp)
        {
            return;
        }

        dp.Record(new DirectPaymentSetUp(RecipientKind.Person, null, null, null, null, null, true, true, "Capacity for this decision assessed with the person",
            false, null, AccountKind.PrepaidCard, "Northmoor prepaid card (demo)", "309457", $"{10_000_000 + i}", true, true, true, PaymentFrequency.FourWeekly, start, null, null),
            dp.Revision, mark.Actor(), Ago(25));
        dp.RecordSignature(Date(Ago(22)), dp.Revision, Date(Ago(22)), mark.Actor(), Ago(22));
        if (state == DemoDpState.Signed)
        {
            return;
        }

        var run = PaymentRun.Create(Date(Ago(21)), mark.Actor(), Ago(21));
        var payments = PaymentSchedule.Due(dp.Terms(), null, 0m, Date(Ago(21)))
            .Select(period => Payment.Propose(run.Id, PayableSource.DirectPayment, dp.Id, dp.Reference, p.PersonId, dp.AccountName!, period)).ToList();
        run.Include(payments);
        run.Approve(payments, new Dictionary<Guid, BankDetails> { [dp.Id] = new(dp.AccountName!, dp.SortCode!, dp.AccountNumber!) }, joanna.Actor(), Ago(21));
        database.PaymentRuns.Add(run);
        database.Payments.AddRange(payments);

        // The agreement's prepaid card account is monitored (ADR 0038): the run's payments are paid into it.
        var account = Core.Monitoring.DirectPaymentAccount.Open(p.PersonId, dp.Id, Core.Monitoring.AccountKind.PrepaidCard, $"PPC-DEMO-DP-{i + 1:0000}", dp.NetWeekly, dp.ContributionWeekly, 4,
            Date(Ago(24)), mark.Actor(), Ago(24));
        database.DirectPaymentAccounts.Add(account);
        database.AccountPayIns.AddRange(payments.Where(payment => payment.Amount > 0).Select(payment => Core.Monitoring.AccountPayIn.Record(account.Id, Date(Ago(21)), payment.Amount, Core.Monitoring.PayInSource.Council,
            $"{run.BatchReference} {payment.Reference}", Date(Ago(21)), joanna.Actor(), Ago(21))));
        if (state == DemoDpState.Suspended)
        {
            dp.Suspend(Date(Ago(5)), null, "In hospital (demo): payments resume when the person comes home", Date(Ago(5)), dp.Revision, mark.Actor(), Ago(5));
        }
        else if (state == DemoDpState.Ended)
        {
            // Notice given ten days ago; the last day paid is the last day of the period the run paid.
            dp.End(payments.Max(x => x.LastDay), EndedDirectPaymentReason, Date(Ago(10)), dp.Revision, mark.Actor(), Ago(10));
        }
    }
}
