using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.DirectPayments;

/// <summary>
/// Issue 15, slice A: a plan with direct-payment parts is approved, the set-up starts; the finance officer records it
/// (the close-relative rule refused without a reason), the agreement prints, the signature is recorded; payment runs pay
/// each period once whatever is raced, retried or interrupted; four eyes; practitioners see no bank details.
/// </summary>
public sealed class DirectPaymentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string FinanceManager = "financemanager@northmoor.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, WebJson), Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Browser browser, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = body is null ? ApiContent.JsonWithoutBody() : Json(body) };
        using var response = await browser.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A North person whose plan (with a £93 a week direct-payment part and a £20 contribution) the manager approves through the API.</summary>
    private async Task<(Guid PersonId, DirectPayment Dp)> ApprovedAsync(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, contribution: 20m);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var (status, body) = await SendAsync(manager, HttpMethod.Post, $"/api/v1/approvals/{plan.RequestId}/decision", new { outcome = "Approved", reasons = "Meets the eligible needs", revision = 1 });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        var dp = await app.QueryAsync(provider, db => db.DirectPayments.AsNoTracking().SingleAsync(d => d.PersonId == person.Id));
        return (person.Id, dp);
    }

    private static object SetUp(bool closeRelative = false, string? reason = null, string sortCode = "30-94-57") => new
    {
        revision = 1,
        setUp = new
        {
            recipient = "Person", personHasCapacity = true, consentGiven = true, paysCloseRelativeInHousehold = closeRelative, closeRelativeReason = reason,
            account = "PrepaidCard", accountName = "Card account", sortCode, accountNumber = "12345678", employsPersonalAssistants = false, frequency = "FourWeekly",
        },
    };

    /// <summary>Approved, set up and signed today through the API: payable.</summary>
    private async Task<(Guid PersonId, DirectPayment Dp)> SignedAsync(DatabaseProvider provider)
    {
        var (personId, dp) = await ApprovedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        (await SendAsync(finance, HttpMethod.Put, $"/api/v1/people/{personId}/direct-payments/{dp.Id}", SetUp())).Status.ShouldBe(HttpStatusCode.OK);
        var (status, body) = await SendAsync(finance, HttpMethod.Post, $"/api/v1/people/{personId}/direct-payments/{dp.Id}/signature", new { revision = 2, signedOn = Today });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        return (personId, await app.QueryAsync(provider, db => db.DirectPayments.AsNoTracking().SingleAsync(d => d.Id == dp.Id)));
    }

    private Task<List<Payment>> PaymentsOfAsync(DatabaseProvider provider, Guid dpId) =>
        app.QueryAsync(provider, db => db.Payments.AsNoTracking().Where(p => p.SourceId == dpId).OrderBy(p => p.PeriodStart).ToListAsync());

    private static DateOnly RunDate => Today.AddDays(28);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ApprovingAPlanWithADirectPayment_StartsTheSetUp_WithTheNetFromTheBudget(DatabaseProvider provider)
    {
        var (personId, dp) = await ApprovedAsync(provider);

        dp.Status.ShouldBe(DirectPaymentStatus.SettingUp);
        (dp.GrossWeekly, dp.ContributionWeekly, dp.NetWeekly).ShouldBe((93m, 20m, 73m));
        dp.DueDate.ShouldBeGreaterThan(Today.AddDays(9));
        dp.StartDate.ShouldBe(Today.AddDays(7));

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var tab = await nurse.GetAsync($"/People/{personId}/DirectPayment");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.SummaryValue("Status").ShouldBe("Being set up");
        tab.SummaryValue("Net payment").ShouldBe("£73.00 a week");
        tab.Document.QuerySelector("#actions").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FinanceOfficer_SetsUpPrintsAndSigns_ACloseRelativeNeedsAReason(DatabaseProvider provider)
    {
        var (personId, dp) = await ApprovedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);

        var form = await finance.GetAsync($"/People/{personId}/DirectPayment/{dp.Id}/SetUp");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var fields = new (string, string?)[]
        {
            ("Recipient", "Person"), ("PersonHasCapacity", "true"), ("ConsentGiven", "true"), ("PaysCloseRelativeInHousehold", "true"),
            ("Account", "OwnBankAccount"), ("AccountName", "A Person"), ("SortCode", "30-94-57"), ("AccountNumber", "12345678"), ("EmploysPersonalAssistants", "false"), ("Frequency", "FourWeekly"),
        };
        var refused = await finance.SubmitAsync(form, fields);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("CloseRelativeReason").ShouldNotBeNull().ShouldStartWith("Say why paying a close relative who lives in the same household is necessary");

        var saved = await finance.SubmitAsync(refused, ("CloseRelativeReason", "Only his sister can give the personal care he accepts"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var tab = await finance.FollowAsync(saved);
        tab.SummaryValue("Close relative in the household").ShouldBe("Paid, as necessary: Only his sister can give the personal care he accepts");
        tab.SummaryValue("Account").ShouldNotBeNull().ShouldContain("sort code 30-94-57");

        var agreement = await finance.GetAsync($"/People/{personId}/DirectPayment/{dp.Id}/Agreement");
        agreement.Status.ShouldBe(HttpStatusCode.OK);
        agreement.Heading.ShouldBe("Your direct payment of £73.00 a week");
        agreement.BodyText.ShouldContain("We cannot make the first payment until it is signed");
        agreement.BodyText.ShouldNotContain("12345678");

        var future = await finance.SubmitAsync(tab, [new("SignedOn.Day", Today.AddDays(1).Day.ToString()), new("SignedOn.Month", Today.AddDays(1).Month.ToString()), new("SignedOn.Year", Today.AddDays(1).Year.ToString())], "form[action*='handler=Sign']");
        future.Status.ShouldBe(HttpStatusCode.BadRequest);
        future.FieldError("SignedOn").ShouldBe("The date the agreement was signed must be today or in the past");

        var signed = await finance.SubmitAsync(future, [new("SignedOn.Day", Today.Day.ToString()), new("SignedOn.Month", Today.Month.ToString()), new("SignedOn.Year", Today.Year.ToString())], "form[action*='handler=Sign']");
        signed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", signed.ErrorSummary));
        tab = await finance.FollowAsync(signed);
        tab.SummaryValue("Agreement signed").ShouldBe(UkFormat.Date(Today));
        tab.SummaryValue("Status").ShouldBe("Agreement signed: being paid");
        (await app.QueryAsync(provider, db => db.AuditEntries.AnyAsync(a => a.RecordType == "DirectPayment" && a.PersonId == personId && a.Reason!.Contains("close relative")))).ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NothingIsPaid_BeforeTheSignatureIsRecorded(DatabaseProvider provider)
    {
        var (personId, dp) = await ApprovedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        (await SendAsync(finance, HttpMethod.Put, $"/api/v1/people/{personId}/direct-payments/{dp.Id}", SetUp())).Status.ShouldBe(HttpStatusCode.OK);

        await SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate });

        (await PaymentsOfAsync(provider, dp.Id)).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PaymentRun_AnotherOfficerApproves_TheFileHasControlTotals_AndARetryPaysNothingTwice(DatabaseProvider provider)
    {
        var (personId, dp) = await SignedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        using var manager = await app.SignedInAsync(provider, FinanceManager);

        var runs = await finance.GetAsync("/DirectPayments");
        runs.Status.ShouldBe(HttpStatusCode.OK);
        var created = await finance.SubmitAsync(runs, ("RunDate.Day", RunDate.Day.ToString()), ("RunDate.Month", RunDate.Month.ToString()), ("RunDate.Year", RunDate.Year.ToString()));
        created.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        var details = await finance.FollowAsync(created);
        details.Document.GetElementById("four-eyes").ShouldNotBeNull();
        var runId = Guid.Parse(details.Url.Split('/')[^1]);

        // The creator cannot approve (four eyes), through the API either.
        var (own, problem) = await SendAsync(finance, HttpMethod.Post, $"/api/v1/payment-runs/{runId}/approval");
        own.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errorCode").GetString().ShouldBe("payment-run-four-eyes");

        // The person's prepaid card account is monitored (ADR 0035): what the run pays is recorded there as paid in.
        var (opened, account) = await SendAsync(finance, HttpMethod.Post, $"/api/v1/people/{personId}/dp-accounts",
            new { kind = "PrepaidCard", accountReference = "PC-RUN-TEST", weeklyNetPayment = 73m, openedOn = Today.AddDays(-30) });
        opened.ShouldBe(HttpStatusCode.Created);
        var accountId = account.GetProperty("id").GetGuid();

        var expected = DirectPaymentSchedule(dp);
        var proposed = await PaymentsOfAsync(provider, dp.Id);
        proposed.Select(p => (p.PeriodStart, p.Amount, p.Status)).ShouldBe(expected.Select(p => (p.Start, p.Amount, PaymentStatus.Proposed)));

        var seen = await manager.GetAsync(details.Url);
        var approved = await manager.SubmitAsync(seen, [], "form[action*='handler=Approve']");
        approved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", approved.ErrorSummary));
        seen = await manager.FollowAsync(approved);
        seen.SummaryValue("Status").ShouldBe("Approved: payment file made");

        using var file = await manager.Http.GetAsync(new Uri(seen.Document.GetElementById("file")!.GetAttribute("href")!, UriKind.Relative), Ct);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await file.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(PaymentFile.Header);
        var mine = lines.Where(l => l.Contains(dp.Reference, StringComparison.Ordinal)).ToList();
        mine.Count.ShouldBe(expected.Count(p => p.Amount > 0));
        mine[0].ShouldContain(",309457,12345678,");
        var control = lines[^1].Split(',');
        control[0].ShouldBe("CONTROL");
        var paymentRows = lines.Where(l => l.StartsWith("PAYMENT,", StringComparison.Ordinal)).ToList();
        int.Parse(control[2]).ShouldBe(paymentRows.Count);
        decimal.Parse(control[6], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(paymentRows.Sum(l => decimal.Parse(l.Split(',')[6], System.Globalization.CultureInfo.InvariantCulture)));

        // A retried approval changes nothing.
        var (again, run) = await SendAsync(manager, HttpMethod.Post, $"/api/v1/payment-runs/{runId}/approval");
        again.ShouldBe(HttpStatusCode.OK);
        run.GetProperty("status").GetString().ShouldBe("Approved");
        var paid = await PaymentsOfAsync(provider, dp.Id);
        paid.Count.ShouldBe(expected.Count);
        paid.ShouldAllBe(p => p.Status == PaymentStatus.Paid);
        var payIns = await app.QueryAsync(provider, db => db.AccountPayIns.AsNoTracking().Where(i => i.AccountId == accountId).ToListAsync(Ct));
        payIns.Select(i => i.Amount).Order().ShouldBe(paid.Where(p => p.Amount > 0).Select(p => p.Amount).Order());
        payIns.ShouldAllBe(i => i.Source == PersonalBudgets.Core.Monitoring.PayInSource.Council && i.Reference!.StartsWith(run.GetProperty("batchReference").GetString()!, StringComparison.Ordinal));

        // A new run for the same date finds nothing more of this agreement to pay.
        await SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate });
        (await PaymentsOfAsync(provider, dp.Id)).Count.ShouldBe(expected.Count);

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var tab = await nurse.GetAsync($"/People/{personId}/DirectPayment");
        var rows = tab.TableRows("#payments");
        rows.Count.ShouldBe(expected.Count);
        rows.ShouldAllBe(r => r[1].StartsWith("Paid on ", StringComparison.Ordinal));
        tab.BodyText.ShouldNotContain("12345678");
    }

    private static IReadOnlyList<SchedulePeriod> DirectPaymentSchedule(DirectPayment dp) => PaymentSchedule.Due(dp.Terms(), null, 0m, RunDate);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwoOfficersCreateRunsAtOnce_NoPeriodIsTakenTwice_AndNoneIsLost(DatabaseProvider provider)
    {
        var (_, dp) = await SignedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        using var manager = await app.SignedInAsync(provider, FinanceManager);

        var results = await Task.WhenAll(
            SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate }),
            SendAsync(manager, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate }));

        results.Count(r => r.Status == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(1);
        results.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Conflict || r.Status == HttpStatusCode.BadRequest);
        var payments = await PaymentsOfAsync(provider, dp.Id);
        payments.Select(p => p.PeriodStart).ShouldBe(DirectPaymentSchedule(dp).Select(p => p.Start));
        payments.Select(p => p.RunId).Distinct().Count().ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task InterruptedRun_HoldsItsPeriods_UntilCancelled_ThenALaterRunPaysThem(DatabaseProvider provider)
    {
        var (_, dp) = await SignedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (status, first) = await SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate });
        status.ShouldBe(HttpStatusCode.OK);
        var firstId = first.GetProperty("id").GetGuid();

        // Left unapproved (the officer went home): a second run does not take the same periods.
        await SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate });
        (await PaymentsOfAsync(provider, dp.Id)).ShouldAllBe(p => p.RunId == firstId);

        var (cancelNoReason, problem) = await SendAsync(finance, HttpMethod.Post, $"/api/v1/payment-runs/{firstId}/cancellation", new { reason = "" });
        cancelNoReason.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await SendAsync(finance, HttpMethod.Post, $"/api/v1/payment-runs/{firstId}/cancellation", new { reason = "Interrupted: run again" })).Status.ShouldBe(HttpStatusCode.OK);

        var (again, second) = await SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate });
        again.ShouldBe(HttpStatusCode.OK);
        var live = (await PaymentsOfAsync(provider, dp.Id)).Where(p => p.Status != PaymentStatus.Cancelled).ToList();
        live.Select(p => p.PeriodStart).ShouldBe(DirectPaymentSchedule(dp).Select(p => p.Start));
        live.ShouldAllBe(p => p.RunId == second.GetProperty("id").GetGuid());
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_SeesTheAgreementAndPayments_NotBankDetails_AndCannotChangeIt(DatabaseProvider provider)
    {
        var (personId, dp) = await SignedAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var (status, list) = await SendAsync(nurse, HttpMethod.Get, $"/api/v1/people/{personId}/direct-payments");
        status.ShouldBe(HttpStatusCode.OK);
        list[0].GetProperty("netWeekly").GetDecimal().ShouldBe(73m);
        list[0].GetProperty("bankDetails").ValueKind.ShouldBe(JsonValueKind.Null);
        (await SendAsync(nurse, HttpMethod.Put, $"/api/v1/people/{personId}/direct-payments/{dp.Id}", SetUp())).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(nurse, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate })).Status.ShouldBe(HttpStatusCode.Forbidden);

        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (_, withBank) = await SendAsync(finance, HttpMethod.Get, $"/api/v1/people/{personId}/direct-payments");
        withBank[0].GetProperty("bankDetails").GetProperty("accountNumber").GetString().ShouldBe("12345678");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BadInput_Is400NamingTheField(DatabaseProvider provider)
    {
        var (personId, dp) = await ApprovedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);

        var (badSort, problem) = await SendAsync(finance, HttpMethod.Put, $"/api/v1/people/{personId}/direct-payments/{dp.Id}", SetUp(sortCode: "12-34"));
        badSort.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("sortCode")[0].GetString().ShouldBe("Enter a sort code of 6 digits, like 30-94-57");

        var (closeRelative, p2) = await SendAsync(finance, HttpMethod.Put, $"/api/v1/people/{personId}/direct-payments/{dp.Id}", SetUp(closeRelative: true));
        closeRelative.ShouldBe(HttpStatusCode.BadRequest);
        p2.GetProperty("errors").TryGetProperty("closeRelativeReason", out _).ShouldBeTrue();

        var (noDate, p3) = await SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = (DateOnly?)null });
        noDate.ShouldBe(HttpStatusCode.BadRequest);
        p3.GetProperty("errors").TryGetProperty("runDate", out _).ShouldBeTrue();

        var (unsigned, p4) = await SendAsync(finance, HttpMethod.Post, $"/api/v1/people/{personId}/direct-payments/{dp.Id}/signature", new { revision = 1, signedOn = Today });
        unsigned.ShouldBe(HttpStatusCode.BadRequest);
        p4.GetProperty("errors").TryGetProperty("recipient", out _).ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SuspendAndEnd_NeedAReasonAndNotice_AndTheScheduleFollows(DatabaseProvider provider)
    {
        var (personId, dp) = await SignedAsync(provider);
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);

        var page = await finance.GetAsync($"/People/{personId}/DirectPayment/{dp.Id}/Change?what=suspend");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var refused = await finance.SubmitAsync(page, ("SuspendFrom.Day", "1"), ("SuspendFrom.Month", "1"), ("SuspendFrom.Year", "2020"));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("NoticeGivenOn").ShouldBe("Enter the date notice was given");

        var from = dp.StartDate!.Value;
        var (ok, body) = await SendAsync(finance, HttpMethod.Post, $"/api/v1/people/{personId}/direct-payments/{dp.Id}/suspension",
            new { revision = dp.Revision, from, to = from.AddDays(6), reason = "Hospital stay", noticeGivenOn = Today });
        ok.ShouldBe(HttpStatusCode.OK, body.ToString());
        var (ended, endBody) = await SendAsync(finance, HttpMethod.Post, $"/api/v1/people/{personId}/direct-payments/{dp.Id}/end",
            new { revision = dp.Revision + 1, lastDay = from.AddDays(13), reason = "Moved to another council", noticeGivenOn = Today });
        ended.ShouldBe(HttpStatusCode.OK, endBody.ToString());
        endBody.GetProperty("status").GetString().ShouldBe("Ended");

        (await SendAsync(finance, HttpMethod.Post, "/api/v1/payment-runs", new { runDate = RunDate })).Status.ShouldBe(HttpStatusCode.OK);
        // Two weeks, one suspended: one week at £73 net.
        (await PaymentsOfAsync(provider, dp.Id)).Sum(p => p.Amount).ShouldBe(73m);
    }
}
