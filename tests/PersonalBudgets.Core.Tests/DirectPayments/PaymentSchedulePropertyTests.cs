using FsCheck;
using FsCheck.Fluent;
using PersonalBudgets.Core.DirectPayments;

namespace PersonalBudgets.Core.Tests.DirectPayments;

/// <summary>Properties of payment schedules over generated agreements (FsCheck).</summary>
public sealed class PaymentSchedulePropertyTests
{
    private static readonly DateOnly Base = new(2025, 6, 1);

    private static readonly Gen<decimal> Pounds = Gen.Choose(0, 100_000).Select(p => p / 100m);

    private static readonly Gen<ScheduleTerms> Terms =
        from startOffset in Gen.Choose(0, 1200)
        from frequency in Gen.Elements(Enum.GetValues<PaymentFrequency>())
        from anchorOffset in Gen.Choose(-60, 60)
        from gross in Pounds
        from contribution in Pounds
        from changes in Gen.ListOf(from day in Gen.Choose(1, 500) from g in Pounds from c in Pounds select (Item1: day, Item2: g, Item3: c))
        from suspensions in Gen.ListOf(from day in Gen.Choose(0, 500) from length in Gen.Choose(0, 60) from ends in Gen.Elements(true, true, true, false) select (Item1: day, Item2: length, Item3: ends))
        from oneOffs in Gen.ListOf(from day in Gen.Choose(0, 300) from pence in Gen.Choose(1, 200_000) select (Item1: day, Item2: pence))
        from ends in Gen.Elements(true, false)
        from endOffset in Gen.Choose(0, 700)
        let start = Base.AddDays(startOffset)
        select new ScheduleTerms(
            start,
            frequency,
            new[] { new RateChange(start, gross, contribution) }
                .Concat(changes.Take(4).DistinctBy(c => c.Item1).Select(c => new RateChange(start.AddDays(c.Item1), c.Item2, c.Item3)))
                .ToList(),
            oneOffs.Take(3).Select(o => new OneOffPayment(start.AddDays(o.Item1), o.Item2 / 100m, "One-off")).ToList(),
            suspensions.Take(3).Select(s => new Suspension(start.AddDays(s.Item1), s.Item3 ? start.AddDays(s.Item1 + s.Item2) : null)).ToList(),
            ends ? start.AddDays(endOffset) : null,
            Base.AddDays(anchorOffset));

    private static DateOnly Horizon(ScheduleTerms t) => t.Start.AddDays(800);

    [Fact]
    public void PeriodsTileTheSpan_WithNoGapsAndNoDayPaidTwice()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Terms.ToArbitrary(), terms =>
        {
            var periods = PaymentSchedule.Periods(terms, Horizon(terms));
            var tiles = periods.Count > 0 && periods[0].Start == terms.Start && periods.All(p => p.Days >= 1)
                && periods.Zip(periods.Skip(1)).All(x => x.First.EndExclusive == x.Second.Start);
            var covers = terms.StopsOn is { } stops && stops <= Horizon(terms)
                ? periods[^1].EndExclusive == stops
                : periods[^1].EndExclusive > Horizon(terms);
            return tiles && covers && periods.All(p => p.Amount >= 0m && p.Amount == decimal.Round(p.Amount, 2));
        }));
    }

    [Fact]
    public void SumPaidOverAnySpan_EqualsTheSchedulesAmountForThatSpan_ToThePenny()
    {
        var spans = from terms in Terms
                    from i in Gen.Choose(0, 1000)
                    from j in Gen.Choose(0, 1000)
                    select (terms, i, j);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(spans.ToArbitrary(), x =>
        {
            var periods = PaymentSchedule.Periods(x.terms, Horizon(x.terms));
            var a = x.i % periods.Count;
            var b = x.j % periods.Count;
            (a, b) = (Math.Min(a, b), Math.Max(a, b));
            var paid = periods.Skip(a).Take(b - a + 1).Sum(p => p.Amount);
            return paid == PaymentSchedule.AmountFor(x.terms, periods[a].Start, periods[b].EndExclusive)
                && periods.Sum(p => p.Amount) == PaymentSchedule.AmountUpTo(x.terms, periods[^1].EndExclusive);
        }));
    }

    [Fact]
    public void PayingInSeveralRuns_PaysExactlyWhatOneRunWould()
    {
        var runs = from terms in Terms
                   from cuts in Gen.ListOf(Gen.Choose(0, 800))
                   select (terms, cuts);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(runs.ToArbitrary(), x =>
        {
            var all = PaymentSchedule.Periods(x.terms, Horizon(x.terms));
            var paid = new List<SchedulePeriod>();
            foreach (var runDate in x.cuts.Take(5).Order().Select(c => x.terms.Start.AddDays(c)).Append(Horizon(x.terms)))
            {
                paid.AddRange(PaymentSchedule.Due(x.terms, paid.Count == 0 ? null : paid[^1].EndExclusive, paid.Sum(p => p.Amount), runDate));
            }

            return paid.SequenceEqual(all);
        }));
    }

    [Fact]
    public void ChangeAfterPayment_IsCorrectedLater_NothingLostOrPaidTwice()
    {
        var cases = from before in Terms
                    from after in Terms
                    from paidDays in Gen.Choose(0, 400)
                    select (before, after: after with { Start = before.Start, Rates = [after.Rates[0] with { From = before.Start }, .. after.Rates.Skip(1).Where(r => r.From > before.Start)], OneOffs = after.OneOffs.Where(o => o.Date >= before.Start).ToList(), End = after.End is { } e ? before.Start.AddDays(e.DayNumber - after.Start.DayNumber) : null }, paidDays);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var first = PaymentSchedule.Due(x.before, null, 0m, x.before.Start.AddDays(x.paidDays));
            var paidSoFar = first.Sum(p => p.Amount);
            var through = first.Count == 0 ? (DateOnly?)null : first[^1].EndExclusive;
            var horizon = x.before.Start.AddDays(900);
            var rest = PaymentSchedule.Due(x.after, through, paidSoFar, horizon);
            if (rest.Count == 0)
            {
                return true;
            }

            var total = paidSoFar + rest.Sum(p => p.Amount);
            return total == Math.Max(paidSoFar, PaymentSchedule.AmountUpTo(x.after, rest[^1].EndExclusive))
                && rest.All(p => p.Amount >= 0m)
                && rest[0].Start == (through ?? x.after.Start);
        }));
    }
}
