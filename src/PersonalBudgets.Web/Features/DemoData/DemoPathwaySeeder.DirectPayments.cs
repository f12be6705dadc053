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
    /// <summary>The demo people of issue 15's direct payments (zero-based indexes: NM100026 to NM100029), one per state.</summary>
    public static readonly IReadOnlyList<int> DirectPaymentPeople = [25, 26, 27, 28];

    private enum DemoDpState
    {
        BeingSetUp,
        Signed,
        Paid,
        Suspended,
    }

    private void DirectPaymentsDemo()
    {
        DirectPaymentPerson(DirectPaymentPeople[0], DemoDpState.BeingSetUp);
        DirectPaymentPerson(DirectPaymentPeople[1], DemoDpState.Signed);
        DirectPaymentPerson(DirectPaymentPeople[2], DemoDpState.Paid);
        DirectPaymentPerson(DirectPaymentPeople[3], DemoDpState.Suspended);
    }

    // i = 25 to 28 (North): an approved plan with a personal assistant paid by direct payment (budget from 3 weeks ago);
    // the direct payment is being set up by Mark (25), signed and waiting for a run (26), paid by an approved run (27),
    // or paid and then suspended for a hospital stay (28).
    private void DirectPaymentPerson(int i, DemoDpState state)
    {
        var priya = Staff("nurse@northmoor.example");
        var helen = Staff("manager.north@northmoor.example");
        var mark = Staff("finance@northmoor.example");
        var joanna = Staff("financemanager@northmoor.example");
        var start = Today.AddDays(-21);
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(100), priya, priya, "Referred by the community mental health team.");
        var assessment = p.Assess(Ago(97), Ago(80), priya, [SpecifiedOutcome.CommunityFacilities, SpecifiedOutcome.WorkTrainingEducationVolunteering]);
        p.DecideEligibility(assessment, Ago(75), priya);
        var budget = p.GiveIndicativeBudget(assessment, Ago(73), priya, Answers(3, 3, 2, 3, 3, 2, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(73), InPerson, priya, p.PlanDue, null, priya);
        var plan = p.WritePlan(budget, priya, Ago(60), Ago(40),
            ["To get out of the house and meet people", "To start volunteering again"],
            [
                Element("Personal assistant: getting out and about", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 15m, UnitType.Hour, 11m, Deployment.DirectPayment, SpecifiedOutcome.CommunityFacilities, start),
            ],
            contribution: 10m, nhsShare: 0m, varianceReason: null);
        var submitted = Date(Ago(40));
        var due = DueDates.For(PathwayStage.Approval, submitted, Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, p.PersonId, plan.AuthorId, DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit),
            plan.WeeklyCost, due, priya.Actor(), Ago(40));
        p.MoveTo(PathwayStage.Approval, Ago(40), InPerson, helen.Ref(), due, request.Id, priya);
        request.Decide(ApprovalOutcome.Approved, "The plan meets the eligible needs and the person agrees with it.", null,
            request.Revision, helen.User.Id, [Role.TeamManager, Role.Practitioner], Standards.TeamManagerWeeklyLimit, helen.Actor(), Ago(30));
        plan.MarkApproved(helen.Actor(), Ago(30));
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117: false);
        var personalBudget = PersonalBudget.Create(p.PersonId, plan.Id, plan.Number, request.Id, start, statement, helen.Actor(), Ago(30));
        database.ApprovalRequests.Add(request);
        database.PersonalBudgets.Add(personalBudget);
        p.MoveTo(PathwayStage.BudgetInPlace, Ago(30), InPerson, priya.Ref(), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), personalBudget.Id, helen);

        var dp = DirectPayment.Start(p.PersonId, personalBudget.Id, start, personalBudget.DirectPaymentWeekly, personalBudget.ContributionWeekly, mark.User.Id, mark.User.DisplayName,
            DueDates.AddWorkingDays(Date(Ago(30)), 10, Holidays), helen.Actor(), Ago(30));
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
        var account = Core.Monitoring.DirectPaymentAccount.Open(p.PersonId, dp.Id, Core.Monitoring.AccountKind.PrepaidCard, $"PPC-DEMO-{i:0000}", dp.NetWeekly, dp.ContributionWeekly, 4,
            Date(Ago(24)), mark.Actor(), Ago(24));
        database.DirectPaymentAccounts.Add(account);
        database.AccountPayIns.AddRange(payments.Where(payment => payment.Amount > 0).Select(payment => Core.Monitoring.AccountPayIn.Record(account.Id, Date(Ago(21)), payment.Amount, Core.Monitoring.PayInSource.Council,
            $"{run.BatchReference} {payment.Reference}", Date(Ago(21)), joanna.Actor(), Ago(21))));
        if (state == DemoDpState.Suspended)
        {
            dp.Suspend(Date(Ago(5)), null, "In hospital (demo): payments resume when the person comes home", Date(Ago(5)), dp.Revision, mark.Actor(), Ago(5));
        }
    }
}
