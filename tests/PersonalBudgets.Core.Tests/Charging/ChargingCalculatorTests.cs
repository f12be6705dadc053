using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Charging;

/// <summary>The charging arithmetic against the 2025 to 2026 example policy: MIG bands, premiums, children, capital limits and tariff, housing, DRE, caps, types.</summary>
public sealed class ChargingCalculatorTests
{
    private static readonly ChargingPolicyDefinition Policy = ExampleChargingPolicies.For2025To2026;

    /// <summary>A policy with no minimum charge, so small contributions show through.</summary>
    private static readonly ChargingPolicyDefinition NoMinimum = Policy with { MinimumCharge = 0m };

    private static FinancialAssessmentInput Full(decimal income = 0m, decimal capital = 0m, decimal cost = 1000m, MigAgeBand band = MigAgeBand.Aged25ToPensionCreditAge,
        Household household = Household.SinglePerson, int children = 0, bool dp = false, bool edp = false, bool carer = false) =>
        new(FinancialAssessmentType.Full, cost, band, household, children, dp, edp, carer,
            Capital: capital > 0 ? [new CapitalItem(CapitalKind.Savings, null, capital)] : [],
            Income: income > 0 ? [new IncomeItem(IncomeKind.UniversalCredit, null, income)] : []);

    public static TheoryData<string, MigAgeBand, Household, int, bool, bool, bool, decimal> MigCases() => new()
    {
        { "single 18 to 24", MigAgeBand.Aged18To24, Household.SinglePerson, 0, false, false, false, 89.15m },
        { "single 25 to pension credit age", MigAgeBand.Aged25ToPensionCreditAge, Household.SinglePerson, 0, false, false, false, 112.50m },
        { "single pension credit age", MigAgeBand.PensionCreditAge, Household.SinglePerson, 0, false, false, false, 224.60m },
        { "lone parent, one child", MigAgeBand.Aged25ToPensionCreditAge, Household.LoneParent, 1, false, false, false, 112.50m + 99.60m },
        { "lone parent 18 to 24, two children", MigAgeBand.Aged18To24, Household.LoneParent, 2, false, false, false, 112.50m + 2 * 99.60m },
        { "couple, each, 25+", MigAgeBand.Aged25ToPensionCreditAge, Household.Couple, 0, false, false, false, 88.30m },
        { "couple, pension age", MigAgeBand.PensionCreditAge, Household.Couple, 0, false, false, false, 171.45m },
        { "couple with a child", MigAgeBand.Aged25ToPensionCreditAge, Household.Couple, 1, false, false, false, 88.30m + 99.60m },
        { "single 25+ with disability premium", MigAgeBand.Aged25ToPensionCreditAge, Household.SinglePerson, 0, true, false, false, 112.50m + 49.65m },
        { "single 25+ with both disability premiums", MigAgeBand.Aged25ToPensionCreditAge, Household.SinglePerson, 0, true, true, false, 112.50m + 49.65m + 24.25m },
        { "single 18 to 24 with both disability premiums", MigAgeBand.Aged18To24, Household.SinglePerson, 0, true, true, false, 89.15m + 49.65m + 24.25m },
        { "couple with disability premiums", MigAgeBand.Aged25ToPensionCreditAge, Household.Couple, 0, true, true, false, 88.30m + 35.40m + 17.40m },
        { "carer premium", MigAgeBand.Aged25ToPensionCreditAge, Household.SinglePerson, 0, false, false, true, 112.50m + 46.40m },
    };

    [Theory]
    [MemberData(nameof(MigCases))]
    public void Mig_ByAgeBandHouseholdChildrenAndPremiums(string name, MigAgeBand band, Household household, int children, bool dp, bool edp, bool carer, decimal mig)
    {
        var result = ChargingCalculator.Calculate(NoMinimum, Full(income: 400m, band: band, household: household, children: children, dp: dp, edp: edp, carer: carer));

        result.Mig.ShouldBe(mig, name);
        result.Weekly.ShouldBe(400m - mig, name);
        result.Lines.ShouldContain(l => l.Section == WorkingSection.Mig && l.Text.StartsWith("Minimum income guarantee", StringComparison.Ordinal) && l.Amount == mig, name);
    }

