using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.SupportPlans;
using FileBank = PersonalBudgets.Core.DirectPayments.BankDetails;
using PersonalBudgets.Core.Tests.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Providers;

/// <summary>
/// Issue 15 item 2 (ADR 0037): an individual service fund is paid to its provider by the direct payments' schedule (four
/// weeks in advance on the council's cycle, pro rata at each end), and an approved invoice is one payment of its approved
/// amount; the payment file carries each payment's kind and a subtotal per kind.
/// </summary>
public sealed class ServiceFundPaymentTests
{
    private static readonly Actor Finance = new(Guid.NewGuid(), "Mark Ellis");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static Provider Provider()
    {
        var p = Core.Providers.Provider.Create(new ProviderDetails("Acme Care", "1-101234567", ProviderType.HomeCare, null, null, null), Finance, Now);
        p.AddRate("Home support", RateUnit.Hour, 25m, new DateOnly(2026, 4, 1), p.Revision, Finance, Now);
        return p;
    }

    /// <summary>An individual service fund of 10 hours a week at £25 (£250 a week) from <paramref name="start"/> to <paramref name="end"/>.</summary>
    private static CommissionedService Fund(DateOnly start, DateOnly? end)
    {
        var plan = PlanBuilder.Complete(500m);
        plan.SaveElement(PlanBuilder.Element(25m, 10m, Deployment.IndividualServiceFund, start: PlanBuilder.Start, description: "Support at home"), plan.Revision, Priya.Actor(), Now);
        plan.Submit(PlanBuilder.EligibleNeeds, 10, false, plan.Revision, Priya.Actor(), Now);
        plan.MarkApproved(Helen.Actor(), Now);
        var element = plan.Elements.Single(e => e.Deployment == Deployment.IndividualServiceFund);
        return CommissionedService.Create(plan, element.Id, Provider(), "Home support", 10m, start, end, Finance, Now);
    }

    [Fact]
    public void Fund_IsPaidFourWeeklyOnTheCycle_ProRataAtBothEnds_AcrossAYearEnd()
    {
        // The council's cycle (from Monday 1 January 2024) has boundaries on 27 December 2027 and 24 January 2028.
        var fund = Fund(new DateOnly(2027, 12, 10), new DateOnly(2028, 1, 31));
        fund.IsPaidBySchedule.ShouldBeTrue();

        var periods = PaymentSchedule.Periods(fund.Terms(), new DateOnly(2028, 12, 31));

        periods.Select(p => (p.Start, p.LastDay, p.Amount)).ShouldBe(
        [
            (new DateOnly(2027, 12, 10), new DateOnly(2027, 12, 26), 607.14m), // 17 days of £250 a week
            (new DateOnly(2027, 12, 27), new DateOnly(2028, 1, 23), 1000.00m),
            (new DateOnly(2028, 1, 24), new DateOnly(2028, 1, 31), 285.72m), // 8 days: the penny the rounding rule carries
        ]);
        periods.Sum(p => p.Amount).ShouldBe(Core.Budgets.Money.Round(53 * 250m / 7m));
    }

    [Fact]
    public void Fund_WithoutAnEnd_PaysOnlyWhatIsDueByTheRunDate_InAdvance()
    {
        var fund = Fund(new DateOnly(2027, 12, 27), null);

        var due = PaymentSchedule.Due(fund.Terms(), null, 0m, new DateOnly(2028, 1, 24));

        due.Select(p => (p.Start, p.Amount)).ShouldBe([(new DateOnly(2027, 12, 27), 1000m), (new DateOnly(2028, 1, 24), 1000m)]);
        // The next run starts after what was taken and pays nothing twice.
        PaymentSchedule.Due(fund.Terms(), new DateOnly(2028, 2, 21), 2000m, new DateOnly(2028, 2, 20)).ShouldBeEmpty();
    }

    [Fact]
    public void EndedFund_PaysNothingAfterItsEndDate()
    {
        var fund = Fund(new DateOnly(2027, 12, 27), null);
        fund.End(new DateOnly(2028, 1, 2));

        var periods = PaymentSchedule.Periods(fund.Terms(), new DateOnly(2028, 12, 31));

        periods.Select(p => (p.Start, p.LastDay, p.Amount)).ShouldBe([(new DateOnly(2027, 12, 27), new DateOnly(2028, 1, 2), 250m)]);
    }

