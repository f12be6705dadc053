using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Features.Providers;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.DirectPayments;

/// <summary>
/// Issue 15 items 2 and 3 (ADR 0037): a payment run pays direct payments, individual service funds (by their schedule, to
/// the provider's account) and approved provider invoices (once, at the approved amount). Approval marks the invoices paid
/// in the same unit of work; cancelling leaves them approved; retries and races pay nothing twice; invoices not approved
/// wait; a provider without bank details is left out and listed; practitioners run nothing and see no bank details.
/// </summary>
public sealed class ProviderPaymentRunTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string FinanceManager = "financemanager@northmoor.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    private static DateOnly RunDate => Today.AddDays(28);

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected) => ProvidersApiTests.JsonAsync(response, expected);

    /// <summary>A provider with a £25 an hour rate for "Home support" and, unless told otherwise, bank details.</summary>
    private static async Task<(Guid Id, string Name)> ProviderAsync(HttpClient finance, bool bank = true)
    {
        var name = $"Run Care {Guid.NewGuid():N}"[..20];
        var created = await JsonAsync(await finance.PostAsJsonAsync("/api/v1/providers", new { name, type = "HomeCare" }, Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/providers/{id}/rates",
            new { revision = 1, service = "Home support", unit = "Hour", rate = 25m, from = Today.AddDays(-30) }, Ct), HttpStatusCode.Created);
        if (bank)
        {
            await JsonAsync(await finance.PutAsJsonAsync($"/api/v1/providers/{id}/bank-details", new { revision = 2, sortCode = "30-94-30", accountNumber = "55667788", accountName = "Run Care Ltd" }, Ct), HttpStatusCode.OK);
        }

        return (id, name);
    }

    /// <summary>A North person's individual service fund with the provider: 10 hours a week at £25 from a week today.</summary>
    private async Task<(Guid PersonId, CommissionedService Fund)> FundAsync(DatabaseProvider provider, HttpClient finance, Guid providerId)
    {
        var (personId, planId, elementId, start) = await ProvidersApiTests.ApprovedPlanWithIsfAsync(app, provider);
        var service = await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services",
            new { planId, elementId, providerId, service = "Home support", unitsPerWeek = 10m, startDate = start }, Ct), HttpStatusCode.Created);
        var id = service.GetProperty("id").GetGuid();
        return (personId, await app.QueryAsync(provider, db => db.CommissionedServices.AsNoTracking().SingleAsync(s => s.Id == id)));
    }

    /// <summary>An invoice of £120 (4 hours at £30) for the last fortnight, approved unless told otherwise.</summary>
    private static async Task<Guid> InvoiceAsync(HttpClient finance, Guid providerId, bool approve = true)
    {
        var number = $"INV-{Guid.NewGuid():N}"[..14];
        var invoice = await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices", new
        {
            invoiceNumber = number, periodStart = Today.AddDays(-14), periodEnd = Today.AddDays(-1),
            lines = new[] { new { description = "Extra support after a discharge", units = 4m, rate = 30m } },
        }, Ct), HttpStatusCode.Created);
        var id = invoice.GetProperty("id").GetGuid();
        if (approve)
        {
            await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices/{id}/approve", new { revision = 1, note = "Agreed with the care coordinator" }, Ct), HttpStatusCode.OK);
        }

        return id;
    }

    private Task<List<Payment>> PaymentsOfAsync(DatabaseProvider provider, Guid sourceId) =>
        app.QueryAsync(provider, db => db.Payments.AsNoTracking().Where(p => p.SourceId == sourceId).OrderBy(p => p.PeriodStart).ToListAsync());

    private Task<Invoice> InvoiceOfAsync(DatabaseProvider provider, Guid id) => app.QueryAsync(provider, db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(Browser browser, string url, object? body = null)
    {
        using var response = await browser.Http.PostAsJsonAsync(url, body ?? new { }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A North person with a signed direct payment (£73 a week net), through the API.</summary>
    private async Task<DirectPayment> SignedDirectPaymentAsync(DatabaseProvider provider, Browser finance)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, contribution: 20m);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        (await PostAsync(manager, $"/api/v1/approvals/{plan.RequestId}/decision", new { outcome = "Approved", reasons = "Meets the eligible needs", revision = 1 })).Status.ShouldBe(HttpStatusCode.OK);
        var dp = await app.QueryAsync(provider, db => db.DirectPayments.AsNoTracking().SingleAsync(d => d.PersonId == person.Id));
        var setUp = new
        {
            revision = 1,
            setUp = new
            {
                recipient = "Person", personHasCapacity = true, consentGiven = true, paysCloseRelativeInHousehold = false,
                account = "OwnBankAccount", accountName = "A Person", sortCode = "11-22-33", accountNumber = "12345678", employsPersonalAssistants = false, frequency = "FourWeekly",
            },
        };
        (await finance.Http.PutAsJsonAsync($"/api/v1/people/{person.Id}/direct-payments/{dp.Id}", setUp, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(finance, $"/api/v1/people/{person.Id}/direct-payments/{dp.Id}/signature", new { revision = 2, signedOn = Today })).Status.ShouldBe(HttpStatusCode.OK);
        return dp;
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ARunPaysAllThreeKinds_ApprovalMarksTheInvoicePaid_AndARetriedApprovalPaysNothingTwice(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var dp = await SignedDirectPaymentAsync(provider, finance);
        var (providerId, providerName) = await ProviderAsync(finance.Http);
        var (personId, fund) = await FundAsync(provider, finance.Http, providerId);
        var invoiceId = await InvoiceAsync(finance.Http, providerId);

        var (created, run) = await PostAsync(finance, "/api/v1/payment-runs", new { runDate = RunDate });
        created.ShouldBe(HttpStatusCode.OK, run.ToString());
        var runId = run.GetProperty("id").GetGuid();
        var batch = run.GetProperty("batchReference").GetString()!;

        // The fund's periods follow its schedule; the invoice is one payment of its approved amount; all in this run.
        var schedule = PaymentSchedule.Due(fund.Terms(), null, 0m, RunDate);
        schedule.Count.ShouldBeGreaterThan(0);
        var fundPayments = await PaymentsOfAsync(provider, fund.Id);
        fundPayments.Select(p => (p.SourceKind, p.PeriodStart, p.Amount, p.ProviderId, p.PersonId)).ShouldBe(
            schedule.Select(s => (PayableSource.IndividualServiceFund, s.Start, s.Amount, (Guid?)providerId, (Guid?)personId)));
        var invoicePayment = (await PaymentsOfAsync(provider, invoiceId)).ShouldHaveSingleItem();
        (invoicePayment.SourceKind, invoicePayment.Amount, invoicePayment.PeriodStart, invoicePayment.LastDay, invoicePayment.RunId).ShouldBe(
            (PayableSource.ProviderInvoice, 120m, Today.AddDays(-14), Today.AddDays(-1), runId));
        (await PaymentsOfAsync(provider, dp.Id)).ShouldNotBeEmpty();

        // The API and the page show each payment's kind, payee and reference, and the control totals per kind.
        using var details = await finance.Http.GetAsync($"/api/v1/payment-runs/{runId}", Ct);
        var body = await JsonAsync(details, HttpStatusCode.OK);
        var payments = body.GetProperty("payments").EnumerateArray().ToList();
        payments.Single(p => p.GetProperty("sourceId").GetGuid() == invoiceId).GetProperty("kind").GetString().ShouldBe("ProviderInvoice");
        payments.Where(p => p.GetProperty("sourceId").GetGuid() == fund.Id).ShouldAllBe(p => p.GetProperty("kind").GetString() == "IndividualServiceFund" && p.GetProperty("payeeName").GetString() == providerName);
        var dpPayments = payments.Where(p => p.GetProperty("sourceId").GetGuid() == dp.Id).ToList();
        dpPayments.ShouldNotBeEmpty();
        dpPayments.ShouldAllBe(p => p.GetProperty("kind").GetString() == "DirectPayment");
        body.GetProperty("totalsByKind").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ShouldBe(["DirectPayment", "IndividualServiceFund", "ProviderInvoice"]);
        var page = await manager.GetAsync($"/DirectPayments/Runs/{runId}");
        var invoiceRow = page.TableRows("#payments").Single(r => r[0] == invoicePayment.Reference);
        (invoiceRow[1], invoiceRow[2], invoiceRow[3]).ShouldBe(("Provider invoice", "Not for one person", providerName));
        page.TableRows("#payments").Where(r => r[0].StartsWith(fund.Reference, StringComparison.Ordinal)).ShouldAllBe(r => r[1] == "Individual service fund");
        page.TableRows("#totals").Select(r => r[0]).ShouldBe(["Direct payment", "Individual service fund", "Provider invoice"]);

        var approved = await manager.SubmitAsync(page, [], "form[action*='handler=Approve']");
        approved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", approved.ErrorSummary));
        var invoice = await InvoiceOfAsync(provider, invoiceId);
        (invoice.Status, invoice.PaidInRun).ShouldBe((InvoiceStatus.Paid, batch));

        // The file: the provider's account on its rows, each row's kind, a subtotal per kind, then the control row.
        using var file = await manager.Http.GetAsync($"/api/v1/payment-runs/{runId}/file", Ct);
        var lines = (await file.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(PaymentFile.Header);
        lines.Single(l => l.Contains($",{invoicePayment.Reference},", StringComparison.Ordinal)).ShouldBe(
            $"PAYMENT,{batch},{invoicePayment.Reference},Run Care Ltd,309430,55667788,120.00,{Today.AddDays(-14):yyyy-MM-dd},{Today.AddDays(-1):yyyy-MM-dd},ProviderInvoice");
        lines.Where(l => l.Contains($",{fund.Reference}-", StringComparison.Ordinal)).ShouldAllBe(l => l.Contains(",309430,55667788,", StringComparison.Ordinal) && l.EndsWith(",IndividualServiceFund", StringComparison.Ordinal));
        var rows = lines.Where(l => l.StartsWith("PAYMENT,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        var subtotals = lines.Where(l => l.StartsWith("SUBTOTAL,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        subtotals.Select(s => s[9]).ShouldBe(["DirectPayment", "IndividualServiceFund", "ProviderInvoice"]);
        foreach (var s in subtotals)
        {
            var ofKind = rows.Where(r => r[9] == s[9]).ToList();
            (int.Parse(s[2], CultureInfo.InvariantCulture), decimal.Parse(s[6], CultureInfo.InvariantCulture)).ShouldBe((ofKind.Count, ofKind.Sum(r => decimal.Parse(r[6], CultureInfo.InvariantCulture))));
        }

        lines[^1].Split(',')[2].ShouldBe(rows.Count.ToString(CultureInfo.InvariantCulture));

        // A retried approval changes nothing; a new run finds nothing more of these to pay.
        (await PostAsync(manager, $"/api/v1/payment-runs/{runId}/approval")).Status.ShouldBe(HttpStatusCode.OK);
        (await InvoiceOfAsync(provider, invoiceId)).Revision.ShouldBe(invoice.Revision);
        await PostAsync(finance, "/api/v1/payment-runs", new { runDate = RunDate });
        (await PaymentsOfAsync(provider, invoiceId)).ShouldHaveSingleItem().Status.ShouldBe(PaymentStatus.Paid);
        (await PaymentsOfAsync(provider, fund.Id)).Select(p => (p.PeriodStart, p.Status)).ShouldBe(schedule.Select(s => (s.Start, PaymentStatus.Paid)));

        // The provider's page shows what it was paid; the person's direct payment page shows the fund's payments.
        var providerPage = await finance.GetAsync($"/Providers/{providerId}");
        providerPage.TableRows("#paid").Count.ShouldBe(1 + schedule.Count(s => s.Amount > 0));
        providerPage.TableRows("#paid").ShouldAllBe(r => r[0] == batch);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var record = await nurse.GetAsync($"/People/{personId}/DirectPayment");
        record.TableRows("#isf-payments").Count.ShouldBe(schedule.Count);
        record.TableRows("#isf-payments").ShouldAllBe(r => r[0] == providerName && r[2].StartsWith("Paid on ", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CancellingTheRun_LeavesTheInvoiceApproved_AndALaterRunPaysIt(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var (providerId, _) = await ProviderAsync(finance.Http);
        var invoiceId = await InvoiceAsync(finance.Http, providerId);

        var (_, first) = await PostAsync(finance, "/api/v1/payment-runs", new { runDate = RunDate });
        var firstId = first.GetProperty("id").GetGuid();
        (await PaymentsOfAsync(provider, invoiceId)).ShouldHaveSingleItem().RunId.ShouldBe(firstId);
        (await PostAsync(finance, $"/api/v1/payment-runs/{firstId}/cancellation", new { reason = "Wrong date" })).Status.ShouldBe(HttpStatusCode.OK);
        (await InvoiceOfAsync(provider, invoiceId)).Status.ShouldBe(InvoiceStatus.Approved);

        var (again, second) = await PostAsync(finance, "/api/v1/payment-runs", new { runDate = RunDate });
        again.ShouldBe(HttpStatusCode.OK, second.ToString());
        var secondId = second.GetProperty("id").GetGuid();
        (await PaymentsOfAsync(provider, invoiceId)).Where(p => p.Status != PaymentStatus.Cancelled).ShouldHaveSingleItem().RunId.ShouldBe(secondId);
        (await PostAsync(manager, $"/api/v1/payment-runs/{secondId}/approval")).Status.ShouldBe(HttpStatusCode.OK);
        (await InvoiceOfAsync(provider, invoiceId)).PaidInRun.ShouldBe(second.GetProperty("batchReference").GetString());
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwentyRunsCreatedAtOnce_TakeEachInvoiceAndFundPeriodOnce(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (providerId, _) = await ProviderAsync(finance.Http);
        var invoiceId = await InvoiceAsync(finance.Http, providerId);
        var (_, fund) = await FundAsync(provider, finance.Http, providerId);

        using var race = await Race.FireAsync(() => finance.Http.PostAsJsonAsync("/api/v1/payment-runs", new { runDate = RunDate }, Ct));

        race.Responses.ShouldContain(r => r.StatusCode == HttpStatusCode.OK);
        race.Responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict || r.StatusCode == HttpStatusCode.BadRequest);
        var invoicePayments = (await PaymentsOfAsync(provider, invoiceId)).Where(p => p.Status != PaymentStatus.Cancelled).ToList();
        invoicePayments.ShouldHaveSingleItem();
        var fundPayments = (await PaymentsOfAsync(provider, fund.Id)).Where(p => p.Status != PaymentStatus.Cancelled).ToList();
        fundPayments.Select(p => p.PeriodStart).ShouldBe(PaymentSchedule.Due(fund.Terms(), null, 0m, RunDate).Select(p => p.Start));
        fundPayments.Select(p => p.RunId).Append(invoicePayments[0].RunId).Distinct().Count().ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AnInvoiceNotApproved_IsNotPaid_AndTheRunShowsItWaiting(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (providerId, _) = await ProviderAsync(finance.Http);
        var waitingId = await InvoiceAsync(finance.Http, providerId, approve: false);
        var queriedId = await InvoiceAsync(finance.Http, providerId, approve: false);
        await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices/{queriedId}/query", new { revision = 1, reason = "Which visits?" }, Ct), HttpStatusCode.OK);
        await InvoiceAsync(finance.Http, providerId);

        var (status, run) = await PostAsync(finance, "/api/v1/payment-runs", new { runDate = RunDate });
        status.ShouldBe(HttpStatusCode.OK, run.ToString());
        (await PaymentsOfAsync(provider, waitingId)).ShouldBeEmpty();
        (await PaymentsOfAsync(provider, queriedId)).ShouldBeEmpty();

        var page = await finance.GetAsync($"/DirectPayments/Runs/{run.GetProperty("id").GetGuid()}");
        var waiting = page.TableRows("#invoices-waiting");
        var numbers = await app.QueryAsync(provider, db => db.Invoices.AsNoTracking().Where(i => i.Id == waitingId || i.Id == queriedId).Select(i => i.InvoiceNumber).ToListAsync());
        waiting.Select(r => r[0]).ShouldContain(numbers[0]);
        waiting.Select(r => r[0]).ShouldContain(numbers[1]);
        page.Document.QuerySelector("#invoices-waiting caption")!.TextContent.ShouldContain("invoices waiting to be checked");
        page.Document.QuerySelectorAll("#invoices-waiting a").ShouldContain(a => a.GetAttribute("href") == $"/Providers/{providerId}/Invoices/{waitingId}");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AProviderWithoutBankDetails_IsLeftOutAndListed_AndTheRestIsPaid(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (noBankId, noBankName) = await ProviderAsync(finance.Http, bank: false);
        var (_, fund) = await FundAsync(provider, finance.Http, noBankId);
        var unpaidInvoiceId = await InvoiceAsync(finance.Http, noBankId);
        var (paidProviderId, _) = await ProviderAsync(finance.Http);
        var paidInvoiceId = await InvoiceAsync(finance.Http, paidProviderId);

        var (status, run) = await PostAsync(finance, "/api/v1/payment-runs", new { runDate = RunDate });
        status.ShouldBe(HttpStatusCode.OK, run.ToString());
        var runId = run.GetProperty("id").GetGuid();
        (await PaymentsOfAsync(provider, fund.Id)).ShouldBeEmpty();
        (await PaymentsOfAsync(provider, unpaidInvoiceId)).ShouldBeEmpty();
        (await PaymentsOfAsync(provider, paidInvoiceId)).ShouldHaveSingleItem().RunId.ShouldBe(runId);

        var page = await finance.GetAsync($"/DirectPayments/Runs/{runId}");
        page.Document.QuerySelector("#unpayable caption")!.TextContent.ShouldContain("Cannot be paid: no bank details");
        var listed = page.TableRows("#unpayable").Where(r => r[0] == noBankName).ToList();
        listed.Select(r => r[1]).Order().ShouldBe(["Individual service fund", "Provider invoice"]);
        using var details = await finance.Http.GetAsync($"/api/v1/payment-runs/{runId}", Ct);
        (await JsonAsync(details, HttpStatusCode.OK)).GetProperty("cannotBePaidNoBankDetails").EnumerateArray().Count(u => u.GetProperty("providerId").GetGuid() == noBankId).ShouldBe(2);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_CannotCreateOrApproveRuns_NorSeeAProvidersBankDetailsOrPayments(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (providerId, _) = await ProviderAsync(finance.Http);
        await InvoiceAsync(finance.Http, providerId);
        var (_, run) = await PostAsync(finance, "/api/v1/payment-runs", new { runDate = RunDate });
        var runId = run.GetProperty("id").GetGuid();

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await PostAsync(nurse, "/api/v1/payment-runs", new { runDate = RunDate })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync(nurse, $"/api/v1/payment-runs/{runId}/approval")).Status.ShouldBe(HttpStatusCode.Forbidden);
        using (var get = await nurse.Http.GetAsync($"/api/v1/payment-runs/{runId}", Ct))
        {
            get.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await nurse.GetAsync($"/DirectPayments/Runs/{runId}")).Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Found); // the access-denied page
        var page = await nurse.GetAsync($"/Providers/{providerId}");
        page.SummaryValue("Bank details").ShouldBe("Account ending ****88");
        page.BodyText.ShouldNotContain("55667788");
        page.Document.GetElementById("paid").ShouldBeNull();
        (await app.QueryAsync(provider, db => db.PaymentRuns.AsNoTracking().SingleAsync(r => r.Id == runId))).Status.ShouldBe(PaymentRunStatus.Created);
    }
}
