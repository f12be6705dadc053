using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;
using static PersonalBudgets.Web.Tests.Features.Providers.ProvidersApiTests;

namespace PersonalBudgets.Web.Tests.Features.Monitoring;

/// <summary>
/// Issue 15 item 4 (ADR 0035): statements imported idempotently, a malformed row refusing the whole file by row and
/// problem, a surplus flag raised and resolved with what was found, a reclaim that leaves the contingency reserve and is
/// not taken before the notice ends, and only finance staff changing any of it.
/// </summary>
public sealed class MonitoringApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>£100 a week net, 4 weeks' contingency; a statement whose closing balance is £1,250 (12.5 weeks).</summary>
    private static string Statement(decimal closing = 1250m) =>
        "Date,Description,Amount,Balance,Merchant category\n"
        + $"{Today.AddDays(-20):yyyy-MM-dd},Council payment,400.00,{closing + 60m - 400m + 400m:0.00},\n"
        + $"{Today.AddDays(-10):yyyy-MM-dd},\"Art class, Leeds\",-40.00,{closing + 20m:0.00},Education\n"
        + $"{Today.AddDays(-3):yyyy-MM-dd},Gym,-20.00,{closing:0.00},Sports clubs\n";

    private async Task<(Guid PersonId, Guid AccountId)> AccountAsync(DatabaseProvider provider, HttpClient finance)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var account = await JsonAsync(await finance.PostAsJsonAsync($"/api/v1/people/{person.Id}/dp-accounts",
            new { kind = "PrepaidCard", accountReference = $"PC-{Guid.NewGuid():N}"[..20], weeklyNetPayment = 100m, openedOn = Today.AddDays(-120) }, Ct), HttpStatusCode.Created);
        account.GetProperty("contingencyWeeks").GetInt32().ShouldBe(4);
        return (person.Id, account.GetProperty("id").GetGuid());
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient http, Guid personId, Guid accountId, string content) =>
        http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}/statements", new { fileName = "statement.csv", content }, Ct);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Import_TheSameFileTwice_ChangesNothing_AndAnOverlappingFileAddsOnlyNewLines(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, accountId) = await AccountAsync(provider, finance.Http);

        var first = await JsonAsync(await ImportAsync(finance.Http, personId, accountId, Statement()), HttpStatusCode.OK);
        first.GetProperty("newRows").GetInt32().ShouldBe(3);
        first.GetProperty("flagsRaised").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ShouldContain("Surplus");
        var counts = () => app.QueryAsync(provider, async db => (await db.StatementLines.CountAsync(l => l.AccountId == accountId), await db.StatementImports.CountAsync(i => i.AccountId == accountId),
            await db.MonitoringFlags.CountAsync(f => f.AccountId == accountId), await db.AuditEntries.CountAsync(a => a.RecordId == accountId.ToString() && a.Action != Core.Audit.AuditAction.Viewed)));
        var before = await counts();

        var again = await JsonAsync(await ImportAsync(finance.Http, personId, accountId, Statement().Replace("\n", "\r\n", StringComparison.Ordinal)), HttpStatusCode.OK);
        again.GetProperty("alreadyImported").GetBoolean().ShouldBeTrue();
        (await counts()).ShouldBe(before);

        // A later statement repeating the last line adds only the new one.
        var next = Statement() + $"{Today.AddDays(-1):yyyy-MM-dd},Cafe,-5.00,1245.00,Restaurants\n";
        var overlap = await JsonAsync(await ImportAsync(finance.Http, personId, accountId, next), HttpStatusCode.OK);
        overlap.GetProperty("newRows").GetInt32().ShouldBe(1);
        var account = await JsonAsync(await finance.Http.GetAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}", Ct), HttpStatusCode.OK);
        account.GetProperty("balance").GetDecimal().ShouldBe(1245m);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Import_AMalformedRow_NamesTheRowAndProblem_AndImportsNothing(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, accountId) = await AccountAsync(provider, finance.Http);
        var bad = Statement() + "2026-13-01,Shop,-abc,100.00,Groceries\n";
        var problem = await JsonAsync(await ImportAsync(finance.Http, personId, accountId, bad), HttpStatusCode.BadRequest);
        var errors = ErrorsFor(problem, "Content");
        errors.ShouldHaveSingleItem().ShouldStartWith("Row 5: the date '2026-13-01' is not a date");
        errors[0].ShouldContain("the amount '-abc' is not an amount of money");
        (await app.QueryAsync(provider, db => db.StatementLines.CountAsync(l => l.AccountId == accountId))).ShouldBe(0);
        (await app.QueryAsync(provider, db => db.StatementImports.CountAsync(l => l.AccountId == accountId))).ShouldBe(0);

        var noHeader = await JsonAsync(await ImportAsync(finance.Http, personId, accountId, "When,What\n2026-01-01,x\n"), HttpStatusCode.BadRequest);
        ErrorsFor(noHeader, "Content").ShouldHaveSingleItem().ShouldStartWith("Row 1: the header must name the columns");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SurplusFlag_IsInTheWorklist_IsResolvedWithAFinding_AndTheReclaimKeepsTheReserveAndWaitsForTheNotice(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, accountId) = await AccountAsync(provider, finance.Http);
        var imported = await JsonAsync(await ImportAsync(finance.Http, personId, accountId, Statement()), HttpStatusCode.OK);
        var flag = imported.GetProperty("flagsRaised").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "Surplus");
        flag.GetProperty("ownerName").GetString().ShouldNotBeNullOrEmpty();
        flag.GetProperty("dueDate").GetDateTime().ShouldBe(Today.AddDays(14).ToDateTime(TimeOnly.MinValue));
        flag.GetProperty("detail").GetString()!.ShouldContain("12.5 weeks of payments");

        var work = await finance.GetAsync("/Finance/Work");
        work.TableRows("#flags").ShouldContain(r => r[1] == "Surplus above the agreed level");

        // £1,250 less 4 weeks of £100 kept: at most £850.
        var tooMuch = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}/reclaims",
            new { amount = 900m, method = "OffLaterPayment", reason = "Unspent for months" }, Ct), HttpStatusCode.BadRequest);
        ErrorsFor(tooMuch, "Amount").ShouldContain("The most that can be reclaimed is £850.00: the balance of £1,250.00 less the contingency reserve of £400.00 the person keeps");
        var reclaim = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}/reclaims",
            new { flagId = flag.GetProperty("id").GetGuid(), amount = 850m, method = "OffLaterPayment", reason = "Unspent for months" }, Ct), HttpStatusCode.Created);
        reclaim.GetProperty("earliestTakeDate").GetDateTime().ShouldBe(Today.AddDays(28).ToDateTime(TimeOnly.MinValue));
        var reclaimId = reclaim.GetProperty("id").GetGuid();
        var early = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}/reclaims/{reclaimId}/take", new { revision = 1 }, Ct), HttpStatusCode.BadRequest);
        early.GetProperty("errorCode").GetString().ShouldBe("reclaim-notice-running");

        var letter = await finance.GetAsync($"/People/{personId}/Monitoring/{accountId}/Reclaims/{reclaimId}/Letter");
        letter.Status.ShouldBe(HttpStatusCode.OK);
        letter.Heading.ShouldBe("We plan to take back £850.00 of unspent direct payment");
        letter.BodyText.ShouldContain($"We will not take the money before {UkFormat.Date(Today.AddDays(28))}");
        letter.BodyText.ShouldContain("You keep £400.00");

        var noFinding = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}/flags/{flag.GetProperty("id").GetGuid()}/resolve", new { revision = 1 }, Ct), HttpStatusCode.BadRequest);
        ErrorsFor(noFinding, "Finding").ShouldNotBeEmpty();
        var resolved = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}/flags/{flag.GetProperty("id").GetGuid()}/resolve",
            new { revision = 1, finding = "Support paused while in hospital; surplus reclaimed with notice" }, Ct), HttpStatusCode.OK);
        resolved.GetProperty("status").GetString().ShouldBe("Resolved");
        (await app.QueryAsync(provider, db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Reason == "Support paused while in hospital; surplus reclaimed with notice"))).ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_SeesTheAccount_ButCannotImportOrReclaim(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var (personId, accountId) = await AccountAsync(provider, finance.Http);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await ImportAsync(nurse.Http, personId, accountId, Statement())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.Http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{accountId}/reclaims", new { amount = 1m }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.Http.GetAsync($"/api/v1/people/{personId}/dp-accounts", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await nurse.GetAsync($"/People/{personId}/Monitoring");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("form[action*='handler=Import']").ShouldBeNull();
        var bad = await JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts", new { kind = "PrepaidCard", weeklyNetPayment = 0m, openedOn = Today }, Ct), HttpStatusCode.BadRequest);
        ErrorsFor(bad, "AccountReference").ShouldNotBeEmpty();
        ErrorsFor(bad, "WeeklyNetPayment").ShouldNotBeEmpty();
    }
}
