using FsCheck;
using FsCheck.Fluent;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Tests.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;
using Money = PersonalBudgets.Core.Budgets.Money;

namespace PersonalBudgets.Core.Tests.Providers;

/// <summary>
/// Issue 15 (ADR 0040): an individual service fund or commissioned service is suspended (a hospital stay) and resumed, and
/// changes its units or rate from a date; its schedule pays nothing for suspended days, splits at each change, and never
/// pays a period twice; invoices are matched against the values in force on the invoice's days.
/// </summary>
public sealed class ServiceChangesAndSuspensionsTests
{
    private static readonly Actor Finance = new(Guid.NewGuid(), "Mark Ellis");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    // A Monday on the council's four-weekly cycle (from 1 January 2024): 17 May 2027, then 14 June 2027.
    private static readonly DateOnly CycleStart = new(2027, 5, 17);

    /// <summary>Acme Care: "Home support" £25 an hour from April 2026, £27 from 1 April 2028.</summary>
    private static Provider Acme()
    {
        var p = Provider.Create(new ProviderDetails("Acme Care", "1-101234567", ProviderType.HomeCare, null, null, null), Finance, Now);
        p.AddRate("Home support", RateUnit.Hour, 25m, new DateOnly(2026, 4, 1), p.Revision, Finance, Now);
        p.AddRate("Home support", RateUnit.Hour, 27m, new DateOnly(2028, 4, 1), p.Revision, Finance, Now);
        return p;
    }

    /// <summary>A service of 10 hours a week at £25 (£250 a week) from <paramref name="start"/>.</summary>
    private static CommissionedService Service(DateOnly start, Provider? provider = null, DateOnly? end = null, Deployment deployment = Deployment.IndividualServiceFund)
    {
        var plan = PlanBuilder.Complete(500m);
        plan.SaveElement(PlanBuilder.Element(25m, 10m, deployment, start: PlanBuilder.Start, description: "Support at home"), plan.Revision, Priya.Actor(), Now);
        plan.Submit(PlanBuilder.EligibleNeeds, 10, false, plan.Revision, Priya.Actor(), Now);
        plan.MarkApproved(Helen.Actor(), Now);
        var element = plan.Elements.Single(e => e.Deployment == deployment && e.Description == "Support at home");
        return CommissionedService.Create(plan, element.Id, provider ?? Acme(), "Home support", 10m, start, end, Finance, Now);
    }

    private static string[] FieldsOf(Action act) => Should.Throw<ValidationFailedException>(act).Errors.Select(e => e.Field).ToArray();

    [Fact]
    public void Suspension_PaysNothingForItsDays_AndTheRestOfThePeriodProRata()
    {
        var fund = Service(CycleStart);
        var revision = fund.Revision;
        // A hospital stay of 7 days inside the first four weeks.
        fund.Suspend(CycleStart.AddDays(7), CycleStart.AddDays(13), "In hospital", Finance, Now);

        fund.Revision.ShouldBe(revision + 1);
        fund.IsSuspendedOn(CycleStart.AddDays(7)).ShouldBeTrue();
        fund.IsSuspendedOn(CycleStart.AddDays(14)).ShouldBeFalse();
        var periods = PaymentSchedule.Periods(fund.Terms(), CycleStart.AddDays(28));
        periods.Select(p => (p.Start, p.Amount)).ShouldBe([(CycleStart, 750m), (CycleStart.AddDays(28), 1000m)]);
    }

    [Fact]
    public void SuspensionUntilFurtherNotice_PaysNothingUntilResumed()
    {
        var fund = Service(CycleStart);
        fund.Suspend(CycleStart.AddDays(14), null, "In hospital", Finance, Now);
        fund.OpenSuspension.ShouldNotBeNull();
        PaymentSchedule.Periods(fund.Terms(), CycleStart.AddDays(56)).Select(p => p.Amount).ShouldBe([500m, 0m, 0m]);

        var resumed = fund.Resume(CycleStart.AddDays(35));

        resumed.To.ShouldBe(CycleStart.AddDays(34));
        fund.OpenSuspension.ShouldBeNull();
        PaymentSchedule.Periods(fund.Terms(), CycleStart.AddDays(56)).Select(p => p.Amount).ShouldBe([500m, 750m, 1000m]);
    }

