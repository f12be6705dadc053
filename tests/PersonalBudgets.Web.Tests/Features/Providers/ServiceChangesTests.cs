using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;
using Money = PersonalBudgets.Core.Budgets.Money;

namespace PersonalBudgets.Web.Tests.Features.Providers;

/// <summary>
/// Issue 15 (ADR 0040): a finance officer suspends, resumes and changes the units or rate of a commissioned service from a
/// date, by page or API; payment runs pay an individual service fund nothing for suspended days, pro rata across a change,
/// and never twice for a period already paid; invoices are matched against the values in force; bad input is a 400
/// naming the field; practitioners and finance staff outside the person's teams are refused.
/// </summary>
public sealed class ServiceChangesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string FinanceManager = "financemanager@northmoor.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected) => ProvidersApiTests.JsonAsync(response, expected);

    /// <summary>A provider with a £25 an hour rate for "Home support" and bank details.</summary>
    private static async Task<Guid> ProviderAsync(HttpClient finance)
    {
        var created = await JsonAsync(await finance.PostAsJsonAsync("/api/v1/providers", new { name = $"Change Care {Guid.NewGuid():N}"[..22], type = "HomeCare" }, Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/providers/{id}/rates",
            new { revision = 1, service = "Home support", unit = "Hour", rate = 25m, from = Today.AddDays(-30) }, Ct), HttpStatusCode.Created);
        await JsonAsync(await finance.PutAsJsonAsync($"/api/v1/providers/{id}/bank-details", new { revision = 2, sortCode = "30-94-30", accountNumber = "55667788", accountName = "Change Care Ltd" }, Ct), HttpStatusCode.OK);
        return id;
    }

    /// <summary>A North person's service (10 hours a week at £25, from a week today unless told) with a new provider.</summary>
    private async Task<(Guid PersonId, Guid ProviderId, Guid ServiceId, DateOnly Start)> ServiceAsync(DatabaseProvider provider, HttpClient finance,
        Deployment deployment = Deployment.IndividualServiceFund, int startInDays = 7)
    {
        var providerId = await ProviderAsync(finance);
        var (personId, planId, elementId, start) = await ProvidersApiTests.ApprovedPlanWithIsfAsync(app, provider, deployment, startInDays);
        var service = await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services",
            new { planId, elementId, providerId, service = "Home support", unitsPerWeek = 10m, startDate = start }, Ct), HttpStatusCode.Created);
        service.GetProperty("revision").GetInt32().ShouldBe(1);
        return (personId, providerId, service.GetProperty("id").GetGuid(), start);
    }

    /// <summary>A finance officer who belongs to no team: may pay providers, but sees nobody's record.</summary>
    private async Task<Browser> FinanceOutsideTheTeamsAsync(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        await using (var scope = (await app.FactoryAsync(provider)).Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(staff.Id.ToString());
            (await users.AddToRoleAsync(user!, nameof(Role.FinanceOfficer))).Succeeded.ShouldBeTrue();
        }

        var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        return browser;
    }

    private Task<CommissionedService> LoadAsync(DatabaseProvider provider, Guid id) =>
        app.QueryAsync(provider, db => db.CommissionedServices.AsNoTracking().SingleAsync(s => s.Id == id));

    private Task<List<Payment>> PaymentsOfAsync(DatabaseProvider provider, Guid sourceId) =>
        app.QueryAsync(provider, db => db.Payments.AsNoTracking().Where(p => p.SourceId == sourceId && p.Status != PaymentStatus.Cancelled).OrderBy(p => p.PeriodStart).ToListAsync());

    private static async Task<Guid> RunAsync(HttpClient finance, DateOnly runDate)
    {
        var run = await JsonAsync(await finance.PostAsJsonAsync("/api/v1/payment-runs", new { runDate }, Ct), HttpStatusCode.OK);
        return run.GetProperty("id").GetGuid();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SuspendedFund_IsNotPaidForTheSuspendedDays(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, _, fundId, start) = await ServiceAsync(provider, finance.Http);
        var unsuspended = (await LoadAsync(provider, fundId)).Terms();

        // A week in hospital, within what the run pays.
        var suspended = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services/{fundId}/suspensions",
            new { revision = 1, from = start.AddDays(3), to = start.AddDays(9), reason = "In hospital" }, Ct), HttpStatusCode.OK);
        suspended.GetProperty("revision").GetInt32().ShouldBe(2);
        suspended.GetProperty("suspensions").EnumerateArray().Single().GetProperty("reason").GetString().ShouldBe("In hospital");

        var runDate = start.AddDays(21);
        await RunAsync(finance.Http, runDate);

        var fund = await LoadAsync(provider, fundId);
        var payments = await PaymentsOfAsync(provider, fundId);
        var schedule = PaymentSchedule.Due(fund.Terms(), null, 0m, runDate);
        payments.Select(p => (p.PeriodStart, p.Amount)).ShouldBe(schedule.Select(s => (s.Start, s.Amount)));
        // Exactly one week of £250 less than without the suspension.
        var paidThrough = payments[^1].PeriodEnd;
        payments.Sum(p => p.Amount).ShouldBe(PaymentSchedule.AmountUpTo(unsuspended, paidThrough) - 250m);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RateChangeFromMidPeriod_IsProRata(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, _, fundId, start) = await ServiceAsync(provider, finance.Http);

        // 12 hours a week from the sixth day, at the provider's rate then (£25): £300 a week.
        var changeFrom = start.AddDays(5);
        var changed = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services/{fundId}/changes",
            new { revision = 1, from = changeFrom, unitsPerWeek = 12m, reason = "More hours after the review" }, Ct), HttpStatusCode.OK);
        var change = changed.GetProperty("changes").EnumerateArray().Single();
        (change.GetProperty("unitsPerWeek").GetDecimal(), change.GetProperty("rate").GetDecimal(), change.GetProperty("weeklyCost").GetDecimal()).ShouldBe((12m, 25m, 300m));
        // The values from the start are unchanged in the API's answer.
        (changed.GetProperty("unitsPerWeek").GetDecimal(), changed.GetProperty("weeklyCost").GetDecimal()).ShouldBe((10m, 250m));

        await RunAsync(finance.Http, Today.AddDays(28));

        // The period the change falls in is split there: five days at £250 a week, then £300 a week, pro rata.
        var payments = await PaymentsOfAsync(provider, fundId);
        var split = payments.Single(p => p.PeriodStart == changeFrom);
        var before = payments.Where(p => p.PeriodEnd <= changeFrom).Sum(p => p.Amount);
        before.ShouldBe(Money.Round(250m * 5 / 7m));
        split.Amount.ShouldBe(Money.Round(((250m * 5) + (300m * split.Days())) / 7m) - before);
        var last = payments[^1].PeriodEnd;
        payments.Sum(p => p.Amount).ShouldBe(Money.Round(((250m * 5) + (300m * (last.DayNumber - changeFrom.DayNumber))) / 7m));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ChangeDatedInAnAlreadyPaidPeriod_IsCorrectedInTheNextRun_NotPaidTwice(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        using var manager = await app.SignedInAsync(provider, FinanceManager);
        // Started three weeks ago, so the first period has ended by a run no more than 28 days ahead.
        var (personId, _, fundId, start) = await ServiceAsync(provider, finance.Http, startInDays: -21);

        var firstRun = await RunAsync(finance.Http, start);
        (await manager.Http.PostAsJsonAsync($"/api/v1/payment-runs/{firstRun}/approval", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var paid = (await PaymentsOfAsync(provider, fundId)).ShouldHaveSingleItem();
        paid.Status.ShouldBe(PaymentStatus.Paid);

        // More hours from the third day of the period already paid, and the provider's higher rate typed in.
        await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services/{fundId}/changes",
            new { revision = 1, from = start.AddDays(2), unitsPerWeek = 14m, rate = 26m }, Ct), HttpStatusCode.OK);
        var runDate = paid.PeriodEnd;
        await RunAsync(finance.Http, runDate);

        var fund = await LoadAsync(provider, fundId);
        var payments = await PaymentsOfAsync(provider, fundId);
        // The paid period is paid once; the next payment carries the difference the change made to it.
        payments.Count(p => p.PeriodStart == paid.PeriodStart).ShouldBe(1);
        payments[0].ShouldBe(paid, new PaymentComparer());
        var next = payments.Single(p => p.PeriodStart == paid.PeriodEnd);
        next.Adjustment.ShouldBe(PaymentSchedule.AmountUpTo(fund.Terms(), paid.PeriodEnd) - paid.Amount);
        next.Adjustment.ShouldBeGreaterThan(0m);
        payments.Sum(p => p.Amount).ShouldBe(PaymentSchedule.AmountUpTo(fund.Terms(), payments[^1].PeriodEnd));
    }

    private sealed class PaymentComparer : IEqualityComparer<Payment>
    {
        public bool Equals(Payment? x, Payment? y) => x is not null && y is not null && (x.Id, x.PeriodStart, x.PeriodEnd, x.Amount) == (y.Id, y.PeriodStart, y.PeriodEnd, y.Amount);

        public int GetHashCode(Payment obj) => obj.Id.GetHashCode();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CommissionedServiceInvoice_IsMatchedAgainstTheRateInForce(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, providerId, serviceId, start) = await ServiceAsync(provider, finance.Http, Deployment.CouncilCommissioned);
        await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services/{serviceId}/changes",
            new { revision = 1, from = start.AddDays(14), rate = 27m, reason = "The provider's new rate" }, Ct), HttpStatusCode.OK);

        var invoice = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices", new
        {
            invoiceNumber = $"INV-{Guid.NewGuid():N}"[..14], periodStart = start.AddDays(14), periodEnd = start.AddDays(27),
            lines = new[] { new { commissionedServiceId = serviceId, description = "Home support, 2 weeks", units = 20m, rate = 27m } },
        }, Ct), HttpStatusCode.Created);
        var line = invoice.GetProperty("lines").EnumerateArray().Single();
        (line.GetProperty("plannedRate").GetDecimal(), line.GetProperty("plannedAmount").GetDecimal()).ShouldBe((27m, 540m));
        line.GetProperty("differences").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BadInput_Is400NamingTheField_AStaleRevisionIs409_AndOthersAreRefused(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, _, fundId, start) = await ServiceAsync(provider, finance.Http);
        var url = $"/api/v1/people/{personId}/commissioned-services/{fundId}";

        var noFrom = await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/suspensions", new { revision = 1, reason = "" }, Ct), HttpStatusCode.BadRequest);
        ProvidersApiTests.ErrorsFor(noFrom, "SuspendFrom").ShouldNotBeEmpty();
        ProvidersApiTests.ErrorsFor(noFrom, "Reason").ShouldNotBeEmpty();
        var early = await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/suspensions", new { revision = 1, from = start.AddDays(-1), reason = "Hospital" }, Ct), HttpStatusCode.BadRequest);
        ProvidersApiTests.ErrorsFor(early, "SuspendFrom").ShouldHaveSingleItem().ShouldStartWith("The suspension cannot start before the service starts");
        var notSuspended = await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/resume", new { revision = 1, resumeOn = start.AddDays(5) }, Ct), HttpStatusCode.BadRequest);
        notSuspended.GetProperty("errorCode").GetString().ShouldBe("service-not-suspended");
        var same = await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/changes", new { revision = 1, from = start.AddDays(7), unitsPerWeek = 10m }, Ct), HttpStatusCode.BadRequest);
        ProvidersApiTests.ErrorsFor(same, "UnitsPerWeek").ShouldHaveSingleItem().ShouldStartWith("These are the units and rate already in force");
        var badUnits = await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/changes", new { revision = 1, unitsPerWeek = 200m }, Ct), HttpStatusCode.BadRequest);
        ProvidersApiTests.ErrorsFor(badUnits, "ChangeFrom").ShouldNotBeEmpty();
        ProvidersApiTests.ErrorsFor(badUnits, "UnitsPerWeek").ShouldNotBeEmpty();
        (await LoadAsync(provider, fundId)).Revision.ShouldBe(1);

        // Suspended until further notice, then resumed; the old revision is now stale.
        await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/suspensions", new { revision = 1, from = start.AddDays(3), reason = "In hospital" }, Ct), HttpStatusCode.OK);
        await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/changes", new { revision = 1, from = start.AddDays(7), unitsPerWeek = 12m }, Ct), HttpStatusCode.Conflict);
        var resumed = await JsonAsync(await finance.Http.PostAsJsonAsync($"{url}/resume", new { revision = 2, resumeOn = start.AddDays(10) }, Ct), HttpStatusCode.OK);
        resumed.GetProperty("suspensions").EnumerateArray().Single().GetProperty("to").GetString().ShouldBe(start.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // A practitioner of the person's team may not; nor may a finance officer outside the person's teams.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.Http.PostAsJsonAsync($"{url}/suspensions", new { revision = 3, from = start.AddDays(20), reason = "Hospital" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.Http.PostAsJsonAsync($"{url}/changes", new { revision = 3, from = start.AddDays(20), unitsPerWeek = 12m }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.Http.PostAsJsonAsync($"{url}/resume", new { revision = 3, resumeOn = start.AddDays(20) }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var outsider = await FinanceOutsideTheTeamsAsync(provider);
        (await outsider.Http.PostAsJsonAsync($"{url}/suspensions", new { revision = 3, from = start.AddDays(20), reason = "Hospital" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await LoadAsync(provider, fundId)).Revision.ShouldBe(3);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Pages_SuspendResumeAndChange_WithErrorsBesideTheFields_AndTheHistoryOnTheTab(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, _, serviceId, start) = await ServiceAsync(provider, finance.Http);

        var tab = await finance.GetAsync($"/People/{personId}/Services");
        tab.Document.QuerySelector($"a[href='/People/{personId}/Services/{serviceId}/Suspend']").ShouldNotBeNull();
        tab.Document.QuerySelector($"a[href='/People/{personId}/Services/{serviceId}/Change']").ShouldNotBeNull();
        tab.Document.QuerySelector("#service-history").ShouldBeNull();

        // Suspend: no reason and a last day before the first is refused beside the fields; then until further notice.
        var suspend = await finance.OpenAsync($"/People/{personId}/Services/{serviceId}/Suspend");
        var from = start.AddDays(3);
        var before = start.AddDays(2);
        var bad = await finance.SubmitAsync(suspend, ("SuspendFrom.Day", $"{from.Day}"), ("SuspendFrom.Month", $"{from.Month}"), ("SuspendFrom.Year", $"{from.Year}"),
            ("SuspendTo.Day", $"{before.Day}"), ("SuspendTo.Month", $"{before.Month}"), ("SuspendTo.Year", $"{before.Year}"), ("Reason", ""));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.FieldError("Reason").ShouldBe("Give the reason for the suspension");
        bad.FieldError("SuspendTo").ShouldBe("The last day of the suspension cannot be before its first day");
        bad.ErrorSummary.Count.ShouldBe(2);
        var saved = await finance.SubmitAsync(bad, ("SuspendTo.Day", ""), ("SuspendTo.Month", ""), ("SuspendTo.Year", ""), ("Reason", "In hospital"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var list = await finance.FollowAsync(saved);
        list.TableRows("#services").Single()[5].ShouldContain($"Suspended from {UkFormat.Date(from)} until further notice");
        list.Document.QuerySelector($"a[href='/People/{personId}/Services/{serviceId}/Resume']").ShouldNotBeNull();
        list.Document.QuerySelector($"a[href='/People/{personId}/Services/{serviceId}/Suspend']").ShouldBeNull();

        // Resume: a day not after the suspension began is refused; then it resumes.
        var resume = await finance.OpenAsync($"/People/{personId}/Services/{serviceId}/Resume");
        var badResume = await finance.SubmitAsync(resume, ("ResumeOn.Day", $"{from.Day}"), ("ResumeOn.Month", $"{from.Month}"), ("ResumeOn.Year", $"{from.Year}"));
        badResume.Status.ShouldBe(HttpStatusCode.BadRequest);
        badResume.FieldError("ResumeOn").ShouldNotBeNull().ShouldStartWith("Enter the day the service starts again");
        var on = start.AddDays(10);
        var resumed = await finance.SubmitAsync(badResume, ("ResumeOn.Day", $"{on.Day}"), ("ResumeOn.Month", $"{on.Month}"), ("ResumeOn.Year", $"{on.Year}"));
        resumed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", resumed.ErrorSummary));

        // Change: units that are not a number are refused; then 12 hours a week from the fifteenth day.
        var change = await finance.OpenAsync($"/People/{personId}/Services/{serviceId}/Change");
        var changeFrom = start.AddDays(14);
        var badChange = await finance.SubmitAsync(change, ("ChangeFrom.Day", $"{changeFrom.Day}"), ("ChangeFrom.Month", $"{changeFrom.Month}"), ("ChangeFrom.Year", $"{changeFrom.Year}"),
            ("UnitsPerWeek", "twelve"), ("Reason", "Review"));
        badChange.Status.ShouldBe(HttpStatusCode.BadRequest);
        badChange.FieldError("UnitsPerWeek").ShouldBe("Units a week must be a number, like 10 or 7.5");
        badChange.InputValue("UnitsPerWeek").ShouldBe("twelve");
        var changed = await finance.SubmitAsync(badChange, ("UnitsPerWeek", "12"));
        changed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", changed.ErrorSummary));

        var history = (await finance.FollowAsync(changed)).TableRows("#service-history");
        history.Select(r => (r[1], r[2], r[3])).ShouldBe(
        [
            (UkFormat.Date(from), $"Suspended to {UkFormat.Date(on.AddDays(-1))}", "In hospital"),
            (UkFormat.Date(changeFrom), "12 hours a week at £25.00 (£300.00 a week)", "Review"),
        ]);
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == serviceId.ToString() && a.Action == Core.Audit.AuditAction.Updated).Select(a => a.Summary).ToListAsync());
        audit.Count.ShouldBe(3);

        // A practitioner sees the tab without the links, and may not open the pages.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var asNurse = await nurse.GetAsync($"/People/{personId}/Services");
        asNurse.Document.QuerySelector($"a[href='/People/{personId}/Services/{serviceId}/Change']").ShouldBeNull();
        asNurse.TableRows("#service-history").Count.ShouldBe(2);
        (await nurse.GetAsync($"/People/{personId}/Services/{serviceId}/Suspend")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        (await nurse.GetAsync($"/People/{personId}/Services/{serviceId}/Change")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
    }
}

internal static class PaymentDays
{
    public static int Days(this Payment payment) => payment.PeriodEnd.DayNumber - payment.PeriodStart.DayNumber;
}
