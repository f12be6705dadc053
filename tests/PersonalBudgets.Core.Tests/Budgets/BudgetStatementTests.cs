using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;
using static PersonalBudgets.Core.Tests.SupportPlans.PlanBuilder;

namespace PersonalBudgets.Core.Tests.Budgets;

public sealed class BudgetStatementTests
{
    private static readonly PlanElement[] Mixed =
    [
        Element(16m, 10m, Deployment.DirectPayment),
        Element(45m, 2m, Deployment.CouncilCommissioned, description: "Employment support", provider: "Northmoor Works"),
    ];

    [Fact]
    public void Calculate_SplitsTheCostBetweenThePersonTheNhsAndTheCouncil()
    {
        var s = BudgetStatement.Calculate(Mixed, 20m, 30m, section117: false);

        s.WeeklyCost.ShouldBe(250m);
        s.AnnualCost.ShouldBe(13_000m);
        s.ContributionWeekly.ShouldBe(20m);
        s.NhsShareWeekly.ShouldBe(30m);
        s.CouncilShareWeekly.ShouldBe(200m);
        s.ContributionAnnual.ShouldBe(1_040m);
        s.NhsShareAnnual.ShouldBe(1_560m);
        s.CouncilShareAnnual.ShouldBe(10_400m);
        s.WeeklyByDeployment[Deployment.DirectPayment].ShouldBe(160m);
        s.WeeklyByDeployment[Deployment.CouncilCommissioned].ShouldBe(90m);
        s.WeeklyByDeployment[Deployment.CouncilManaged].ShouldBe(0m);
        s.WeeklyByDeployment[Deployment.IndividualServiceFund].ShouldBe(0m);
        s.Section117.ShouldBeFalse();
    }

    [Fact]
    public void Calculate_UnderSection117_TheContributionIsAlwaysZero()
    {
        var s = BudgetStatement.Calculate(Mixed, 300m, 125m, section117: true);

        s.Section117.ShouldBeTrue();
        s.ContributionWeekly.ShouldBe(0m);
        s.ContributionAnnual.ShouldBe(0m);
        s.NhsShareWeekly.ShouldBe(125m);
        s.CouncilShareWeekly.ShouldBe(125m);
    }

    [Fact]
    public void Calculate_MixedDeployments_AreSplitOnThePeakDay()
    {
        var jan = new DateOnly(2027, 1, 1);
        PlanElement[] elements =
        [
            Element(100m, 1m, Deployment.DirectPayment, start: jan, end: new DateOnly(2027, 1, 31)),
            Element(80m, 1m, Deployment.CouncilCommissioned, start: new DateOnly(2027, 1, 15), description: "Day service"),
            Element(50m, 1m, Deployment.IndividualServiceFund, start: new DateOnly(2027, 2, 1), description: "Support at home"),
        ];

        var s = BudgetStatement.Calculate(elements, 0m, 0m, false);

        // 15 to 31 January: £180; from February: £130.
        s.WeeklyCost.ShouldBe(180m);
        s.WeeklyByDeployment[Deployment.DirectPayment].ShouldBe(100m);
        s.WeeklyByDeployment[Deployment.CouncilCommissioned].ShouldBe(80m);
        s.WeeklyByDeployment[Deployment.IndividualServiceFund].ShouldBe(0m);
        s.WeeklyByDeployment.Values.Sum().ShouldBe(s.WeeklyCost);
    }

    [Fact]
    public void Calculate_SharesAboveTheCost_AreRefused()
    {
        var ex = Should.Throw<DomainException>(() => BudgetStatement.Calculate(Mixed, 200m, 50.01m, false));

        ex.ErrorCode.ShouldBe("budget-shares-exceed-cost");
        ex.Message.ShouldBe("The person's contribution (£200.00) and the NHS share (£50.01) are more than the weekly cost (£250.00)");
        Should.NotThrow(() => BudgetStatement.Calculate(Mixed, 200m, 50m, false)).CouncilShareWeekly.ShouldBe(0m);
    }

    [Fact]
    public void Calculate_UnderSection117_AnEnteredContributionDoesNotCountAgainstTheCost() =>
        Should.NotThrow(() => BudgetStatement.Calculate(Mixed, 1000m, 250m, section117: true)).CouncilShareWeekly.ShouldBe(0m);

    [Fact]
    public void Calculate_NegativeShares_AreRefused()
    {
        Should.Throw<DomainException>(() => BudgetStatement.Calculate(Mixed, -1m, 0m, false)).ErrorCode.ShouldBe("budget-negative-share");
        Should.Throw<DomainException>(() => BudgetStatement.Calculate(Mixed, 0m, -0.01m, false)).ErrorCode.ShouldBe("budget-negative-share");
    }

    [Fact]
    public void Calculate_WithNoElements_IsZero()
    {
        var s = BudgetStatement.Calculate([], 0m, 0m, false);

        s.WeeklyCost.ShouldBe(0m);
        s.WeeklyByDeployment.Values.ShouldAllBe(v => v == 0m);
    }

    [Fact]
    public void AnnualShares_AddUpExactlyToTheAnnualCost()
    {
        // £123.45 a week: 52 weeks is £6,419.40; the council's share is what the others leave.
        var s = BudgetStatement.Calculate([Element(123.45m, 1m)], 10.01m, 33.33m, false);

        s.AnnualCost.ShouldBe(6_419.40m);
        s.ContributionAnnual.ShouldBe(520.52m);
        s.NhsShareAnnual.ShouldBe(1_733.16m);
        s.CouncilShareAnnual.ShouldBe(4_165.72m);
        (s.ContributionAnnual + s.NhsShareAnnual + s.CouncilShareAnnual).ShouldBe(s.AnnualCost);
    }

    [Fact]
    public void PersonalBudget_KeepsTheStatementAsApproved()
    {
        var statement = BudgetStatement.Calculate(Mixed, 0m, 125m, true);

        var budget = PersonalBudget.Create(Guid.NewGuid(), Guid.NewGuid(), 1, Guid.NewGuid(), Start, statement, Helen.Actor(), Now);

        budget.Statement.ShouldBeEquivalentTo(statement);
        budget.HasDirectPayment.ShouldBeTrue();
        budget.End(Start.AddDays(-5));
        budget.EndDate.ShouldBe(Start);
        budget.End(Start.AddDays(30));
        budget.EndDate.ShouldBe(Start);
    }
}