    [Fact]
    public void Suspend_RefusesBadInput_ByField()
    {
        var fund = Service(CycleStart, end: CycleStart.AddDays(90));
        FieldsOf(() => fund.Suspend(null, null, " ", Finance, Now)).ShouldBe(["Reason", "SuspendFrom"], ignoreOrder: true);
        FieldsOf(() => fund.Suspend(CycleStart.AddDays(-1), null, "Hospital", Finance, Now)).ShouldBe(["SuspendFrom"]);
        FieldsOf(() => fund.Suspend(CycleStart.AddDays(91), null, "Hospital", Finance, Now)).ShouldBe(["SuspendFrom"]);
        FieldsOf(() => fund.Suspend(CycleStart.AddDays(10), CycleStart.AddDays(9), "Hospital", Finance, Now)).ShouldBe(["SuspendTo"]);

        fund.Suspend(CycleStart.AddDays(10), CycleStart.AddDays(20), "Hospital", Finance, Now);
        FieldsOf(() => fund.Suspend(CycleStart.AddDays(20), CycleStart.AddDays(25), "Again", Finance, Now)).ShouldBe(["SuspendFrom"]);
        FieldsOf(() => fund.Suspend(CycleStart.AddDays(5), null, "Open", Finance, Now)).ShouldBe(["SuspendFrom"]);
        fund.Suspend(CycleStart.AddDays(21), null, "Back in hospital", Finance, Now);
        FieldsOf(() => fund.Suspend(CycleStart.AddDays(60), CycleStart.AddDays(61), "Again", Finance, Now)).ShouldBe(["SuspendFrom"]);
        fund.Suspensions.Count.ShouldBe(2);
    }

    [Fact]
    public void Resume_NeedsAnOpenSuspension_AndADayAfterItBegan()
    {
        var fund = Service(CycleStart);
        Should.Throw<DomainException>(() => fund.Resume(CycleStart.AddDays(3))).ErrorCode.ShouldBe("service-not-suspended");
        fund.Suspend(CycleStart.AddDays(7), null, "Hospital", Finance, Now);
        FieldsOf(() => fund.Resume(CycleStart.AddDays(7))).ShouldBe(["ResumeOn"]);
        FieldsOf(() => fund.Resume(null)).ShouldBe(["ResumeOn"]);
    }

    [Fact]
    public void AnEndedService_CannotBeSuspendedOrChanged()
    {
        var fund = Service(CycleStart);
        fund.End(CycleStart.AddDays(30));
        Should.Throw<DomainException>(() => fund.Suspend(CycleStart.AddDays(3), null, "Hospital", Finance, Now)).ErrorCode.ShouldBe("service-ended");
        Should.Throw<DomainException>(() => fund.ChangeFrom(CycleStart.AddDays(3), 12m, null, null, Acme(), Finance, Now)).ErrorCode.ShouldBe("service-ended");
    }

