using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Tests.SupportPlans;

namespace PersonalBudgets.Core.Tests.Providers;

public sealed class ProviderAndInvoiceTests
{
    private static readonly Actor Finance = new(Guid.NewGuid(), "Mark Ellis");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Start = PlanBuilder.Start;

    private static Provider ProviderWithRates()
    {
        var p = Provider.Create(new ProviderDetails("Acme Care", "1-101234567", ProviderType.HomeCare, null, null, null), Finance, Now);
        p.AddRate("Home support", RateUnit.Hour, 25m, new DateOnly(2026, 4, 1), p.Revision, Finance, Now);
        p.AddRate("Home support", RateUnit.Hour, 27.50m, new DateOnly(2027, 6, 1), p.Revision, Finance, Now);
        return p;
    }

    [Theory]
    [InlineData("1-123", true)]
    [InlineData("1-101234567", true)]
    [InlineData("123456", false)]
    [InlineData("1-", false)]
    [InlineData("2-123", false)]
    [InlineData("1-12a", false)]
    public void CqcLocationId_Is1DashDigits(string id, bool valid)
    {
        var create = () => Provider.Create(new ProviderDetails("X", id, ProviderType.Other, null, null, null), Finance, Now);
        if (valid) create().CqcLocationId.ShouldBe(id);
        else Should.Throw<ValidationFailedException>(create).Errors.ShouldContain(e => e.Field == "CqcLocationId");
    }

    [Theory]
    [InlineData("30-94-30", "309430")]
    [InlineData("30 94 30", "309430")]
    [InlineData("3094301", null)]
    [InlineData("30-94-3x", null)]
    public void SortCode_IsSixDigits(string input, string? expected) => BankDetails.NormaliseSortCode(input).ShouldBe(expected);

    [Fact]
    public void Masked_ShowsOnlyTheLastTwoDigits() => BankDetails.Masked("12345645").ShouldBe("Account ending ****45");

    [Fact]
    public void RateOn_TakesTheRateInForceOnTheDay_AndKeepsOldOnes()
    {
        var p = ProviderWithRates();
        p.RateOn("home support", new DateOnly(2027, 5, 31))!.Rate.ShouldBe(25m);
        p.RateOn("Home support", new DateOnly(2027, 6, 1))!.Rate.ShouldBe(27.50m);
        p.RateOn("Home support", new DateOnly(2026, 3, 31)).ShouldBeNull();
        p.Rates.Count.ShouldBe(2);
    }

    /// <summary>The builder's approved plan: its commissioned element (or its direct payment one).</summary>
    private static (SupportPlan Plan, Guid ElementId) ApprovedPlan(Deployment deployment)
    {
        var plan = PlanBuilder.Approved();
        return (plan, plan.Elements.First(e => e.Deployment == deployment).Id);
    }

    [Fact]
    public void Commission_TakesTheRateOnTheStartDate_AndRefusesADirectPaymentElement()
    {
        var p = ProviderWithRates();
        var (plan, elementId) = ApprovedPlan(Deployment.CouncilCommissioned);
        var s = CommissionedService.Create(plan, elementId, p, "Home support", 10m, Start, null, Finance, Now);
        s.Rate.ShouldBe(25m);
        s.WeeklyCost.ShouldBe(250m);

        var (dp, dpElement) = ApprovedPlan(Deployment.DirectPayment);
        Should.Throw<ValidationFailedException>(() => CommissionedService.Create(dp, dpElement, p, "Home support", 10m, Start, null, Finance, Now))
            .Errors.ShouldContain(e => e.Field == "ElementId");
    }

    private static CommissionedService Service(Provider p)
    {
        var (plan, elementId) = ApprovedPlan(Deployment.CouncilCommissioned);
        return CommissionedService.Create(plan, elementId, p, "Home support", 10m, Start, null, Finance, Now);
    }

    [Fact]
    public void Match_PlannedUnitsArePerDayOfThePeriodInForce()
    {
        var s = Service(ProviderWithRates());
        InvoiceMatching.PlannedUnits(s, Start, Start.AddDays(13)).ShouldBe(20m);
        // The service starts on the 4th: a period from the 1st counts 11 of its 14 days.
        InvoiceMatching.PlannedUnits(s, Start.AddDays(-3), Start.AddDays(10)).ShouldBe(Math.Round(10m * 11 / 7, 2));
        InvoiceMatching.PlannedUnits(s, Start.AddDays(-14), Start.AddDays(-1)).ShouldBe(0m);
    }

    [Fact]
    public void Match_FlagsOverUnitsOverRateAndNotInThePlan_LineByLine()
    {
        var p = ProviderWithRates();
        var s = Service(p);
        var invoice = Invoice.Record(p.Id, "A1", Start, Start.AddDays(13), [
            new InvoiceLineInput(s.Id, "Two weeks", 18m, 25m),
            new InvoiceLineInput(s.Id, "Extra", 4m, 25m),
            new InvoiceLineInput(s.Id, "Dearer", 1m, 30m),
            new InvoiceLineInput(null, "Something else", 1m, 10m),
            new InvoiceLineInput(Guid.NewGuid(), "Unknown service", 1m, 10m),
        ], Finance, Now);
        var match = InvoiceMatching.Match(p.Id, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, [s]);
        match.Lines[0].Differences.ShouldBe(LineDifference.None);
        // 20 planned: 18 used, 2 left, 4 billed.
        match.Lines[1].Differences.ShouldBe(LineDifference.OverUnits);
        match.Lines[1].Excess.ShouldBe(50m);
        match.Lines[2].Differences.ShouldBe(LineDifference.OverUnits | LineDifference.OverRate);
        match.Lines[3].Differences.ShouldBe(LineDifference.NotInPlan);
        match.Lines[4].Differences.ShouldBe(LineDifference.NotInPlan);
        match.HasDifferences.ShouldBeTrue();
        // Another provider's service is not in this provider's plan.
        InvoiceMatching.Match(Guid.NewGuid(), Start, Start.AddDays(13), invoice.Lines.Take(1), [s]).Lines[0].Differences.ShouldBe(LineDifference.NotInPlan);
    }

    [Fact]
    public void Approve_NeedsANoteWhenThereAreDifferences_AndSetsTheAmountForThePaymentRun()
    {
        var p = ProviderWithRates();
        var s = Service(p);
        var invoice = Invoice.Record(p.Id, "A1", Start, Start.AddDays(13), [new InvoiceLineInput(s.Id, "Two weeks", 22m, 25m)], Finance, Now);
        var match = InvoiceMatching.Match(p.Id, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, [s]);
        Should.Throw<ValidationFailedException>(() => invoice.Approve(match, null, invoice.Revision, Finance, Now)).Errors.ShouldContain(e => e.Field == "Note");
        invoice.Approve(match, "Agreed", invoice.Revision, Finance, Now);
        invoice.Status.ShouldBe(InvoiceStatus.Approved);
        invoice.ApprovedAmount.ShouldBe(550m);
        Should.Throw<ConflictException>(() => invoice.Query("late", invoice.Revision, Finance, Now));
        invoice.MarkPaid("RUN-1", Now);
        invoice.Status.ShouldBe(InvoiceStatus.Paid);
    }
}