    [Fact]
    public void Mig_CouncilUpliftIsAddedAndShown()
    {
        var policy = NoMinimum with { Discretions = NoMinimum.Discretions with { MigUpliftPercent = 10m } };

        var result = ChargingCalculator.Calculate(policy, Full(income: 300m));

        result.Mig.ShouldBe(123.75m);
        result.Steps().ShouldContain("The council's uplift of 10%: £11.25");
    }

    [Theory]
    [InlineData("0.00", "0", false)]
    [InlineData("14250.00", "0", false)]
    [InlineData("14250.01", "1", false)]
    [InlineData("14499.99", "1", false)]
    [InlineData("14500.00", "1", false)]
    [InlineData("14500.01", "2", false)]
    [InlineData("14750.00", "2", false)]
    [InlineData("23000.00", "35", false)]
    [InlineData("23250.00", "36", false)]
    [InlineData("23250.01", "0", true)]
    [InlineData("100000.00", "0", true)]
    public void Capital_TariffForEvery250OrPartAboveTheLowerLimit_FullCostAboveTheUpper(string capitalText, string tariffText, bool fullCost)
    {
        var capital = decimal.Parse(capitalText, UkFormat.Culture);
        var tariff = decimal.Parse(tariffText, UkFormat.Culture);

        // Income exactly at the MIG, so the contribution is the tariff income alone.
        var result = ChargingCalculator.Calculate(NoMinimum, Full(income: 112.50m, capital: capital, cost: 500m));

        result.CapitalCounted.ShouldBe(capital);
        if (fullCost)
        {
            result.Basis.ShouldBe(ContributionBasis.CapitalAboveUpperLimit);
            result.Weekly.ShouldBe(500m);
        }
        else
        {
            result.TariffIncome.ShouldBe(tariff);
            result.Weekly.ShouldBe(tariff);
        }
    }

    [Fact]
    public void Capital_TariffIncomeIsProtectedByTheMigLikeOtherIncome()
    {
        // Income below the MIG: the tariff income of £36 is absorbed by the shortfall.
        var result = ChargingCalculator.Calculate(NoMinimum, Full(income: 50m, capital: 23_250m));

        result.TariffIncome.ShouldBe(36m);
        result.Weekly.ShouldBe(0m);
    }

    [Fact]
    public void Capital_MainHomeAndOtherStatutoryDisregardsAreNotCounted_JointHalf()
    {
        var input = new FinancialAssessmentInput(FinancialAssessmentType.Full, 500m,
            Capital:
            [
                new CapitalItem(CapitalKind.MainHome, "Flat", 180_000m),
                new CapitalItem(CapitalKind.PersonalPossessions, null, 5_000m),
                new CapitalItem(CapitalKind.PersonalInjuryTrust, null, 40_000m),
                new CapitalItem(CapitalKind.LifeInsurance, null, 2_000m),
                new CapitalItem(CapitalKind.Investments, "Shares", 3_000m, DisregardReason: "Held for a child under a court order"),
                new CapitalItem(CapitalKind.Savings, "Joint account", 30_000m, JointlyOwned: true),
            ],
            Income: [new IncomeItem(IncomeKind.StatePension, null, 112.50m)]);

        var result = ChargingCalculator.Calculate(NoMinimum, input);

        result.CapitalCounted.ShouldBe(15_000m);
        result.TariffIncome.ShouldBe(3m);
        result.Steps().ShouldContain(s => s.Contains("the main home is not counted for care outside a care home", StringComparison.Ordinal));
        result.Steps().ShouldContain(s => s.Contains("Held for a child under a court order", StringComparison.Ordinal));
    }

