using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.DirectPayments;

/// <summary>
/// Issue 15's journey: a finance officer sets up the direct payment of a person whose plan is approved (NM100026, being
/// set up), prints the agreement, records the signature, and creates a payment run; a second finance officer (the finance
/// team manager) approves it and downloads the payment file, which carries the agreement's reference and the control
/// totals; the first opens the prepaid card account it is paid into, imports a prepaid card statement that raises a surplus flag, gives notice of a reclaim and resolves
/// the flag with what the audit found. axe-core checks every page.
/// </summary>
/// <remarks>
/// No other journey uses the direct payment demo people (NM100026 to NM100029) or makes payment runs. The run takes every
/// signed agreement due by today, so NM100027 (signed, waiting) is paid in it too: the file's totals are checked against
/// the run's page, not against fixed figures.
/// </remarks>
public sealed class DirectPaymentJourneyTests(AppServerFixture app) : EndToEndTest(app)
{
    /// <summary>NM100026: approved plan with a personal assistant paid by direct payment (£165 a week, contribution £10).</summary>
    private const int PersonIndex = 25;

    private const string Finance = "finance@northmoor.example";
    private const string FinanceManager = "financemanager@northmoor.example";

    private const string AccountReference = "PC-20260026";

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task FinanceOfficer_SetsUpAndSigns_ARunIsApprovedByAnother_AndASurplusIsReclaimedWithNotice()
    {
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);

        // The set-up, from the finance officer's list of direct payments to set up.
        await SignInAsync(Finance);
        await GoToAsync("/DirectPayments");
        var setUp = Page.Locator("#setups tbody tr").Filter(new() { HasText = "NM100026" });
        await Expect(setUp).ToHaveCountAsync(1);
        await FollowAsync(setUp.GetByRole(AriaRole.Link));
        await Expect(SummaryRow("Status")).ToContainTextAsync("Being set up");
        await Expect(SummaryRow("Net payment")).ToContainTextAsync("£155.00 a week");
        var reference = (await SummaryRow("Reference").Locator(".govuk-summary-list__value").InnerTextAsync()).Trim();
        reference.ShouldStartWith("DP-");
        await FollowAsync(Link("Record or change the set-up"));
        await Expect(Heading("Set up the direct payment", 1)).ToBeVisibleAsync();
        await Radio("Who receives the direct payment", "The person");
        await Radio("Does the person have capacity to request a direct payment?", "Yes");
        await Radio("Has the person (or the authorised person) agreed to receive it?", "Yes");
        await Page.GetByLabel("How capacity and consent were decided (optional)").FillAsync("Capacity for this decision assessed with the person at home");
        await Radio("Will it pay a spouse, partner or close relative who lives in the same household?", "No");
        await Radio("Account", "A prepaid card account");
        await Page.GetByLabel("Name on the account").FillAsync("Northmoor prepaid card (journey)");
        await Page.GetByLabel("Sort code").FillAsync("309457");
        await Page.GetByLabel("Account number").FillAsync("20260026");
        await Radio("Will the person employ personal assistants?", "Yes");
        await Radio("If yes: do they use a payroll service?", "Yes");
        await Radio("If yes: do they have employer's liability insurance?", "Yes");
        await Radio("How often it is paid (in advance)", "Every four weeks");
        await FillDateAsync("The start date", today);
        await FollowAsync(Button("Save the set-up"));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync("Set-up saved. Print the agreement for signature");

        // The agreement, to print and sign.
        await FollowAsync(Page.Locator("#agreement-link"));
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("Your direct payment of £155.00 a week");
        await Expect(Page.Locator("main")).ToContainTextAsync(reference);
        // The first period is pro rata to the payment cycle: its amount is what the run pays.
        await Expect(SummaryRow("First payment")).ToContainTextAsync($", for {UkFormat.Date(today)} to ");
        var firstText = (await SummaryRow("First payment").Locator(".govuk-summary-list__value").InnerTextAsync()).Trim().Split(',')[0];
        var first = decimal.Parse(firstText.TrimStart('£'), NumberStyles.Number, CultureInfo.InvariantCulture);
        first.ShouldBeGreaterThan(0m);
        first.ShouldBeLessThanOrEqualTo(620m);
        await FollowAsync(Link("Back to the direct payment"));

        await FillDateAsync("The date the agreement was signed", today);
        await FollowAsync(Button("Record the signature"));
        await Expect(SummaryRow("Status")).ToContainTextAsync("Agreement signed: being paid");
        await Expect(SummaryRow("Agreement signed")).ToContainTextAsync(UkFormat.Date(today));

