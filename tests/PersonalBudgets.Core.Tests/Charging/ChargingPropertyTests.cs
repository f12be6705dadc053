using FsCheck;
using FsCheck.Fluent;
using PersonalBudgets.Core.Charging;

namespace PersonalBudgets.Core.Tests.Charging;

/// <summary>Properties of the charging calculation over generated people (FsCheck).</summary>
public sealed class ChargingPropertyTests
{
    private static readonly Gen<decimal> Pounds = Gen.Choose(0, 60_000).Select(p => p / 100m);

    private static readonly Gen<FinancialAssessmentInput> Inputs =
        from cost in Gen.Choose(0, 150_000).Select(p => p / 100m)
        from band in Gen.Elements(Enum.GetValues<MigAgeBand>())
        from household in Gen.Elements(Enum.GetValues<Household>())
        from children in Gen.Choose(0, 4)
        from flags in Gen.Choose(0, 15)
        from capital in Gen.Choose(0, 3_000_000).Select(p => p / 100m)
        from incomeKinds in Gen.ListOf(Gen.Elements(Enum.GetValues<IncomeKind>()))
        from incomes in Gen.ListOf(Pounds)
        from rent in Pounds
        from benefit in Pounds
        from dre in Gen.ListOf(Gen.Choose(0, 5_000).Select(p => p / 100m))
        from standard in Gen.Elements(true, false)
        select new FinancialAssessmentInput(FinancialAssessmentType.Full, cost, band, household, children,
            (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0,
            Capital: [new CapitalItem(CapitalKind.Savings, null, capital)],
            Income: incomeKinds.Zip(incomes, (k, w) => new IncomeItem(k, null, w, DisregardReason: "a reason")).ToList(),
            Housing: [new HousingCost(HousingCostKind.Rent, rent, benefit)],
            UseStandardDreAllowance: standard,
            Dre: standard ? [] : dre.Select(d => new DreItem(DreKind.Heating, null, d)).ToList());

    [Fact]
    public void ThePersonKeepsAtLeastTheMig_AndNeverPaysMoreThanTheCost()
    {
        var policies = Gen.Elements(ExampleChargingPolicies.For2025To2026, ExampleChargingPolicies.For2026To2027Draft, ExampleChargingPolicies.For2025To2026 with { MinimumCharge = 0m });
        var property = Prop.ForAll(Inputs.ToArbitrary(), policies.ToArbitrary(), (input, policy) =>
        {
            var r = ChargingCalculator.Calculate(policy, input);
            var keepsMig = r.Basis == ContributionBasis.CapitalAboveUpperLimit
                || r.IncomeCounted + r.TariffIncome - r.HousingAllowed - r.DreAllowed - r.Weekly >= r.Mig
                || r.Weekly == 0m;
            return keepsMig && r.Weekly >= 0m && r.Weekly <= input.WeeklyCost && r.Weekly == decimal.Round(r.Weekly, 2);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }
}
