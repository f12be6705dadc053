using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;

namespace PersonalBudgets.Core.Tests.Monitoring;

public sealed class MonitoringTests
{
    private static readonly Actor Finance = new(Guid.NewGuid(), "Mark Ellis");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly MonitoringSettings Settings = new(DisallowedMerchantCategories: ["Gambling"]);

    private static DirectPaymentAccount Account(decimal weekly = 100m, int contingency = 4, decimal contribution = 0m) =>
        DirectPaymentAccount.Open(Guid.NewGuid(), AccountKind.PrepaidCard, "PC-1", weekly, contribution, contingency, Today.AddDays(-200), Finance, Now);

    private static AccountPosition Position(decimal? balance, IReadOnlyList<Transaction>? spending = null, IReadOnlyList<Transaction>? toScreen = null,
        decimal contribution = 0m, IReadOnlyList<(DateOnly, decimal)>? paid = null, DateOnly? opened = null) =>
        new(opened ?? Today.AddDays(-200), 100m, contribution, balance, Today.AddDays(-1), spending ?? [new Transaction(Today.AddDays(-3), -10m, "Education")], toScreen ?? [], paid ?? []);

    [Theory]
    [InlineData(1250, 100, 12.5)]
    [InlineData(799, 100, 7.9)]
    [InlineData(0, 100, 0)]
    [InlineData(500, 0, 0)]
    public void SurplusWeeks_IsTheBalanceInWeeksOfPayment(decimal balance, decimal weekly, decimal weeks) =>
        MonitoringRules.SurplusWeeks(balance, weekly).ShouldBe(weeks);

    [Fact]
    public void Surplus_IsFlaggedAboveTheSettingsWeeks_NotAtIt()
    {
        MonitoringRules.Evaluate(Position(800m), Today, Settings).ShouldNotContain(f => f.Kind == FlagKind.Surplus);
        MonitoringRules.Evaluate(Position(800.01m), Today, Settings).ShouldContain(f => f.Kind == FlagKind.Surplus);
        MonitoringRules.Evaluate(Position(1000m), Today, Settings with { SurplusWeeks = 12 }).ShouldNotContain(f => f.Kind == FlagKind.Surplus);
    }

    [Fact]
    public void NoSpending_ForEightWeeks_IsFlagged_ButNotForANewAccount()
    {
        var old = new Transaction(Today.AddDays(-70), -10m, "Education");
        MonitoringRules.Evaluate(Position(100m, [old, new Transaction(Today.AddDays(-5), 50m, null)]), Today, Settings).ShouldContain(f => f.Kind == FlagKind.NoSpending);
        MonitoringRules.Evaluate(Position(100m, [new Transaction(Today.AddDays(-20), -10m, null)]), Today, Settings).ShouldNotContain(f => f.Kind == FlagKind.NoSpending);
        MonitoringRules.Evaluate(Position(100m, [], opened: Today.AddDays(-30)), Today, Settings).ShouldNotContain(f => f.Kind == FlagKind.NoSpending);
    }

    [Fact]
    public void DisallowedCategories_AreFlaggedAmongTheLinesToScreen_IgnoringCase()
    {
        var bet = new Transaction(Today.AddDays(-2), -25m, "gambling");
        var found = MonitoringRules.Evaluate(Position(100m, toScreen: [bet, new Transaction(Today, -5m, "Education")]), Today, Settings);
        found.Single(f => f.Kind == FlagKind.DisallowedSpending).Detail.ShouldStartWith("1 payment totalling £25.00");
        // Money in under the category is not spending.
        MonitoringRules.Evaluate(Position(100m, toScreen: [new Transaction(Today, 25m, "Gambling")]), Today, Settings).ShouldNotContain(f => f.Kind == FlagKind.DisallowedSpending);
    }

    [Fact]
    public void Contribution_NotPaidIn_IsFlaggedWhenShortOverTheWeeks()
    {
        MonitoringRules.Evaluate(Position(100m, contribution: 20m, paid: [(Today.AddDays(-7), 20m)]), Today, Settings).ShouldContain(f => f.Kind == FlagKind.ContributionNotPaid);
        MonitoringRules.Evaluate(Position(100m, contribution: 20m, paid: [(Today.AddDays(-7), 80m)]), Today, Settings).ShouldNotContain(f => f.Kind == FlagKind.ContributionNotPaid);
    }

