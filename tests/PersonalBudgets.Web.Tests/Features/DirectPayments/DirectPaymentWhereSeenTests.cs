using System.Net;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.DirectPayments;

/// <summary>
/// Issue 15 item 5, where people see a direct payment: the review pages show its state (no bank details to a
/// practitioner); a finance officer's My work lists their set-ups and flags; Team work lists the teams' overdue ones.
/// </summary>
public sealed class DirectPaymentWhereSeenTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReviewsTab_ShowsTheDirectPaymentsState_WithFlagsLinked_AndNoBankDetails(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, person.Id, Today.AddDays(30), Today.AddDays(-30), directPayment: true);
        var dp = await app.DirectPaymentAsync(provider, person.Id, ArrangedDp.Paid);
        await app.FlaggedAccountAsync(provider, person.Id, FlagKind.NoSpending, raisedDaysAgo: 2);

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var page = await nurse.GetAsync($"/People/{person.Id}/Reviews");
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        var state = HtmlPage.Text(page.Document.QuerySelector("#direct-payment-state"));
        state.ShouldContain(dp.Reference);
        state.ShouldContain("Active");
        state.ShouldContain($"{UkFormat.Money(dp.NetWeekly)} a week, paid every four weeks");
        state.ShouldNotContain("Nothing paid yet");
        state.ShouldContain("against £0.00 paid in");
        page.Document.QuerySelector($"#direct-payment-flags a[href='/People/{person.Id}/Monitoring']")!.TextContent.ShouldContain(FlagKind.NoSpending.Label());
        page.Html.ShouldContain($"/People/{person.Id}/DirectPayment\"");
        page.Html.ShouldNotContain(DirectPaymentArrange.AccountNumber);
        page.Html.ShouldNotContain("30-94-57");
        page.Html.ShouldNotContain(DirectPaymentArrange.SortCode);

        // A person with no direct payment: no section.
        var other = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, other.Id, Today.AddDays(30), Today.AddDays(-30));
        var without = await nurse.GetAsync($"/People/{other.Id}/Reviews");
        without.Status.ShouldBe(HttpStatusCode.OK);
        without.Document.QuerySelector("#direct-payment-state").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReviewTaskList_ShowsASetUpNotYetSigned(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, person.Id, Today.AddDays(-1), Today.AddDays(-30), directPayment: true);
        await app.DirectPaymentAsync(provider, person.Id, ArrangedDp.SettingUp);

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        var page = await nurse.GetAsync($"/Reviews/{reviewId}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        var state = HtmlPage.Text(page.Document.QuerySelector("#direct-payment-state"));
        state.ShouldContain("Setting up");
        state.ShouldContain("Nothing paid yet");
        state.ShouldContain("No account is monitored yet");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FinanceOfficersMyWork_ListsSetUpsAndFlags_TeamWork_ListsTheOverdueOnes(DatabaseProvider provider)
    {
        var late = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, late.Id, Today.AddDays(30), Today.AddDays(-30), directPayment: true);
        await app.DirectPaymentAsync(provider, late.Id, ArrangedDp.SettingUp, setUpDue: Today.AddDays(-3));
        var onTime = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, onTime.Id, Today.AddDays(30), Today.AddDays(-30), directPayment: true);
        await app.DirectPaymentAsync(provider, onTime.Id, ArrangedDp.SettingUp, setUpDue: Today.AddDays(5));
        var flagged = await app.NewNorthPersonAsync(provider);
        await app.FlaggedAccountAsync(provider, flagged.Id, FlagKind.Surplus, raisedDaysAgo: 20);
        var flaggedRecently = await app.NewNorthPersonAsync(provider);
        await app.FlaggedAccountAsync(provider, flaggedRecently.Id, FlagKind.DisallowedSpending, raisedDaysAgo: 1);

        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var mine = await finance.GetAsync("/Finance/Work");
        mine.Status.ShouldBe(HttpStatusCode.OK, mine.Html);
        var setUps = HtmlPage.Text(mine.Document.QuerySelector("#setups-mine"));
        setUps.ShouldContain(late.PersonIdentifier);
        setUps.ShouldContain(onTime.PersonIdentifier);
        var flags = HtmlPage.Text(mine.Document.QuerySelector("#flags"));
        flags.ShouldContain(flagged.PersonIdentifier);
        flags.ShouldContain(flaggedRecently.PersonIdentifier);

        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var team = await manager.GetAsync("/Work/Team");
        team.Status.ShouldBe(HttpStatusCode.OK, team.Html);
        var overdueSetUps = HtmlPage.Text(team.Document.QuerySelector("#setups-overdue"));
        overdueSetUps.ShouldContain(late.PersonIdentifier);
        overdueSetUps.ShouldNotContain(onTime.PersonIdentifier);
        var overdueFlags = HtmlPage.Text(team.Document.QuerySelector("#flags-overdue"));
        overdueFlags.ShouldContain(flagged.PersonIdentifier);
        overdueFlags.ShouldNotContain(flaggedRecently.PersonIdentifier);

        // The practitioners' My work shows neither to a practitioner without the finance permissions.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var work = await nurse.GetAsync("/Work");
        work.Status.ShouldBe(HttpStatusCode.OK);
        work.Document.QuerySelector("#setups-mine").ShouldBeNull();
        work.Document.QuerySelector("#setups-mine-none").ShouldBeNull();
    }
}