        // The prepaid card account the council monitors, opened for the agreement from the person's monitoring tab. The
        // weekly net payment and contribution are left blank: the agreement's are taken.
        await FollowAsync(Link("Direct payment monitoring"));
        await Expect(Page.Locator("#accounts-none")).ToBeVisibleAsync();
        await FollowAsync(Button("Open a monitored account"));
        await Expect(Heading("Open a monitored account", 1)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Group, new() { Name = "Which direct payment agreement", Exact = true }).GetByLabel(new Regex($"^{Regex.Escape(reference)}:"))).ToBeCheckedAsync();
        await Radio("Kind of account", "Prepaid card account");
        await Page.GetByLabel("Account reference").FillAsync(AccountReference);
        await FillDateAsync("Date the account opened", today);
        await FollowAsync(Button("Open the account"));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync($"Prepaid card account {AccountReference} recorded: £155.00 a week net");
        await Expect(Account().Locator(".govuk-summary-list__row").Filter(new() { HasText = "Direct payment agreement" })).ToContainTextAsync(reference);

        // A payment run for today, created by the finance officer, who cannot approve it.
        await GoToAsync("/DirectPayments");
        await FillDateAsync("The date of the payment run", today);
        await FollowAsync(Button("Create the payment run"));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync("another finance officer approves it");
        await Expect(Page.Locator("#four-eyes")).ToContainTextAsync("Another finance officer must approve this run");
        await Expect(Page.Locator("#payments tbody tr").Filter(new() { HasText = reference })).ToContainTextAsync(firstText);
        var runPath = new Uri(Page.Url).AbsolutePath;
        var batch = (await Page.Locator("h1").InnerTextAsync()).Trim();

        // The finance team manager approves it and downloads the file.
        await SignInAsync(FinanceManager);
        await GoToAsync(runPath);
        await FollowAsync(Button("Approve the payment run"));
        await Expect(SummaryRow("Status")).ToContainTextAsync("Approved");
        var count = int.Parse((await SummaryRow("Payments").Locator(".govuk-summary-list__value").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
        var total = decimal.Parse((await SummaryRow("Total").Locator(".govuk-summary-list__value").InnerTextAsync()).Trim().TrimStart('£'), NumberStyles.Number, CultureInfo.InvariantCulture);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#file").ClickAsync());
        download.SuggestedFilename.ShouldBe($"{batch}.csv");
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!, TestContext.Current.CancellationToken)).Where(l => l.Length > 0).ToList();
        // The file's format is ADR 0034's: a kind on each payment row, a subtotal per kind, then the control row.
        lines[0].ShouldBe("RecordType,BatchReference,PaymentReference,Payee,SortCode,AccountNumber,Amount,PeriodStart,PeriodEnd,Kind");
        var mine = lines.Where(l => l.StartsWith($"PAYMENT,{batch},{reference}-", StringComparison.Ordinal)).ShouldHaveSingleItem();
        mine.ShouldContain(FormattableString.Invariant($",309457,20260026,{first:0.00},"));
        mine.ShouldContain($",{today:yyyy-MM-dd},");
        mine.ShouldEndWith(",DirectPayment");
        var subtotal = lines.Where(l => l.StartsWith($"SUBTOTAL,{batch},", StringComparison.Ordinal) && l.EndsWith(",DirectPayment", StringComparison.Ordinal)).ShouldHaveSingleItem().Split(',');
        decimal.Parse(subtotal[6], CultureInfo.InvariantCulture).ShouldBe(lines.Where(l => l.StartsWith("PAYMENT,", StringComparison.Ordinal) && l.EndsWith(",DirectPayment", StringComparison.Ordinal))
            .Sum(l => decimal.Parse(l.Split(',')[6], CultureInfo.InvariantCulture)));
        lines.Count(l => l.StartsWith("PAYMENT,", StringComparison.Ordinal)).ShouldBe(count);
        var control = lines[^1].Split(',');
        (control[0], control[1], control[2]).ShouldBe(("CONTROL", batch, count.ToString(CultureInfo.InvariantCulture)));
        decimal.Parse(control[6], CultureInfo.InvariantCulture).ShouldBe(total);
        lines.Where(l => l.StartsWith("PAYMENT,", StringComparison.Ordinal)).Sum(l => decimal.Parse(l.Split(',')[6], CultureInfo.InvariantCulture)).ShouldBe(total);

        // The person's direct payment shows the payment made.
        await GoToAsync(DemoData.PersonPath(PersonIndex, "DirectPayment"));
        await Expect(Page.Locator("#payments tbody")).ToContainTextAsync(firstText);

        // The statement: the payment and a balance carried over from the previous card, little spent. The balance is far
        // above 8 weeks of payments (£1,240).
        await SignInAsync(Finance);
        await GoToAsync(DemoData.PersonPath(PersonIndex, "Monitoring"));
        var account = Account();
        await Expect(account).ToContainTextAsync("No statement imported");
        await Expect(account.Locator(".govuk-summary-list__row").Filter(new() { Has = Page.Locator(".govuk-summary-list__key", new() { HasTextRegex = new Regex("^\\s*Paid in\\s*$") }) })).ToContainTextAsync($"{firstText} by the council");
        var balance = 1500m + first - 75m;
        var statement = string.Join("\r\n",
            "Date,Description,Amount,Balance,Merchant category",
            $"{today.AddDays(-1):yyyy-MM-dd},Carried forward from the previous card,1500.00,1500.00,Transfer",
            FormattableString.Invariant($"{today:yyyy-MM-dd},Northmoor Council direct payment,{first:0.00},{1500m + first:0.00},Government"),
            FormattableString.Invariant($"{today:yyyy-MM-dd},Personal assistant wages,-75.00,{balance:0.00},Payroll services")) + "\r\n";
        await account.GetByLabel("Statement file (CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "prepaid-card-statement.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(statement),
        });
        await FollowAsync(account.GetByRole(AriaRole.Button, new() { Name = "Import the statement", Exact = true }));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync("Statement imported: 3 rows, 3 new, 1 new flags");
        account = Account();
        await Expect(account.Locator(".govuk-summary-list__row").Filter(new() { HasText = "Balance in weeks of payments" })).ToContainTextAsync(MonitoringRules.SurplusWeeks(balance, 155m).ToString("0.0", CultureInfo.InvariantCulture) + " weeks");
        var flag = account.Locator("[id^='flags-'] tbody tr").Filter(new() { HasText = "Surplus above the agreed level" });
        await Expect(flag).ToHaveCountAsync(1);
        await Expect(flag).ToContainTextAsync("Open");

        // Notice of a reclaim: no more than the balance above the 4-week contingency reserve of £620.
        await Expect(account).ToContainTextAsync($"Up to {UkFormat.Money(balance - 620m)}");
        await account.GetByLabel("Amount to reclaim, in pounds and pence").FillAsync("500.00");
        await account.GetByRole(AriaRole.Group, new() { Name = "How it will be reclaimed" }).GetByLabel("Taken off a later payment", new() { Exact = true }).CheckAsync();
        await account.GetByLabel("Why it is reclaimed (the notice to the person says this)").FillAsync("The card holds more than 8 weeks of payments that the support plan does not need.");
        await FollowAsync(account.GetByRole(AriaRole.Button, new() { Name = "Give notice of the reclaim", Exact = true }));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync($"Notice given of a reclaim of £500.00: print the letter for the person. It can be taken from {UkFormat.Date(today.AddDays(28))}");
        account = Account();
        var reclaim = account.Locator("[id^='reclaims-'] tbody tr").Filter(new() { HasText = "£500.00" });
        await Expect(reclaim).ToContainTextAsync(UkFormat.Date(today.AddDays(28)));
        await FollowAsync(reclaim.GetByRole(AriaRole.Link, new() { Name = "Notice letter" }));
        await Expect(Page.Locator("main")).ToContainTextAsync("£500.00");
        await GoToAsync(DemoData.PersonPath(PersonIndex, "Monitoring"));

        // The flag resolved with what the audit of the account found.
        account = Account();
        var resolve = account.Locator("form").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Resolve the flag" }) });
        await Expect(resolve).ToHaveCountAsync(1);
        await resolve.Locator("textarea").FillAsync("Card balance checked with the person: a surplus built up before the personal assistant started. Notice of a reclaim given.");
        await FollowAsync(resolve.GetByRole(AriaRole.Button, new() { Name = "Resolve the flag" }));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync("Flag resolved: Surplus above the agreed level");
        flag = Account().Locator("[id^='flags-'] tbody tr").Filter(new() { HasText = "Surplus above the agreed level" });
        await Expect(flag).ToContainTextAsync("Found: Card balance checked with the person");
        await Expect(Account().Locator("form").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Resolve the flag" }) })).ToHaveCountAsync(0);
    }

    /// <summary>The prepaid card account's section of the monitoring page.</summary>
    private ILocator Account() => Page.Locator("section[id^='account-']").Filter(new() { Has = Heading($"Prepaid card account {AccountReference}", 2) });

    private Task Radio(string legend, string label) =>
        Page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true }).GetByLabel(label, new() { Exact = true }).CheckAsync();

    private async Task FillDateAsync(string legend, DateOnly date)
    {
        var group = Page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