    [Fact]
    public void Change_TakesTheProvidersRateOnItsDate_UnlessGiven()
    {
        var provider = Acme();
        var fund = Service(new DateOnly(2028, 3, 1), provider);

        var newRate = fund.ChangeFrom(new DateOnly(2028, 4, 1), null, null, "The provider's new rate", provider, Finance, Now);
        (newRate.UnitsPerWeek, newRate.Rate, newRate.WeeklyCost).ShouldBe((10m, 27m, 270m));

        var moreHours = fund.ChangeFrom(new DateOnly(2028, 5, 1), 12m, null, "More hours after the review", provider, Finance, Now);
        (moreHours.UnitsPerWeek, moreHours.Rate).ShouldBe((12m, 27m));

        var agreed = fund.ChangeFrom(new DateOnly(2028, 6, 1), null, 26.5m, "A rate agreed with the provider", provider, Finance, Now);
        (agreed.UnitsPerWeek, agreed.Rate).ShouldBe((12m, 26.5m));

        fund.ValuesOn(new DateOnly(2028, 3, 31)).ShouldBe((10m, 25m));
        fund.ValuesOn(new DateOnly(2028, 4, 1)).ShouldBe((10m, 27m));
        fund.ValuesOn(new DateOnly(2028, 6, 1)).ShouldBe((12m, 26.5m));
        fund.WeeklyCostOn(new DateOnly(2028, 6, 1)).ShouldBe(318m);
        // The values from the start are kept.
        (fund.UnitsPerWeek, fund.Rate).ShouldBe((10m, 25m));
        fund.Changes.Select(c => c.From).ShouldBe([new DateOnly(2028, 4, 1), new DateOnly(2028, 5, 1), new DateOnly(2028, 6, 1)]);
    }