    [Fact]
    public void Income_EarningsAndMobilityAreDisregarded_DailyLivingAndCareCount()
    {
        var input = new FinancialAssessmentInput(FinancialAssessmentType.Full, 1000m,
            Income:
            [
                new IncomeItem(IncomeKind.Earnings, null, 200m),
                new IncomeItem(IncomeKind.PipMobility, null, 77.05m),
                new IncomeItem(IncomeKind.DlaMobility, null, 28.70m),
                new IncomeItem(IncomeKind.PipDailyLiving, null, 110.40m),
                new IncomeItem(IncomeKind.DlaCare, null, 29.20m),
                new IncomeItem(IncomeKind.UniversalCredit, null, 90m),
                new IncomeItem(IncomeKind.OtherDisregarded, "Charitable gift", 10m, DisregardReason: "Voluntary payment for a specific need"),
            ]);

        var result = ChargingCalculator.Calculate(NoMinimum, input);

        result.IncomeCounted.ShouldBe(110.40m + 29.20m + 90m);
        result.IncomeDisregarded.ShouldBe(200m + 77.05m + 28.70m + 10m);
        result.Weekly.ShouldBe(229.60m - 112.50m);
        result.Steps().ShouldContain(s => s.Contains("earnings from work are not counted", StringComparison.Ordinal));
        result.Steps().ShouldContain(s => s.Contains("the mobility part of PIP is not counted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, false, 72.65)]  // council disregards night care, none arranged: the night part is not counted
    [InlineData(true, true, 108.55)]  // night care arranged: it counts
    [InlineData(false, false, 108.55)] // the council counts it anyway
    public void Income_NightCarePart_FollowsTheCouncilsDiscretion(bool disregard, bool arranged, decimal counted)
    {
        var policy = NoMinimum with { Discretions = new ChargingDiscretions(disregard, 0m) };
        var input = new FinancialAssessmentInput(FinancialAssessmentType.Full, 1000m, NightCareArranged: arranged,
            Income: [new IncomeItem(IncomeKind.AttendanceAllowance, null, 108.55m, NightCareWeekly: 35.90m)]);

        var result = ChargingCalculator.Calculate(policy, input);

        result.IncomeCounted.ShouldBe(counted);
    }

    [Fact]
    public void Housing_NetOfBenefits_AndDreItemisedWithoutCap()
    {
        var input = new FinancialAssessmentInput(FinancialAssessmentType.Full, 1000m,
            Income: [new IncomeItem(IncomeKind.EmploymentAndSupportAllowance, null, 400m)],
            Housing:
            [
                new HousingCost(HousingCostKind.Rent, 150m, BenefitWeekly: 120m),
                new HousingCost(HousingCostKind.CouncilTax, 30m, BenefitWeekly: 40m), // more benefit than cost: £0, never negative
                new HousingCost(HousingCostKind.MortgageInterest, 12.34m),
            ],
            Dre:
            [
                new DreItem(DreKind.Heating, null, 15m),
                new DreItem(DreKind.Laundry, null, 4.50m),
                new DreItem(DreKind.Other, "Gym membership", 8m, Reason: "Exercise prescribed as part of recovery"),
                new DreItem(DreKind.PrivateCare, "Night sitter", 120m),
            ]);

        var result = ChargingCalculator.Calculate(NoMinimum, input);

        result.HousingAllowed.ShouldBe(30m + 0m + 12.34m);
        result.DreAllowed.ShouldBe(147.50m);
        result.Weekly.ShouldBe(400m - 42.34m - 147.50m - 112.50m);
        result.Steps().ShouldContain("Other (give the reason): Gym membership (Exercise prescribed as part of recovery): £8.00");
    }

    [Fact]
    public void Dre_StandardAllowanceIsUsedWhenChosen()
    {
        var input = new FinancialAssessmentInput(FinancialAssessmentType.Full, 1000m, UseStandardDreAllowance: true,
            Income: [new IncomeItem(IncomeKind.UniversalCredit, null, 200m)]);

        var result = ChargingCalculator.Calculate(NoMinimum, input);

        result.DreAllowed.ShouldBe(20m);
        result.Weekly.ShouldBe(200m - 20m - 112.50m);
    }

    [Theory]
    [InlineData(500, 100, 100, ContributionBasis.CappedAtCost)]
    [InlineData(113.99, 100, 1.49, ContributionBasis.Assessed)]
    [InlineData(112.50, 100, 0, ContributionBasis.Assessed)]
    [InlineData(50, 100, 0, ContributionBasis.Assessed)]
    public void Contribution_NeverMoreThanTheCost_NeverBelowZero(decimal income, decimal cost, decimal weekly, ContributionBasis basis)
    {
        var result = ChargingCalculator.Calculate(NoMinimum, Full(income: income, cost: cost));

        result.Weekly.ShouldBe(weekly);
        result.Basis.ShouldBe(basis);
    }

    [Theory]
    [InlineData(113.99, 0, ContributionBasis.BelowMinimumCharge)] // £1.49 is below the £2 minimum
    [InlineData(114.50, 2, ContributionBasis.Assessed)]           // exactly the minimum is charged
    public void Contribution_BelowTheMinimumCharge_IsNothing(decimal income, decimal weekly, ContributionBasis basis)
    {
        var result = ChargingCalculator.Calculate(Policy, Full(income: income, cost: 100m));

        result.Weekly.ShouldBe(weekly);
        result.Basis.ShouldBe(basis);
    }

    [Theory]
    [InlineData(FinancialAssessmentType.Declined, null, 250, ContributionBasis.Declined)]
    [InlineData(FinancialAssessmentType.LightTouch, LightTouchOutcome.FullCost, 250, ContributionBasis.LightTouchFullCost)]
    [InlineData(FinancialAssessmentType.LightTouch, LightTouchOutcome.NoCharge, 0, ContributionBasis.LightTouchNoCharge)]
    [InlineData(FinancialAssessmentType.NilSection117, null, 0, ContributionBasis.Section117)]
    public void Types_DeclinedLightTouchAndSection117(FinancialAssessmentType type, LightTouchOutcome? outcome, decimal weekly, ContributionBasis basis)
    {
        // Income and capital are ignored for these types.
        var input = new FinancialAssessmentInput(type, 250m, LightTouch: outcome, LightTouchReason: outcome is null ? null : "Receives Pension Credit guarantee only",
            Income: [new IncomeItem(IncomeKind.StatePension, null, 900m)]);

        var result = ChargingCalculator.Calculate(Policy, input);

        result.Weekly.ShouldBe(weekly);
        result.Basis.ShouldBe(basis);
        result.Steps().ShouldNotBeEmpty();
    }

    [Fact]
    public void Working_ShowsEveryStepInOrder()
    {
        var input = Full(income: 300m, capital: 15_000m, dp: true) with { UseStandardDreAllowance = true, Housing = [new HousingCost(HousingCostKind.Rent, 100m, 60m)] };

        var result = ChargingCalculator.Calculate(NoMinimum, input);

        result.Lines.Select(l => l.Section).Distinct().ShouldBe([WorkingSection.Capital, WorkingSection.Income, WorkingSection.Housing, WorkingSection.Dre, WorkingSection.Mig, WorkingSection.Contribution]);
        result.Steps()[^1].ShouldBe("The person's weekly contribution: £80.85");
        result.Weekly.ShouldBe(300m + 3m - 40m - 20m - 112.50m - 49.65m);
    }

    [Fact]
    public void Validation_NamesEachField()
    {
        var input = new FinancialAssessmentInput(FinancialAssessmentType.Full, -1m, Children: -1,
            Income: [new IncomeItem(IncomeKind.OtherDisregarded, null, -5m), new IncomeItem(IncomeKind.UniversalCredit, null, 10m, NightCareWeekly: 5m)],
            Dre: [new DreItem(DreKind.Other, null, 3m)]);

        var ex = Should.Throw<ValidationFailedException>(() => ChargingCalculator.Calculate(Policy, input));

        ex.Errors.Select(e => e.Field).ShouldBe(["WeeklyCost", "Children", "Income[0].Weekly", "Income[0].NightCareWeekly", "Income[0].DisregardReason", "Income[1].NightCareWeekly", "Dre[0].Reason"], ignoreOrder: true);
    }

    [Fact]
    public void Validation_LightTouchNeedsItsOutcomeAndReason()
    {
        var ex = Should.Throw<ValidationFailedException>(() => ChargingCalculator.Calculate(Policy, new FinancialAssessmentInput(FinancialAssessmentType.LightTouch, 100m)));

        ex.Errors.Select(e => e.Field).ShouldBe(["LightTouch", "LightTouchReason"]);
    }
}