    [Fact]
    public void ApprovedInvoice_IsOnePaymentOfItsApprovedAmount_AndAnInvoiceNotApprovedIsNot()
    {
        var run = PaymentRun.Create(new DateOnly(2028, 1, 24), Finance, Now);
        var invoice = Invoice.Record(Guid.NewGuid(), "INV-77", new DateOnly(2028, 1, 1), new DateOnly(2028, 1, 14), [new InvoiceLineInput(null, "Support", 10m, 25m)], Finance, Now);
        Should.Throw<InvalidOperationException>(() => Payment.ProposeInvoice(run.Id, invoice, "Acme Care"));

        invoice.Approve(InvoiceMatching.Match(invoice.ProviderId, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, []), "Agreed", invoice.Revision, Finance, Now);
        var payment = Payment.ProposeInvoice(run.Id, invoice, "Acme Care");

        (payment.SourceKind, payment.SourceId, payment.ProviderId, payment.PersonId).ShouldBe((PayableSource.ProviderInvoice, invoice.Id, invoice.ProviderId, (Guid?)null));
        (payment.Reference, payment.PeriodStart, payment.LastDay, payment.Amount).ShouldBe(("INV-77", new DateOnly(2028, 1, 1), new DateOnly(2028, 1, 14), 250m));
    }

    [Fact]
    public void TheFile_HasEachPaymentsKind_AndASubtotalPerKind_ThenTheControlRow()
    {
        var run = PaymentRun.Create(new DateOnly(2028, 1, 24), Finance, Now);
        var fund = Fund(new DateOnly(2027, 12, 27), null);
        var invoice = Invoice.Record(Guid.NewGuid(), "INV-78", new DateOnly(2028, 1, 1), new DateOnly(2028, 1, 14), [new InvoiceLineInput(null, "Support", 2m, 30m)], Finance, Now);
        invoice.Approve(InvoiceMatching.Match(invoice.ProviderId, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, []), "Agreed", invoice.Revision, Finance, Now);
        var dpSource = Guid.NewGuid();
        var payments = new List<Payment>
        {
            Payment.Propose(run.Id, PayableSource.DirectPayment, dpSource, "DP-0001", Guid.NewGuid(), "Alex", new SchedulePeriod(new DateOnly(2028, 1, 24), new DateOnly(2028, 2, 21), 100m, 0m)),
            Payment.ProposeServiceFund(run.Id, fund, "Acme Care", PaymentSchedule.Periods(fund.Terms(), new DateOnly(2028, 1, 24))[0]),
            Payment.ProposeServiceFund(run.Id, fund, "Acme Care", PaymentSchedule.Periods(fund.Terms(), new DateOnly(2028, 1, 24))[1]),
            Payment.ProposeInvoice(run.Id, invoice, "Acme Care"),
        };
        run.Include(payments);
        var acme = new FileBank("Acme Care Ltd", "309430", "12345645");
        run.Approve(payments, new Dictionary<Guid, FileBank> { [fund.Id] = acme, [invoice.Id] = acme, [dpSource] = new("Alex", "111111", "22222222") },
            new Actor(Guid.NewGuid(), "Omar Officer"), Now);

        var lines = run.FileCsv!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[1].ShouldEndWith(",DirectPayment");
        lines[2].ShouldBe($"PAYMENT,{run.BatchReference},{fund.Reference}-20271227,Acme Care Ltd,309430,12345645,1000.00,2027-12-27,2028-01-23,IndividualServiceFund");
        lines[4].ShouldBe($"PAYMENT,{run.BatchReference},INV-78,Acme Care Ltd,309430,12345645,60.00,2028-01-01,2028-01-14,ProviderInvoice");
        lines[5..8].ShouldBe(
        [
            $"SUBTOTAL,{run.BatchReference},1,,,,100.00,2028-01-24,,DirectPayment",
            $"SUBTOTAL,{run.BatchReference},2,,,,2000.00,2028-01-24,,IndividualServiceFund",
            $"SUBTOTAL,{run.BatchReference},1,,,,60.00,2028-01-24,,ProviderInvoice",
        ]);
        lines[8].ShouldBe($"CONTROL,{run.BatchReference},4,,,,2160.00,2028-01-24,,");
        lines.Length.ShouldBe(9);
    }

    [Fact]
    public void AnInvoiceLineBillingTheFund_IsRefusedApproval_SoTheFundIsNotPaidTwice()
    {
        var fund = Fund(PlanBuilder.Start, null);
        var invoice = Invoice.Record(fund.ProviderId, "F1", PlanBuilder.Start, PlanBuilder.Start.AddDays(13), [
            new InvoiceLineInput(null, "Travel", 1m, 10m),
            new InvoiceLineInput(fund.Id, "The fund's support", 20m, 25m),
        ], Finance, Now);
        var match = InvoiceMatching.Match(fund.ProviderId, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, [fund]);
        var refusal = Should.Throw<DomainException>(() => invoice.Approve(match, "Agreed", invoice.Revision, Finance, Now));
        refusal.ErrorCode.ShouldBe("invoice-bills-service-fund");
        refusal.Message.ShouldStartWith("Line 2 bills an individual service fund");
        invoice.Status.ShouldBe(InvoiceStatus.Received);
        invoice.ApprovedAmount.ShouldBeNull();
    }
}