    [Fact]
    public void Change_RefusesBadInput_ByField()
    {
        var provider = Acme();
        var fund = Service(CycleStart, provider, end: CycleStart.AddDays(100));
        FieldsOf(() => fund.ChangeFrom(null, 12m, null, null, provider, Finance, Now)).ShouldBe(["ChangeFrom"]);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(-1), 12m, null, null, provider, Finance, Now)).ShouldBe(["ChangeFrom"]);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(101), 12m, null, null, provider, Finance, Now)).ShouldBe(["ChangeFrom"]);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(7), 0m, null, null, provider, Finance, Now)).ShouldBe(["UnitsPerWeek"]);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(7), 10.555m, null, null, provider, Finance, Now)).ShouldBe(["UnitsPerWeek"]);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(7), null, -1m, null, provider, Finance, Now)).ShouldBe(["Rate"]);
        // The same values as in force are no change.
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(7), 10m, null, null, provider, Finance, Now)).ShouldBe(["UnitsPerWeek"]);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(7), null, 25m, null, provider, Finance, Now)).ShouldBe(["Rate"]);

        fund.ChangeFrom(CycleStart.AddDays(14), 12m, null, null, provider, Finance, Now);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(14), 14m, null, null, provider, Finance, Now)).ShouldBe(["ChangeFrom"]);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(7), 14m, null, null, provider, Finance, Now)).ShouldBe(["ChangeFrom"]);

        // A provider with no rate for the service on the date needs the rate typed in.
        var other = Provider.Create(new ProviderDetails("Other Care", null, ProviderType.HomeCare, null, null, null), Finance, Now);
        FieldsOf(() => fund.ChangeFrom(CycleStart.AddDays(20), 13m, null, null, other, Finance, Now)).ShouldBe(["Rate"]);
    }

    [Fact]
    public void ChangeOnTheStartDate_ReplacesTheStartsValues()
    {
        var provider = Acme();
        var fund = Service(CycleStart, provider);
        fund.ChangeFrom(CycleStart, 8m, null, "Fewer hours agreed before it began", provider, Finance, Now);

        fund.Terms().Rates.ShouldHaveSingleItem().ShouldBe(new RateChange(CycleStart, 200m, 0m));
    }

    [Fact]
    public void ChangeMidPeriod_SplitsThePeriod_AndIsProRata()
    {
        var provider = Acme();
        var fund = Service(CycleStart, provider);
        // 12 hours a week from the third week: two weeks at £250, two at £300.
        fund.ChangeFrom(CycleStart.AddDays(14), 12m, null, "More hours after the review", provider, Finance, Now);

        var periods = PaymentSchedule.Periods(fund.Terms(), CycleStart.AddDays(28));

        periods.Select(p => (p.Start, p.LastDay, p.Amount)).ShouldBe(
        [
            (CycleStart, CycleStart.AddDays(13), 500m),
            (CycleStart.AddDays(14), CycleStart.AddDays(27), 600m),
            (CycleStart.AddDays(28), CycleStart.AddDays(55), 1200m),
        ]);
    }

    [Fact]
    public void ChangeOrSuspensionInsideAnAlreadyPaidPeriod_IsCorrectedByTheNextPayment_NeverPaidTwice()
    {
        var provider = Acme();
        var fund = Service(CycleStart, provider);
        var first = PaymentSchedule.Due(fund.Terms(), null, 0m, CycleStart).ShouldHaveSingleItem();
        first.Amount.ShouldBe(1000m);

        // After the first four weeks were paid in advance: more hours from the third week of them, and a hospital stay.
        fund.ChangeFrom(CycleStart.AddDays(14), 12m, null, "More hours", provider, Finance, Now);
        fund.Suspend(CycleStart.AddDays(21), CycleStart.AddDays(27), "In hospital", Finance, Now);

        var next = PaymentSchedule.Due(fund.Terms(), first.EndExclusive, first.Amount, CycleStart.AddDays(28)).ShouldHaveSingleItem();

        // The paid period is not paid again. The schedule now says £800 was due for it (two weeks at £250, one at £300, a
        // suspended week), against £1,000 paid: the next period pays its £1,200 less the £200 overpaid.
        next.Start.ShouldBe(CycleStart.AddDays(28));
        next.Adjustment.ShouldBe(-200m);
        next.Amount.ShouldBe(1000m);
        (first.Amount + next.Amount).ShouldBe(PaymentSchedule.AmountUpTo(fund.Terms(), next.EndExclusive));
    }

    [Fact]
    public void InvoiceMatching_UsesTheValuesInForce_AndPlansNothingForSuspendedDays()
    {
        var provider = Acme();
        var service = Service(CycleStart, provider, deployment: Deployment.CouncilCommissioned);
        service.ChangeFrom(CycleStart.AddDays(14), 14m, 26m, "More hours at an agreed rate", provider, Finance, Now);
        service.Suspend(CycleStart.AddDays(21), CycleStart.AddDays(27), "In hospital", Finance, Now);

        // Two weeks at 10 hours (£25), one at 14 hours (£26), one suspended.
        InvoiceMatching.Planned(service, CycleStart, CycleStart.AddDays(27)).ShouldBe((34m, Money.Round(((20m * 25m) + (14m * 26m)) / 34m)));
        InvoiceMatching.Planned(service, CycleStart.AddDays(14), CycleStart.AddDays(20)).ShouldBe((14m, 26m));
        InvoiceMatching.Planned(service, CycleStart.AddDays(21), CycleStart.AddDays(27)).ShouldBe((0m, null));

        var invoice = Invoice.Record(provider.Id, "A1", CycleStart.AddDays(14), CycleStart.AddDays(27),
            [new InvoiceLineInput(service.Id, "Home support", 14m, 26m), new InvoiceLineInput(service.Id, "While in hospital", 2m, 26m)], Finance, Now);
        var match = InvoiceMatching.Match(provider.Id, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, [service]);

        match.Lines[0].Differences.ShouldBe(LineDifference.None);
        (match.Lines[0].PlannedUnits, match.Lines[0].PlannedRate, match.Lines[0].PlannedAmount).ShouldBe((14m, 26m, 364m));
        // Billing the suspended days is more units than planned; before the change, £26 would be above the agreed £25.
        match.Lines[1].Differences.ShouldBe(LineDifference.OverUnits);
        var before = Invoice.Record(provider.Id, "A2", CycleStart, CycleStart.AddDays(13), [new InvoiceLineInput(service.Id, "Home support", 20m, 26m)], Finance, Now);
        InvoiceMatching.Match(provider.Id, before.PeriodStart, before.PeriodEnd, before.Lines, [service]).Lines[0].Differences.ShouldBe(LineDifference.OverRate);
    }

    /// <summary>A fund with generated suspensions and changes, recorded through the domain's own rules.</summary>
    private static readonly Gen<CommissionedService> Funds =
        from startOffset in Gen.Choose(0, 400)
        from changes in Gen.ListOf(from day in Gen.Choose(0, 400) from units in Gen.Choose(1, 4000) from pence in Gen.Choose(0, 5000) select (Day: day, Units: units / 100m, Pence: pence))
        from suspensions in Gen.ListOf(from day in Gen.Choose(0, 500) from length in Gen.Choose(0, 60) from open in Gen.Elements(false, false, false, true) from resumeAfter in Gen.Choose(-1, 90)
                                       select (Day: day, Length: length, Open: open, ResumeAfter: resumeAfter))
        from ends in Gen.Elements(true, false)
        from endOffset in Gen.Choose(0, 600)
        select Build(CycleStart.AddDays(startOffset), changes, suspensions, ends ? endOffset : null);

    private static CommissionedService Build(DateOnly start, IEnumerable<(int Day, decimal Units, int Pence)> changes,
        IEnumerable<(int Day, int Length, bool Open, int ResumeAfter)> suspensions, int? endOffset)
    {
        var provider = Acme();
        var fund = Service(start, provider);
        foreach (var c in changes.Take(5).OrderBy(c => c.Day))
        {
            Try(() => fund.ChangeFrom(start.AddDays(c.Day), c.Units, c.Pence == 0 ? null : 10m + (c.Pence / 100m), "Change", provider, Finance, Now));
        }

        foreach (var s in suspensions.Take(4))
        {
            Try(() => fund.Suspend(start.AddDays(s.Day), s.Open ? null : start.AddDays(s.Day + s.Length), "Hospital", Finance, Now));
            if (s.Open && s.ResumeAfter >= 0)
            {
                Try(() => fund.Resume(start.AddDays(s.Day + 1 + s.ResumeAfter)));
            }
        }

        if (endOffset is { } e)
        {
            fund.End(start.AddDays(e));
        }

        return fund;
    }

    private static void Try(Action act)
    {
        try
        {
            act();
        }
        catch (ValidationFailedException)
        {
            // A generated change or suspension the rules refuse is simply not recorded.
        }
        catch (DomainException)
        {
        }
    }

    [Fact]
    public void SumPaidOverAnySpan_EqualsTheDaysInForceAndNotSuspended_ToThePenny()
    {
        var cases = from fund in Funds
                    from i in Gen.Choose(0, 1000)
                    from j in Gen.Choose(0, 1000)
                    select (fund, i, j);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var terms = x.fund.Terms();
            var horizon = x.fund.StartDate.AddDays(700);
            var periods = PaymentSchedule.Periods(terms, horizon);
            var a = x.i % periods.Count;
            var b = x.j % periods.Count;
            (a, b) = (Math.Min(a, b), Math.Max(a, b));
            var from = periods[a].Start;
            var until = periods[b].EndExclusive;
            var paid = periods.Skip(a).Take(b - a + 1).Sum(p => p.Amount);

            // The schedule's amount for the span, computed day by day from the service's own values in force.
            decimal Exact(DateOnly to)
            {
                var sum = 0m;
                for (var day = x.fund.StartDate; day < to; day = day.AddDays(1))
                {
                    if (x.fund.IsInForceOn(day) && !x.fund.IsSuspendedOn(day))
                    {
                        sum += x.fund.WeeklyCostOn(day);
                    }
                }

                return sum / 7m;
            }

            return paid == Money.Round(Exact(until)) - Money.Round(Exact(from))
                && paid == PaymentSchedule.AmountFor(terms, from, until);
        }));
    }
}
