using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Providers;

/// <summary>
/// Issue 15 (ADR 0038): the finance pages for what was API only: recording an invoice with its lines, commissioning and
/// ending a service from the person's record, opening a monitored account for a direct payment agreement and recording
/// pay-ins; bad input re-renders with 400 naming the field and keeping what was typed; practitioners and staff outside
/// the person's teams are refused. And a revised plan's approval carries commissioned services over (or ends them).
/// </summary>
public sealed class FinancePagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    private static async Task<Guid> NewProviderAsync(HttpClient finance, string name)
    {
        var created = await ProvidersApiTests.JsonAsync(await finance.PostAsJsonAsync("/api/v1/providers", new { name, type = "HomeCare" }, Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await ProvidersApiTests.JsonAsync(await finance.PostAsJsonAsync($"/api/v1/providers/{id}/rates",
            new { revision = created.GetProperty("revision").GetInt32(), service = "Home support", unit = "Hour", rate = 25m, from = Today.AddDays(-30) }, Ct), HttpStatusCode.Created);
        return id;
    }

    /// <summary>A finance officer who belongs to no team: may pay providers and monitor, but sees nobody's record.</summary>
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

    private static List<KeyValuePair<string, string>> Fields(HtmlPage page, string selector, params (string Name, string Value)[] changes)
    {
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector(selector).ShouldNotBeNull();
        var fields = Browser.FormFields(form);
        foreach (var (name, value) in changes)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        return fields;
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RecordInvoice_AddsLinesWithoutScript_KeepsWhatWasTypedOnAnError_AndOpensTheMatchedInvoice(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var providerId = await NewProviderAsync(finance.Http, $"Invoice Page Care {Guid.NewGuid():N}");
        var (personId, planId, elementId, start) = await ProvidersApiTests.ApprovedPlanWithIsfAsync(app, provider);
        var service = await ProvidersApiTests.JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/commissioned-services",
            new { planId, elementId, providerId, service = "Home support", unitsPerWeek = 10m, startDate = start }, Ct), HttpStatusCode.Created);
        var serviceId = service.GetProperty("id").GetGuid().ToString();

        var details = await finance.GetAsync($"/Providers/{providerId}");
        details.Document.QuerySelector($"a[href='/Providers/{providerId}/Invoices/New']").ShouldNotBeNull();
        var form = await finance.GetAsync($"/Providers/{providerId}/Invoices/New");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Document.QuerySelectorAll("fieldset[id^='line-']").Length.ShouldBe(3);
        form.Document.QuerySelectorAll($"#Lines_0__CommissionedServiceId option[value='{serviceId}']").Length.ShouldBe(1);

        // "Add another line" is a submit button: the form comes back with what was typed and a fourth line.
        var addLine = form.Document.QuerySelector("button[formaction*='handler=AddLine']").ShouldNotBeNull().GetAttribute("formaction")!;
        var more = await finance.PostAsync(addLine, Fields(form, "main form", ("InvoiceNumber", "INV-77"), ("Lines[0].Description", "Home support, 2 weeks")));
        more.Status.ShouldBe(HttpStatusCode.OK);
        more.Document.QuerySelectorAll("fieldset[id^='line-']").Length.ShouldBe(4);
        more.InputValue("InvoiceNumber").ShouldBe("INV-77");
        more.InputValue("Lines_0__Description").ShouldBe("Home support, 2 weeks");

        // Bad input: 400, each problem beside its field and linked from the summary, and everything typed kept.
        var bad = await finance.SubmitAsync(more, ("PeriodStart.Day", $"{start.Day}"), ("PeriodStart.Month", $"{start.Month}"), ("PeriodStart.Year", $"{start.Year}"),
            ("Lines[0].CommissionedServiceId", serviceId), ("Lines[0].Units", "ten"), ("Lines[0].Rate", "25"), ("Lines[2].Description", "Extra visit"));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.FieldError("Lines_0__Units").ShouldBe("Line 1: the units must be a number, like 4.5");
        bad.FieldError("PeriodEnd").ShouldBe("Enter the last day of the period");
        bad.FieldError("Lines_2__Units").ShouldNotBeNull();
        bad.Document.QuerySelector("a[href='#Lines_0__Units']").ShouldNotBeNull();
        bad.Document.QuerySelector("a[href='#Lines_2__Units']").ShouldNotBeNull();
        bad.InputValue("InvoiceNumber").ShouldBe("INV-77");
        bad.InputValue("Lines_0__Units").ShouldBe("ten");
        bad.InputValue("Lines_2__Description").ShouldBe("Extra visit");
        bad.Document.QuerySelector($"#Lines_0__CommissionedServiceId option[value='{serviceId}']")!.HasAttribute("selected").ShouldBeTrue();

        var end = start.AddDays(13);
        var saved = await finance.SubmitAsync(bad, ("PeriodEnd.Day", $"{end.Day}"), ("PeriodEnd.Month", $"{end.Month}"), ("PeriodEnd.Year", $"{end.Year}"),
            ("Lines[0].Units", "22"), ("Lines[2].Description", ""));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        saved.Location.ShouldNotBeNull().ShouldStartWith($"/Providers/{providerId}/Invoices/");
        var invoice = await finance.FollowAsync(saved);
        invoice.Heading.ShouldBe("Invoice INV-77");
        invoice.TableRows("#lines").Count.ShouldBe(1);
        invoice.TableRows("#lines")[0].ShouldContain(c => c.Contains("More units than planned"));
        invoice.Document.QuerySelector("form[action*='handler=Approve']").ShouldNotBeNull();
        invoice.Document.QuerySelector("form[action*='handler=Query']").ShouldNotBeNull();
        var stored = await app.QueryAsync(provider, db => db.Invoices.AsNoTracking().SingleAsync(i => i.ProviderId == providerId));
        stored.Total.ShouldBe(22m * 25m);
        stored.Lines.Single().CommissionedServiceId.ShouldBe(Guid.Parse(serviceId));

        // A practitioner may not record invoices; a finance officer outside the person's teams may not bill their service.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/Providers/{providerId}/Invoices/New")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        using var outsider = await FinanceOutsideTheTeamsAsync(provider);
        var theirs = await outsider.GetAsync($"/Providers/{providerId}/Invoices/New");
        theirs.Status.ShouldBe(HttpStatusCode.OK);
        theirs.Document.QuerySelectorAll($"option[value='{serviceId}']").Length.ShouldBe(0);
        var refused = await outsider.SubmitAsync(theirs, ("InvoiceNumber", "INV-78"), ("PeriodStart.Day", $"{start.Day}"), ("PeriodStart.Month", $"{start.Month}"), ("PeriodStart.Year", $"{start.Year}"),
            ("PeriodEnd.Day", $"{end.Day}"), ("PeriodEnd.Month", $"{end.Month}"), ("PeriodEnd.Year", $"{end.Year}"),
            ("Lines[0].CommissionedServiceId", serviceId), ("Lines[0].Description", "Home support"), ("Lines[0].Units", "20"), ("Lines[0].Rate", "25"));
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await app.QueryAsync(provider, db => db.Invoices.CountAsync(i => i.ProviderId == providerId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Commission_FromThePersonsRecord_ListsTheService_AndEndsItWithADate(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var providerId = await NewProviderAsync(finance.Http, $"Commission Page Care {Guid.NewGuid():N}");
        var (personId, _, elementId, start) = await ProvidersApiTests.ApprovedPlanWithIsfAsync(app, provider);

        var tab = await finance.GetAsync($"/People/{personId}/Services");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.Document.QuerySelector("#services-none").ShouldNotBeNull();
        var form = await finance.GetAsync($"/People/{personId}/Services/Commission");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var choice = $"{providerId}|Home support";
        form.Document.QuerySelector($"#ProviderService option[value='{choice}']").ShouldNotBeNull();

        // Bad input: no element, units not a number; what was typed stays.
        var bad = await finance.SubmitAsync(form, ("ProviderService", choice), ("UnitsPerWeek", "lots"),
            ("StartDate.Day", $"{start.Day}"), ("StartDate.Month", $"{start.Month}"), ("StartDate.Year", $"{start.Year}"));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.FieldError("UnitsPerWeek").ShouldBe("Units a week must be a number, like 10 or 7.5");
        bad.InputValue("UnitsPerWeek").ShouldBe("lots");
        bad.Document.QuerySelector($"#ProviderService option[value='{choice}']")!.HasAttribute("selected").ShouldBeTrue();
        var noElement = await finance.SubmitAsync(bad, ("UnitsPerWeek", "10"));
        noElement.Status.ShouldBe(HttpStatusCode.BadRequest);
        noElement.FieldError("ElementId").ShouldBe("Select an element of the plan");
        noElement.Document.QuerySelector("a[href='#ElementId']").ShouldNotBeNull();

        var saved = await finance.SubmitAsync(noElement, ("ElementId", elementId.ToString()));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var list = await finance.FollowAsync(saved);
        var row = list.TableRows("#services").Single();
        row[0].ShouldContain("Support at home with meals");
        row[1].ShouldContain("Home support at £25.00");
        row[3].ShouldBe("£250.00");
        row[5].ShouldContain("Active");

        // End it: a date before the start is refused beside the field; a good date ends it.
        var serviceId = await app.QueryAsync(provider, db => db.CommissionedServices.Where(s => s.PersonId == personId).Select(s => s.Id).SingleAsync());
        var end = await finance.OpenAsync($"/People/{personId}/Services/{serviceId}/End");
        var early = start.AddDays(-1);
        var refusedEnd = await finance.SubmitAsync(end, ("EndDate.Day", $"{early.Day}"), ("EndDate.Month", $"{early.Month}"), ("EndDate.Year", $"{early.Year}"));
        refusedEnd.Status.ShouldBe(HttpStatusCode.BadRequest);
        refusedEnd.FieldError("EndDate").ShouldNotBeNull().ShouldStartWith("Enter an end date on or after the start date");
        refusedEnd.InputValue("EndDate").ShouldBe($"{early.Day}");
        var last = start.AddDays(27);
        var ended = await finance.SubmitAsync(refusedEnd, ("EndDate.Day", $"{last.Day}"), ("EndDate.Month", $"{last.Month}"), ("EndDate.Year", $"{last.Year}"));
        ended.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", ended.ErrorSummary));
        var s = await app.QueryAsync(provider, db => db.CommissionedServices.AsNoTracking().SingleAsync(x => x.Id == serviceId));
        s.Status.ShouldBe(CommissionedServiceStatus.Ended);
        s.EndDate.ShouldBe(last);

        // Permissions: a practitioner of the person's team sees the list but may not commission; other teams see nothing.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/People/{personId}/Services")).Status.ShouldBe(HttpStatusCode.OK);
        (await nurse.GetAsync($"/People/{personId}/Services/Commission")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        using var outsider = await FinanceOutsideTheTeamsAsync(provider);
        (await outsider.GetAsync($"/People/{personId}/Services")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await outsider.GetAsync($"/People/{personId}/Services/Commission")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task MonitoredAccount_OpensForTheAgreement_RecordsAPayIn_AndShowsTheBalanceAgainstWhatWasPaidIn(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var person = await app.NewNorthPersonAsync(provider);
        var page = await finance.GetAsync($"/People/{person.Id}/Monitoring/Open");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#no-agreement").ShouldNotBeNull();

        var plan = await app.SubmittedPlanAsync(provider, person.Id, [new("Personal assistant", 100m, 1m, Deployment.DirectPayment, 0)]);
        using (var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager))
        {
            using var body = new StringContent("""{"outcome":"Approved","reasons":"Meets the eligible needs","revision":1}""", Encoding.UTF8, "application/json");
            using var response = await manager.Http.PostAsync(new Uri($"/api/v1/approvals/{plan.RequestId}/decision", UriKind.Relative), body, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        }

        var agreement = await app.QueryAsync(provider, db => db.DirectPayments.AsNoTracking().Where(d => d.PersonId == person.Id).Select(d => new { d.Id, d.Reference, d.NetWeekly }).SingleAsync());
        page = await finance.GetAsync($"/People/{person.Id}/Monitoring/Open");
        page.Document.QuerySelector($"input[name='DirectPaymentAgreementId'][value='{agreement.Id}']").ShouldNotBeNull();

        var reference = $"PC-{Guid.NewGuid():N}"[..16];
        var opened = Today.AddDays(-10);
        var bad = await finance.SubmitAsync(page, ("Kind", "PrepaidCard"), ("AccountReference", reference), ("WeeklyNetPayment", "12.345"),
            ("OpenedOn.Day", $"{opened.Day}"), ("OpenedOn.Month", $"{opened.Month}"), ("OpenedOn.Year", $"{opened.Year}"));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.FieldError("WeeklyNetPayment").ShouldBe("The weekly net payment must have no more than 2 decimal places (pounds and pence)");
        bad.InputValue("AccountReference").ShouldBe(reference);
        var saved = await finance.SubmitAsync(bad, ("WeeklyNetPayment", ""));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var account = await app.QueryAsync(provider, db => db.DirectPaymentAccounts.AsNoTracking().SingleAsync(a => a.PersonId == person.Id));
        account.DirectPaymentAgreementId.ShouldBe(agreement.Id);
        account.WeeklyNetPayment.ShouldBe(agreement.NetWeekly);

        var monitoring = await finance.FollowAsync(saved);
        monitoring.SummaryValue("Direct payment agreement").ShouldBe(agreement.Reference);
        var payInPage = await finance.GetAsync($"/People/{person.Id}/Monitoring/{account.Id}/PayIn");
        payInPage.Status.ShouldBe(HttpStatusCode.OK);
        payInPage.Document.QuerySelector("input[name='Source'][value='Council']").ShouldBeNull();
        var badPayIn = await finance.SubmitAsync(payInPage, ("Amount", "-5"), ("Source", "PersonContribution"), ("Reference", "Standing order"));
        badPayIn.Status.ShouldBe(HttpStatusCode.BadRequest);
        badPayIn.FieldError("Amount").ShouldBe("The amount paid in cannot be negative");
        badPayIn.FieldError("Date").ShouldNotBeNull();
        badPayIn.InputValue("Reference").ShouldBe("Standing order");
        var day = Today.AddDays(-2);
        var paid = await finance.SubmitAsync(badPayIn, ("Amount", "30"), ("Date.Day", $"{day.Day}"), ("Date.Month", $"{day.Month}"), ("Date.Year", $"{day.Year}"));
        paid.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", paid.ErrorSummary));
        var after = await finance.FollowAsync(paid);
        after.SummaryValue("Paid in").ShouldNotBeNull().ShouldContain("£30.00 of contributions");
        after.TableRows($"#payins-{account.Id}").Single().ShouldBe([UkFormat.Date(day), "£30.00", "The person's contribution", "Standing order"]);

        // A practitioner sees the account but may not record; a finance officer outside the person's teams is refused.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/People/{person.Id}/Monitoring/{account.Id}/PayIn")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        using var outsider = await FinanceOutsideTheTeamsAsync(provider);
        (await outsider.GetAsync($"/People/{person.Id}/Monitoring/Open")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await outsider.GetAsync($"/People/{person.Id}/Monitoring/{account.Id}/PayIn")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RevisedPlanApproved_CarriesTheServiceOverToTheMatchingElement_AndEndsTheOneWhoseElementIsGone(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var providerId = await NewProviderAsync(finance.Http, $"Carry Over Care {Guid.NewGuid():N}");
        var person = await app.NewNorthPersonAsync(provider);
        ElementSpec home = new("Support at home", 25m, 10m, Deployment.IndividualServiceFund, 0);
        ElementSpec group = new("Weekly art group", 25m, 2m, Deployment.CouncilCommissioned, 0);
        var first = await app.SubmittedPlanAsync(provider, person.Id, [home, group]);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        async Task ApproveAsync(Guid requestId)
        {
            using var body = new StringContent("""{"outcome":"Approved","reasons":"Meets the eligible needs","revision":1}""", Encoding.UTF8, "application/json");
            using var response = await manager.Http.PostAsync(new Uri($"/api/v1/approvals/{requestId}/decision", UriKind.Relative), body, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        }

        await ApproveAsync(first.RequestId);
        var plan1 = await app.QueryAsync(provider, db => db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == first.PlanId));
        var ids = new List<Guid>();
        foreach (var element in plan1.Elements)
        {
            var s = await ProvidersApiTests.JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/commissioned-services",
                new { planId = first.PlanId, elementId = element.Id, providerId, service = "Home support", unitsPerWeek = element.UnitsPerWeek, startDate = Today }, Ct), HttpStatusCode.Created);
            ids.Add(s.GetProperty("id").GetGuid());
        }

        // Version 2 keeps the support at home (more hours) and drops the art group.
        var second = await app.RevisedPlanAsync(provider, first, [home with { UnitsPerWeek = 12m }]);
        await ApproveAsync(second.RequestId);

        var plan2 = await app.QueryAsync(provider, db => db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == second.PlanId));
        var services = await app.QueryAsync(provider, db => db.CommissionedServices.AsNoTracking().Where(s => s.PersonId == person.Id).ToListAsync());
        services.Count.ShouldBe(2);
        var carried = services.Single(s => s.Deployment == Deployment.IndividualServiceFund);
        carried.Id.ShouldBe(ids[plan1.Elements.ToList().FindIndex(e => e.Deployment == Deployment.IndividualServiceFund)]);
        carried.Status.ShouldBe(CommissionedServiceStatus.Active);
        carried.PlanId.ShouldBe(second.PlanId);
        carried.ElementId.ShouldBe(plan2.Elements.Single().Id);
        var ended = services.Single(s => s.Deployment == Deployment.CouncilCommissioned);
        ended.Status.ShouldBe(CommissionedServiceStatus.Ended);
        ended.EndDate.ShouldBe(Today);
        ended.EndReason.ShouldNotBeNull().ShouldContain("no matching");

        // The finance worklist lists the ended service; the person's record shows both.
        var work = await finance.GetAsync("/Finance/Work");
        work.TableRows("#services-ended").ShouldContain(r => r.Any(c => c.Contains("Weekly art group")));
        var tab = await finance.GetAsync($"/People/{person.Id}/Services");
        tab.TableRows("#services").Count.ShouldBe(2);
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == carried.Id.ToString() || a.RecordId == ended.Id.ToString()).Select(a => a.Summary).ToListAsync());
        audit.ShouldContain(a => a!.Contains("carries over"));
        audit.ShouldContain(a => a!.Contains("without a matching element"));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task MonitoringPage_ResolveFormsHaveUniqueIds_AndErrorsLinkToThePostedFlagAndTheFileInput(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var person = await app.NewNorthPersonAsync(provider);
        var account = await ProvidersApiTests.JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/dp-accounts",
            new { kind = "PrepaidCard", accountReference = $"PC-{Guid.NewGuid():N}"[..16], weeklyNetPayment = 100m, weeklyContribution = 20m, openedOn = Today.AddDays(-120) }, Ct), HttpStatusCode.Created);
        var accountId = account.GetProperty("id").GetGuid();
        // Surplus (£1,250 is 12.5 weeks), no spending for 8 weeks and no contribution: several open flags at once.
        var csv = "Date,Description,Amount,Balance,Merchant category\n"
            + $"{Today.AddDays(-100):yyyy-MM-dd},Council payment,1250.00,1250.00,\n"
            + $"{Today.AddDays(-3):yyyy-MM-dd},Council payment,0.01,1250.01,\n";
        await ProvidersApiTests.JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/dp-accounts/{accountId}/statements", new { fileName = "s.csv", content = csv }, Ct), HttpStatusCode.OK);
        var flags = await app.QueryAsync(provider, db => db.MonitoringFlags.AsNoTracking().Where(f => f.AccountId == accountId && f.Status == FlagStatus.Open).Select(f => f.Id).ToListAsync());
        flags.Count.ShouldBeGreaterThan(1);

        var page = await finance.GetAsync($"/People/{person.Id}/Monitoring");
        var ids = page.Document.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        ids.Count.ShouldBe(ids.Distinct().Count(), string.Join(", ", ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key)));
        var second = flags[1];
        var forms = page.Document.QuerySelectorAll("form[action*='handler=Resolve']");
        var form = forms.FirstOrDefault(f => string.Equals(f.QuerySelector("input[name='FlagId']")?.GetAttribute("value"), second.ToString(), StringComparison.OrdinalIgnoreCase))
            .ShouldNotBeNull($"{forms.Length} resolve forms; flags {string.Join(", ", flags)}; {string.Join(" | ", forms.Select(f => f.OuterHtml[..Math.Min(400, f.OuterHtml.Length)]))}");
        var refused = await finance.PostAsync(form.GetAttribute("action")!, Browser.FormFields((AngleSharp.Html.Dom.IHtmlFormElement)form));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        var fieldId = $"Findings_{second}_";
        refused.Document.QuerySelector($"a[href='#{fieldId}']").ShouldNotBeNull();
        refused.FieldError(fieldId).ShouldNotBeNull();
        refused.Document.QuerySelectorAll(".govuk-form-group--error textarea").Length.ShouldBe(1);

        var upload = page.Document.QuerySelector("form[action*='handler=Import']").ShouldNotBeNull();
        // Posted without a file: the error is linked to this account's file input.
        var noFile = await finance.PostAsync(upload.GetAttribute("action")!, Browser.FormFields((AngleSharp.Html.Dom.IHtmlFormElement)upload).Where(f => f.Key != "Statement"));
        noFile.Status.ShouldBe(HttpStatusCode.BadRequest);
        var doc = noFile.Document;
        var link = doc.QuerySelector(".govuk-error-summary__list a").ShouldNotBeNull().GetAttribute("href")!;
        link.ShouldBe($"#Statement-{accountId}", doc.QuerySelector(".govuk-error-summary")?.TextContent);
        doc.GetElementById($"Statement-{accountId}").ShouldNotBeNull().GetAttribute("type").ShouldBe("file");
    }
}
