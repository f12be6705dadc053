using FsCheck;
using FsCheck.Fluent;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.SupportPlans;
using static PersonalBudgets.Core.Tests.SupportPlans.PlanBuilder;

namespace PersonalBudgets.Core.Tests.Budgets;

/// <summary>Properties of the budget statement over generated plans (FsCheck).</summary>
public sealed class BudgetStatementPropertyTests
{
    private sealed record Case(IReadOnlyList<PlanElement> Elements, int ContributionShare, int NhsShare, bool Section117)
    {
        public override string ToString() =>
            $"{string.Join("; ", Elements.Select(e => $"{e.UnitCost}x{e.UnitsPerWeek} {e.Deployment} {e.StartDate}-{e.EndDate}"))}, contribution {ContributionShare}%, NHS {NhsShare}%, s117 {Section117}";
    }

    private static readonly Gen<PlanElement> Elements =
        from pence in Gen.Choose(0, 2_000_000)
        from hundredths in Gen.Choose(1, 16_800)
        from deployment in Gen.Elements(Enum.GetValues<Deployment>())
        from startOffset in Gen.Choose(0, 400)
        from length in Gen.Choose(-1, 400)
        from n in Gen.Choose(0, 1_000_000)
        select Element(pence / 100m, hundredths / 100m, deployment, start: Start.AddDays(startOffset), end: length < 0 ? null : Start.AddDays(startOffset + length),
            description: $"Element {n}");

    private static readonly Arbitrary<Case> Cases =
        (from elements in Gen.NonEmptyListOf(Elements).Select(l => (IReadOnlyList<PlanElement>)l.Take(6).ToList())
         from contribution in Gen.Choose(0, 100)
         from nhs in Gen.Choose(0, 100)
         from section117 in Gen.Elements(true, false)
         select new Case(elements, contribution, nhs, section117)).ToArbitrary();

    [Fact]
    public void TheSharesAlwaysAddUpExactly_WeeklyAndAnnually()
    {
        var property = Prop.ForAll(Cases, c =>
        {
            var weekly = PlanCosting.PeakWeekly(c.Elements);
            // Shares chosen as percentages of the cost, so together they never exceed it.
            var contribution = Money.Round(weekly * c.ContributionShare / 200m);
            var nhs = Math.Round((weekly - contribution) * c.NhsShare / 100m, 2, MidpointRounding.ToZero);

            var s = BudgetStatement.Calculate(c.Elements, contribution, nhs, c.Section117);

            return s.ContributionAnnual + s.NhsShareAnnual + s.CouncilShareAnnual == s.AnnualCost
                && s.ContributionWeekly + s.NhsShareWeekly + s.CouncilShareWeekly == s.WeeklyCost
                && s.CouncilShareWeekly >= 0m
                && s.WeeklyByDeployment.Values.Sum() == s.WeeklyCost
                && s.AnnualCost == Money.Round(s.WeeklyCost * Money.WeeksPerYear)
                && (!c.Section117 || s.ContributionWeekly == 0m);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
