using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.DemoData;

public sealed partial class DemoPathwaySeeder
{
    /// <summary>The demo people of issue 15's providers and monitoring (zero-based indexes: NM100016 and NM100017); only the first has a pathway.</summary>
    public static readonly IReadOnlyList<int> ProviderPeople = [15, 16];

    // Providers with rates; i = 15 (NM100016): an approved plan with an individual service fund (Northmoor Home Care) and a
    // council-commissioned day service (the fund with a recorded change to the provider's new rate), and an invoice that
    // bills more hours than planned; i = 16 (NM100017): a prepaid card
    // account with an imported statement whose balance raised a surplus flag for Mark, the finance officer.
    private void ProvidersAndMonitoring()
    {
        var priya = Staff("nurse@northmoor.example");
        var helen = Staff("manager.north@northmoor.example");
        var mark = Staff("finance@northmoor.example");
        var rateFrom = Today.AddDays(-365);
        var homeCare = Provider.Create(new ProviderDetails("Northmoor Home Care (demo)", "1-101000001", ProviderType.HomeCare, "Jo Patel", "office@homecare.example", "0113 496 0001"), mark.Actor(), Ago(200));
        homeCare.AddRate("Home support", RateUnit.Hour, 24.50m, rateFrom, homeCare.Revision, mark.Actor(), Ago(200));
        homeCare.AddRate("Home support", RateUnit.Hour, 25.80m, Today.AddDays(-30), homeCare.Revision, mark.Actor(), Ago(40));
        homeCare.SetBankDetails("30-94-30", "00733445", "Northmoor Home Care Ltd", homeCare.Revision, mark.Actor(), Ago(200));
        var day = Provider.Create(new ProviderDetails("Moorside Day Opportunities (demo)", "1-101000002", ProviderType.DayOpportunities, "Sam Lee", "hello@moorside.example", null), mark.Actor(), Ago(200));
        day.AddRate("Day session", RateUnit.Session, 42m, rateFrom, day.Revision, mark.Actor(), Ago(200));
        // Bank details, so the next payment run pays the approved invoice MDO-118 (ADR 0037); Hillview has none recorded.
        day.SetBankDetails("20-00-00", "55779911", "Moorside Day Opportunities CIC", day.Revision, mark.Actor(), Ago(200));
        var living = Provider.Create(new ProviderDetails("Hillview Supported Living (demo)", "1-101000003", ProviderType.SupportedLiving, null, "team@hillview.example", "0113 496 0003"), mark.Actor(), Ago(200));
        living.AddRate("Support", RateUnit.Week, 650m, rateFrom, living.Revision, mark.Actor(), Ago(200));
        database.Providers.AddRange(homeCare, day, living);

        // i = 15: the plan approved 60 days ago, support from 56 days ago.
        var start = Today.AddDays(-56);
        var p = new Journey(this, ProviderPeople[0], northTeamId);
        p.Refer(Ago(120), priya, priya, "Referred after a hospital stay: needs help with meals and getting out.");
        var assessment = p.Assess(Ago(115), Ago(100), priya, [SpecifiedOutcome.Nutrition, SpecifiedOutcome.CommunityFacilities]);
        p.DecideEligibility(assessment, Ago(95), priya);
        var budget = p.GiveIndicativeBudget(assessment, Ago(93), priya, Answers(3, 3, 3, 2, 3, 2, 1), OfferResponse.Declined);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(93), InPerson, priya, p.PlanDue, null, priya);
        var plan = p.WritePlan(budget, priya, Ago(80), Ago(64),
            ["To eat a hot meal every day", "To get out to the day centre twice a week"],
            [
                Element("Help with meals at home", ServiceCategory.HomeSupport, "Northmoor Home Care (demo)", 24.50m, UnitType.Hour, 7m, Deployment.IndividualServiceFund, SpecifiedOutcome.Nutrition, start),
                Element("Day centre", ServiceCategory.CommunityActivity, "Moorside Day Opportunities (demo)", 42m, UnitType.Session, 2m, Deployment.CouncilCommissioned, SpecifiedOutcome.CommunityFacilities, start),
            ],
            contribution: 0m, nhsShare: 0m, varianceReason: "Agreed with the person after the assessment", section117: false);
        var submitted = Date(Ago(64));
        var due = DueDates.For(PathwayStage.Approval, submitted, Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, p.PersonId, plan.AuthorId, DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit),
            plan.WeeklyCost, due, priya.Actor(), Ago(64));
        p.MoveTo(PathwayStage.Approval, Ago(64), InPerson, helen.Ref(), due, request.Id, priya);
        request.Decide(ApprovalOutcome.Approved, "The plan meets the eligible needs and is within the team manager's limit.", null,
            request.Revision, helen.User.Id, [Role.TeamManager, Role.Practitioner], Standards.TeamManagerWeeklyLimit, helen.Actor(), Ago(60));
        plan.MarkApproved(helen.Actor(), Ago(60));
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117: false);
        var personalBudget = PersonalBudget.Create(p.PersonId, plan.Id, plan.Number, request.Id, start, statement, helen.Actor(), Ago(60));
        database.ApprovalRequests.Add(request);
        database.PersonalBudgets.Add(personalBudget);
        p.MoveTo(PathwayStage.BudgetInPlace, Ago(60), InPerson, priya.Ref(), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), personalBudget.Id, helen);

        var isf = CommissionedService.Create(plan, plan.Elements[0].Id, homeCare, "Home support", 7m, start, null, mark.Actor(), Ago(59));
        var dayService = CommissionedService.Create(plan, plan.Elements[1].Id, day, "Day session", 2m, start, null, mark.Actor(), Ago(59));
        // The provider's new rate from 30 days ago is recorded on the fund, so its history shows a change (ADR 0040).
        isf.ChangeFrom(Today.AddDays(-30), null, null, "Northmoor Home Care's new rate for home support", homeCare, mark.Actor(), Ago(29));
        database.CommissionedServices.AddRange(isf, dayService);
        // Four weeks of home support billed as 32 hours (28 planned) at the new rate (the agreed one is £24.50).
        var invoice = Invoice.Record(homeCare.Id, "NHC-2041", start, start.AddDays(27),
            [new InvoiceLineInput(isf.Id, "Home support, 4 weeks", 32m, 25.80m), new InvoiceLineInput(null, "Missed-visit call-out", 1m, 15m)], mark.Actor(), Ago(20));
        var matched = Invoice.Record(day.Id, "MDO-118", start, start.AddDays(27), [new InvoiceLineInput(dayService.Id, "Day centre, 8 sessions", 8m, 42m)], mark.Actor(), Ago(20));
        matched.Approve(InvoiceMatching.Match(day.Id, start, start.AddDays(27), matched.Lines, [dayService]), null, matched.Revision, mark.Actor(), Ago(19));
        database.Invoices.AddRange(invoice, matched);

        // i = 16: a prepaid card of £120 a week net; the statement's balance is £1,320, 11 weeks of payments.
        var account = DirectPaymentAccount.Open(PersonId(ProviderPeople[1]), AccountKind.PrepaidCard, "PPC-DEMO-0017", 120m, 0m, 4, Today.AddDays(-180), mark.Actor(), Ago(179)); // 179 days ago: 180 UK days back is 181 in UTC across a clock change
        database.DirectPaymentAccounts.Add(account);
        var csv = "Date,Description,Amount,Balance,Merchant category\n"
            + $"{Today.AddDays(-40):yyyy-MM-dd},Council payment,480.00,1270.00,\n"
            + $"{Today.AddDays(-30):yyyy-MM-dd},Swimming pool,-12.50,1257.50,Sports clubs\n"
            + $"{Today.AddDays(-12):yyyy-MM-dd},Council payment,480.00,1737.50,\n"
            + $"{Today.AddDays(-10):yyyy-MM-dd},Personal assistant wages,-400.00,1337.50,Employment agencies\n"
            + $"{Today.AddDays(-5):yyyy-MM-dd},Art materials,-17.50,1320.00,Art supplies\n";
        var parsed = StatementCsv.Parse(csv);
        var import = StatementImport.Create(account.Id, parsed.FileHash, "statement-demo.csv", parsed.Rows.Count, parsed.Rows.Count, mark.Actor(), Ago(2));
        database.StatementImports.Add(import);
        database.StatementLines.AddRange(parsed.Rows.Select(r => StatementLine.From(account.Id, import.Id, r)));
        // Paid in every four weeks since the card opened (the last two are on the statement), so that what was paid in
        // (£3,360) covers the balance held (£1,320) and what was spent before the statement began.
        for (var daysAgo = 180; daysAgo >= 12; daysAgo -= 28)
        {
            database.AccountPayIns.Add(AccountPayIn.Record(account.Id, Today.AddDays(-daysAgo), 480m, PayInSource.Council, "DP run (demo)", Today, mark.Actor(), Ago(daysAgo)));
        }

        var position = new AccountPosition(account.OpenedOn, account.WeeklyNetPayment, 0m, 1320m, Today.AddDays(-5),
            parsed.Rows.Select(r => new Transaction(r.Date, r.Amount, r.MerchantCategory)).ToList(), [], []);
        foreach (var finding in MonitoringRules.Evaluate(position, Today, new MonitoringSettings()))
        {
            database.MonitoringFlags.Add(MonitoringFlag.Raise(account, finding, new StaffOwner(mark.User.Id, mark.User.DisplayName), Date(Ago(2)), 14));
        }
    }
}