    [Theory]
    [InlineData(1250, 100, 4, 850)]
    [InlineData(400, 100, 4, 0)]
    [InlineData(300, 100, 4, 0)]
    [InlineData(1250, 100, 0, 1250)]
    public void Reclaimable_KeepsTheContingencyReserve(decimal balance, decimal weekly, int weeks, decimal expected) =>
        ReclaimPolicy.Reclaimable(balance, weekly, weeks).ShouldBe(expected);

    [Fact]
    public void Reclaim_IsRefusedAboveTheReclaimable_AndNotTakenBeforeTheNoticeEnds()
    {
        var account = Account();
        Should.Throw<ValidationFailedException>(() => Reclaim.GiveNotice(account, null, 1250m, 851m, ReclaimMethod.Invoiced, "Unspent", Today, 4, Finance, Now))
            .Errors.ShouldContain(e => e.Field == "Amount");
        var reclaim = Reclaim.GiveNotice(account, null, 1250m, 850m, ReclaimMethod.Invoiced, "Unspent", Today, 4, Finance, Now);
        reclaim.EarliestTakeDate.ShouldBe(Today.AddDays(28));
        reclaim.ContingencyReserve.ShouldBe(400m);
        Should.Throw<DomainException>(() => reclaim.Take(Today.AddDays(27), reclaim.Revision, Finance, Now)).ErrorCode.ShouldBe("reclaim-notice-running");
        reclaim.Take(Today.AddDays(28), reclaim.Revision, Finance, Now);
        reclaim.Status.ShouldBe(ReclaimStatus.Taken);
    }

    [Fact]
    public void Flag_ResolvesOnceWithAFinding()
    {
        var flag = MonitoringFlag.Raise(Account(), new FlagFinding(FlagKind.Surplus, "x"), new StaffOwner(Finance.UserId, Finance.DisplayName), Today, 14);
        flag.DueDate.ShouldBe(Today.AddDays(14));
        Should.Throw<ValidationFailedException>(() => flag.Resolve(" ", flag.Revision, Finance, Now));
        flag.Resolve("Hospital stay", flag.Revision, Finance, Now);
        Should.Throw<ConflictException>(() => flag.Resolve("Again", flag.Revision, Finance, Now));
    }

    [Fact]
    public void Csv_ReadsTheCommonFormat_WithQuotesAndUkDates_AndKeysRepeatedLinesApart()
    {
        var csv = "date,description,amount,balance,merchant category\r\n05/03/2026,\"Cafe, \"\"The Hub\"\"\",-£1,200.50,100.00,Restaurants\r\n2026-03-05,Top up,50,150,\r\n2026-03-05,Top up,50,150,\r\n";
        var parsed = StatementCsv.Parse(csv.Replace("-£1,200.50", "\"-£1,200.50\"", StringComparison.Ordinal));
        parsed.Rows.Count.ShouldBe(3);
        parsed.Rows[0].Description.ShouldBe("Cafe, \"The Hub\"");
        parsed.Rows[0].Amount.ShouldBe(-1200.50m);
        parsed.Rows[1].MerchantCategory.ShouldBeNull();
        parsed.Rows[1].LineKey.ShouldNotBe(parsed.Rows[2].LineKey);
        StatementCsv.Parse(csv.Replace("-£1,200.50", "\"-£1,200.50\"", StringComparison.Ordinal)).Rows[2].LineKey.ShouldBe(parsed.Rows[2].LineKey);
    }

    [Fact]
    public void Csv_AMalformedFile_NamesEachRowAndItsProblem()
    {
        var csv = "Date,Description,Amount,Balance,Merchant category\n2026-03-05,Ok,-1,10,\nyesterday,,x,10,\n2026-03-06,Ok,-1,\n";
        var errors = Should.Throw<ValidationFailedException>(() => StatementCsv.Parse(csv)).Errors;
        errors.Count.ShouldBe(2);
        errors[0].Message.ShouldBe("Row 3: the date 'yesterday' is not a date like 2026-03-05 or 05/03/2026; the description is empty; the amount 'x' is not an amount of money like -12.50");
        errors[1].Message.ShouldStartWith("Row 4: it has 4 columns, the header has 5");
        errors.ShouldAllBe(e => e.Field == "Content");
    }
}
