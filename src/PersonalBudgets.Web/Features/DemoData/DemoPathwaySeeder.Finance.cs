using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.DemoData;

public sealed partial class DemoPathwaySeeder
{
    /// <summary>The demo people of issue 14's financial assessment (zero-based indexes: NM100030).</summary>
    public static readonly IReadOnlyList<int> FinancePeople = [29];

    // i = 29 (NM100030, South): eligible, plan being written by Grace, of the person's team (about £250 a week); the
    // financial assessment waits for Mark, the finance officer, with the income and capital he has recorded so far
    // (issue 14's demo).
    private void PlanWithFinancialAssessmentWaiting(int i)
    {
        var grace = Staff("ot@northmoor.example");
        var mark = Staff("finance@northmoor.example");
        var p = new Journey(this, i, southTeamId);
        p.Refer(Ago(35), grace, grace, "Referred by the community mental health team after a long period of low mood.");
        var assessment = p.Assess(Ago(32), Ago(18), grace, [SpecifiedOutcome.CommunityFacilities, SpecifiedOutcome.WorkTrainingEducationVolunteering]);
        p.DecideEligibility(assessment, Ago(12), grace);
        var budget = p.GiveIndicativeBudget(assessment, Ago(10), grace, Answers(3, 3, 2, 3, 3, 2, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(10), InPerson, grace, p.PlanDue, null, grace);
        p.StartDraftPlan(budget, grace, Ago(5),
        [
            Element("Personal assistant: getting out and about", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 16m, UnitType.Hour, 12m, Deployment.DirectPayment, SpecifiedOutcome.CommunityFacilities, Today.AddDays(21)),
            Element("Employment support service", ServiceCategory.EmploymentSupport, "Northmoor Works (demo)", 30m, UnitType.Session, 2m, Deployment.CouncilCommissioned, SpecifiedOutcome.WorkTrainingEducationVolunteering, Today.AddDays(21)),
        ]);
        var fa = FinancialAssessment.Start(p.PersonId, section117: false, mark.User.Id, mark.User.DisplayName, Today.AddDays(16), grace.Actor(), Ago(12));
        fa.Record(new FinancialAssessmentInput(FinancialAssessmentType.Full, 0m, MigAgeBand.Aged25ToPensionCreditAge, Household.SinglePerson, 0,
            DisabilityPremium: true, EnhancedDisabilityPremium: false, CarerPremium: false, NightCareArranged: false,
            Capital: [new CapitalItem(CapitalKind.Savings, "Current account", 15_100m, EvidenceSeen: true, Evidence: "Bank statement, last 3 months")],
            Income:
            [
                new IncomeItem(IncomeKind.EmploymentAndSupportAllowance, null, 138.20m, EvidenceSeen: true, Evidence: "DWP award letter"),
                new IncomeItem(IncomeKind.PipDailyLiving, null, 73.90m, EvidenceSeen: true, Evidence: "DWP award letter"),
                new IncomeItem(IncomeKind.PipMobility, null, 29.20m, EvidenceSeen: true, Evidence: "DWP award letter"),
            ],
            Housing: [new HousingCost(HousingCostKind.Rent, 120m, 95m, EvidenceSeen: true, Evidence: "Tenancy agreement and Housing Benefit letter")],
            Dre: [new DreItem(DreKind.Heating, null, 8.50m), new DreItem(DreKind.Laundry, null, 3m)]), fa.Revision);
        database.FinancialAssessments.Add(fa);
    }
}
