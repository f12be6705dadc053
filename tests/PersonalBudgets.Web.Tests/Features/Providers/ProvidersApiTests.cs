using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Providers;

/// <summary>
/// Issue 15 (ADR 0035): the provider register with bank details for finance only, individual service funds from an
/// approved plan at the provider's rate, invoices matched line by line and approved or queried, one invoice number per
/// provider even under a race, bad input a 400 naming the field.
/// </summary>
public sealed class ProvidersApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(expected, body);
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    /// <summary>The messages for a field, named as the API names it (camel case: "Name" is "name").</summary>
    internal static string[] ErrorsFor(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(JsonNamingPolicy.CamelCase.ConvertName(field), out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : throw new ShouldAssertException($"No error for '{field}' in {problem}");

    private static async Task<JsonElement> NewProviderAsync(HttpClient finance, string name, decimal rate = 25m)
    {
        var created = await JsonAsync(await finance.PostAsJsonAsync("/api/v1/providers",
            new { name, cqcLocationId = "1-101234567", type = "HomeCare", contactName = "Ann Desk", contactEmail = "office@example.org", contactPhone = "0113 496 0000" }, Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/providers/{id}/rates",
            new { revision = created.GetProperty("revision").GetInt32(), service = "Home support", unit = "Hour", rate, from = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(-30) }, Ct), HttpStatusCode.Created);
        return await JsonAsync(await finance.GetAsync($"/api/v1/providers/{id}", Ct), HttpStatusCode.OK);
    }

    /// <summary>
    /// A North person with an approved plan holding an individual service fund element (or another deployment) of 10 hours
    /// a week at £25, from a week today (or <paramref name="startInDays"/> days from today).
    /// </summary>
    internal static async Task<(Guid PersonId, Guid PlanId, Guid ElementId, DateOnly Start)> ApprovedPlanWithIsfAsync(AppFixture app, DatabaseProvider provider,
        Deployment deployment = Deployment.IndividualServiceFund, int startInDays = 7)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        await app.CompleteAsync(provider, planId, 50m);
        var start = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(startInDays);
        var elementId = await app.QueryAsync(provider, async db =>
        {
            var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse);
            var plan = await db.SupportPlans.SingleAsync(p => p.Id == planId);
            var element = PlanElement.Create(null, "Support at home with meals", ServiceCategory.HomeSupport, "Home care provider", 25m, UnitType.Hour, 10m, start, null,
                deployment, null);
            plan.SaveElement(element, plan.Revision, new Actor(nurse.Id, nurse.DisplayName), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return element.Id;
        });
        await app.ApproveAsync(provider, planId);
        return (person.Id, planId, elementId, start);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Register_BankDetailsAreFinanceOnly_MaskedForOthers_AndNeverInTheAuditTrail(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        using var admin = await app.SignedInAsync(provider, DemoAccounts.Administrator);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var created = await JsonAsync(await admin.Http.PostAsJsonAsync("/api/v1/providers", new { name = $"Admin Care {Guid.NewGuid():N}", type = "DayOpportunities" }, Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        // An administrator manages the register but may not record bank details; a practitioner may not change the register.
        (await admin.Http.PutAsJsonAsync($"/api/v1/providers/{id}/bank-details", new { revision = 1, sortCode = "30-94-30", accountNumber = "12345645", accountName = "Admin Care Ltd" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.Http.PostAsJsonAsync("/api/v1/providers", new { name = "Nope", type = "Other" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var saved = await JsonAsync(await finance.Http.PutAsJsonAsync($"/api/v1/providers/{id}/bank-details", new { revision = 1, sortCode = "30-94-30", accountNumber = "12345645", accountName = "Admin Care Ltd" }, Ct), HttpStatusCode.OK);
        saved.GetProperty("bankDetails").GetProperty("accountNumber").GetString().ShouldBe("12345645");

        var asNurse = await JsonAsync(await nurse.Http.GetAsync($"/api/v1/providers/{id}", Ct), HttpStatusCode.OK);
        asNurse.GetProperty("bankDetails").GetProperty("accountNumber").ValueKind.ShouldBe(JsonValueKind.Null);
        asNurse.GetProperty("bankDetails").GetProperty("sortCode").ValueKind.ShouldBe(JsonValueKind.Null);
        asNurse.GetProperty("bankDetails").GetProperty("shown").GetString().ShouldBe("Account ending ****45");
        var asFinance = await JsonAsync(await finance.Http.GetAsync($"/api/v1/providers/{id}", Ct), HttpStatusCode.OK);
        asFinance.GetProperty("bankDetails").GetProperty("sortCode").GetString().ShouldBe("309430");

        // The page: the nurse sees the masked account, finance the whole of it.
        var page = await nurse.GetAsync($"/Providers/{id}");
        page.SummaryValue("Bank details").ShouldBe("Account ending ****45");
        page.BodyText.ShouldNotContain("12345645");
        (await finance.GetAsync($"/Providers/{id}")).SummaryValue("Bank details").ShouldNotBeNull().ShouldContain("12345645");

        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == id.ToString()).ToListAsync());
        audit.ShouldContain(a => a.Summary!.Contains("bank details"));
        audit.ShouldAllBe(a => !(a.Summary ?? "").Contains("12345645") && !(a.Changes ?? "").Contains("12345645") && !(a.Changes ?? "").Contains("309430"));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Register_BadInput_Is400NamingTheField(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var bad = await JsonAsync(await finance.Http.PostAsJsonAsync("/api/v1/providers", new { name = "", cqcLocationId = "123456", type = "HomeCare" }, Ct), HttpStatusCode.BadRequest);
        ErrorsFor(bad, "Name").ShouldNotBeEmpty();
        ErrorsFor(bad, "CqcLocationId").ShouldContain("Enter the CQC location ID as 1- followed by digits, like 1-123456789");

        var p = await NewProviderAsync(finance.Http, $"Sort Code Care {Guid.NewGuid():N}");
        var id = p.GetProperty("id").GetGuid();
        var bank = await JsonAsync(await finance.Http.PutAsJsonAsync($"/api/v1/providers/{id}/bank-details", new { revision = p.GetProperty("revision").GetInt32(), sortCode = "30943", accountNumber = "1234567X", accountName = "X" }, Ct), HttpStatusCode.BadRequest);
        ErrorsFor(bank, "SortCode").ShouldContain("Enter a sort code of 6 digits, like 309430");
        ErrorsFor(bank, "AccountNumber").ShouldContain("Enter an account number of 8 digits, like 00733445");
        var rate = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{id}/rates", new { revision = p.GetProperty("revision").GetInt32(), service = "Home support", unit = "Hour", rate = -1m }, Ct), HttpStatusCode.BadRequest);
        ErrorsFor(rate, "Rate").ShouldNotBeEmpty();
        ErrorsFor(rate, "From").ShouldNotBeEmpty();

        // The page shows the error beside the field, with 400.
        var add = await finance.GetAsync("/Providers/Add");
        var refused = await finance.SubmitAsync(add, ("Name", "Page Care"), ("CqcLocationId", "2-99"), ("Type", "HomeCare"));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("CqcLocationId").ShouldBe("Enter the CQC location ID as 1- followed by digits, like 1-123456789");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Invoice_IsMatchedLineByLine_ApprovalOfADifferenceNeedsANote_AndApprovedInvoicesWaitForAPaymentRun(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var p = await NewProviderAsync(finance.Http, $"Match Care {Guid.NewGuid():N}");
        var providerId = p.GetProperty("id").GetGuid();
        // A later rate does not change the rate of a service that started before it; the earlier rate is kept.
        await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/rates",
            new { revision = p.GetProperty("revision").GetInt32(), service = "Home support", unit = "Hour", rate = 30m, from = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(60) }, Ct), HttpStatusCode.Created);
        // A council-commissioned service: it is paid on invoice (an individual service fund is paid by its schedule, and an
        // invoice line billing one is refused approval).
        var (personId, planId, elementId, start) = await ApprovedPlanWithIsfAsync(app, provider, Deployment.CouncilCommissioned);

        var service = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services",
            new { planId, elementId, providerId, service = "Home support", unitsPerWeek = 10m, startDate = start }, Ct), HttpStatusCode.Created);
        service.GetProperty("rate").GetDecimal().ShouldBe(25m);
        service.GetProperty("deployment").GetString().ShouldBe("CouncilCommissioned");
        var serviceId = service.GetProperty("id").GetGuid();
        // The same element again is a conflict; a direct payment element cannot be commissioned.
        (await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services",
            new { planId, elementId, providerId, service = "Home support", unitsPerWeek = 10m, startDate = start }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var invoice = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices", new
        {
            invoiceNumber = "INV-1001", periodStart = start, periodEnd = start.AddDays(13),
            lines = new object[]
            {
                new { commissionedServiceId = serviceId, description = "Home support, 2 weeks", units = 22m, rate = 26m },
                new { commissionedServiceId = (Guid?)null, description = "Extra visit", units = 1m, rate = 25m },
            },
        }, Ct), HttpStatusCode.Created);
        var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
        lines[0].GetProperty("plannedUnits").GetDecimal().ShouldBe(20m);
        lines[0].GetProperty("differences").EnumerateArray().Select(d => d.GetString()).ShouldBe(["OverUnits", "OverRate"]);
        lines[0].GetProperty("excess").GetDecimal().ShouldBe(22m * 26m - 20m * 25m);
        lines[1].GetProperty("differences").EnumerateArray().Select(d => d.GetString()).ShouldBe(["NotInPlan"]);
        invoice.GetProperty("hasDifferences").GetBoolean().ShouldBeTrue();
        var invoiceId = invoice.GetProperty("id").GetGuid();

        var noNote = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices/{invoiceId}/approve", new { revision = 1 }, Ct), HttpStatusCode.BadRequest);
        ErrorsFor(noNote, "Note").ShouldNotBeEmpty();
        var queried = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices/{invoiceId}/query", new { revision = 1, reason = "22 hours billed, 20 planned" }, Ct), HttpStatusCode.OK);
        queried.GetProperty("status").GetString().ShouldBe("Queried");

        // The page shows the differences line by line, then approves with a note.
        var page = await finance.GetAsync($"/Providers/{providerId}/Invoices/{invoiceId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.TableRows("#lines")[0].ShouldContain(c => c.Contains("More units than planned") && c.Contains("A higher rate than agreed"));
        page.TableRows("#lines")[1].ShouldContain(c => c.Contains("Not in the plan"));
        var approved = await finance.SubmitAsync(page, [new("Note", "Agreed extra hours after a hospital discharge")], "form[action*='handler=Approve']");
        approved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", approved.ErrorSummary));
        var saved = await app.QueryAsync(provider, db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId));
        saved.Status.ShouldBe(InvoiceStatus.Approved);
        saved.ApprovedAmount.ShouldBe(22m * 26m + 25m);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Invoice_TwentyConcurrentPostsOfOneNumber_MakeOneInvoice(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var p = await NewProviderAsync(finance.Http, $"Race Care {Guid.NewGuid():N}");
        var providerId = p.GetProperty("id").GetGuid();
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        using var race = await Race.FireAsync(() => finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices", new
        {
            invoiceNumber = "R-1", periodStart = today.AddDays(-28), periodEnd = today.AddDays(-1),
            lines = new[] { new { description = "Support", units = 1m, rate = 10m } },
        }, Ct));
        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.Invoices.CountAsync(i => i.ProviderId == providerId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Invoice_DuplicateNumberRefusedByTheDatabase_EvenPastTheServicesCheck(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var p = await NewProviderAsync(finance.Http, $"Index Care {Guid.NewGuid():N}");
        var providerId = p.GetProperty("id").GetGuid();
        var ex = await Should.ThrowAsync<DbUpdateException>(() => app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.Empty, "Test");
            var day = new DateOnly(2026, 1, 1);
            db.Invoices.Add(Invoice.Record(providerId, "D-1", day, day.AddDays(6), [new InvoiceLineInput(null, "x", 1m, 1m)], actor, DateTimeOffset.UtcNow));
            db.Invoices.Add(Invoice.Record(providerId, "D-1", day, day.AddDays(6), [new InvoiceLineInput(null, "y", 1m, 1m)], actor, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return true;
        }));
        Data.SaveChangesOrConflictExtensions.IsUniqueViolation(ex).ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task InvoiceLineBillingAnIndividualServiceFund_IsRefusedApproval_AndStaysToCheck(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var providerId = (await NewProviderAsync(finance.Http, $"Fund Care {Guid.NewGuid():N}")).GetProperty("id").GetGuid();
        var (personId, planId, elementId, start) = await ApprovedPlanWithIsfAsync(app, provider);
        var fundId = (await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services",
            new { planId, elementId, providerId, service = "Home support", unitsPerWeek = 10m, startDate = start }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var invoiceId = (await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices", new
        {
            invoiceNumber = "FUND-1", periodStart = start, periodEnd = start.AddDays(13),
            lines = new object[] { new { commissionedServiceId = fundId, description = "Home support, 2 weeks", units = 20m, rate = 25m } },
        }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var refused = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/providers/{providerId}/invoices/{invoiceId}/approve", new { revision = 1, note = "Agreed" }, Ct), HttpStatusCode.BadRequest);
        refused.GetRawText().ShouldContain("invoice-bills-service-fund");
        var status = await app.QueryAsync(provider, db => db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.Status).SingleAsync(Ct));
        status.ShouldBe(InvoiceStatus.Received);
    }
}
