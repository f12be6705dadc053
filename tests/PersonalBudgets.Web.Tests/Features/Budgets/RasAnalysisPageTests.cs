using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Budgets;

/// <summary>
/// "Analyse this draft" (issue 12, item 4) over the demo data's indicative budgets. The draft raises every amount to a
/// minimum of £700 (above the in-force maximum of £600), so every figure is known from the stored budgets alone:
/// everyone goes up, the draft's total is £700 a person, and the in-force total is the sum of the stored amounts.
/// </summary>
public sealed class RasAnalysisPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const decimal DraftWeekly = 700m;

    /// <summary>The open draft's address, creating one (a copy of the published version) when there is none.</summary>
    private static async Task<string> DraftUrlAsync(Browser admin)
    {
        var index = await admin.GetAsync("/Admin/Ras");
        var draftRow = index.Document.QuerySelectorAll("tbody tr").FirstOrDefault(r => HtmlPage.Text(r.QuerySelectorAll("td")[2]) == "Draft");
        if (draftRow is not null)
        {
            return draftRow.QuerySelector("a")!.GetAttribute("href")!;
        }

        var created = await admin.SubmitAsync(index, ("Name", "Everyone at £700"));
        created.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        return (await admin.FollowAsync(created)).Url;
    }

    private static async Task<string> FixedAmountDraftAsync(Browser admin)
    {
        var url = await DraftUrlAsync(admin);
        var conversion = await admin.GetAsync($"{url}/Conversion");
        var saved = await admin.SubmitAsync(conversion, ("PricePerPoint", "4.50"), ("MinimumWeekly", "700"), ("MaximumWeekly", "700"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        return url;
    }

    /// <summary>Each person's latest adults' indicative budget, as stored when it was given.</summary>
    private Task<List<decimal>> StoredLatestAmountsAsync(DatabaseProvider provider) => app.QueryAsync(provider, async db =>
    {
        var adult = await db.RasVersions.Where(v => v.Kind == RasKind.Adult).Select(v => v.Id).ToListAsync();
        var budgets = await db.IndicativeBudgets.AsNoTracking().Where(b => adult.Contains(b.RasVersionId))
            .Select(b => new { b.PersonId, b.CalculatedAt, b.WeeklyAmount }).ToListAsync();
        return budgets.GroupBy(b => b.PersonId).Select(g => g.OrderByDescending(b => b.CalculatedAt).First().WeeklyAmount).ToList();
    });

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Admin_AnalysesADraft_FiguresMatchTheStoredBudgets_AndTheCsvHasThem(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, DemoAccounts.Administrator);
        var url = await FixedAmountDraftAsync(admin);
        var stored = await StoredLatestAmountsAsync(provider);
        var n = stored.Count;
        n.ShouldBeGreaterThan(0, "The demo data gives indicative budgets");
        stored.ShouldAllBe(a => a < DraftWeekly);

        var draft = await admin.GetAsync(url);
        var analyse = draft.Document.QuerySelectorAll("a").Single(a => HtmlPage.Text(a) == "Analyse this draft");
        var page = await admin.GetAsync(analyse.GetAttribute("href")!);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldStartWith("Analysis of draft version");
        page.SummaryValue("People analysed").ShouldBe($"{n} of {n} people with an indicative budget");
        page.SummaryValue("Go up").ShouldBe($"{n} of {n} (100%)");
        page.SummaryValue("Go down").ShouldBe($"0 of {n} (0%)");
        page.SummaryValue("No change").ShouldBe($"0 of {n} (0%)");
        page.SummaryValue("Total weekly cost, in force").ShouldNotBeNull().ShouldStartWith(UkFormat.Money(stored.Sum()));
        page.SummaryValue("Total weekly cost, draft").ShouldNotBeNull().ShouldStartWith(UkFormat.Money(DraftWeekly * n));
        page.SummaryValue("Not analysed").ShouldBeNull();

        // Every change is an increase of more than £50 (from at most £600 to £700).
        page.TableRows("#bands").Single(r => r[0] == "Up by more than £50").ShouldBe(["Up by more than £50", $"{n} of {n}", "100%"]);
        page.TableRows("#bands").Where(r => r[0] != "Up by more than £50").ShouldAllBe(r => r[1] == $"0 of {n}");

        // Each characteristic's groups add up to everyone, and each table has a caption.
        foreach (var id in new[] { "by-age-band", "by-gender", "by-ethnicity", "by-primary-support-reason" })
        {
            page.Document.QuerySelector($"#{id} caption").ShouldNotBeNull(id);
            page.TableRows($"#{id}").Sum(r => int.Parse(r[1].Split(" of ")[0], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(n, id);
            page.TableRows($"#{id}").ShouldAllBe(r => r[1].EndsWith($" of {n}", StringComparison.Ordinal));
        }

        page.Document.GetElementById("flag-rule").ShouldNotBeNull().TextContent.ShouldContain("by more than 10% of everyone's median weekly amount");

        // The analysis is audited (figures about groups, no person's record).
        var audited = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == "RasVersion" && e.Summary!.StartsWith("Analysed draft version")).CountAsync());
        audited.ShouldBeGreaterThan(0);

        // The CSV has the same figures.
        var csvHref = page.Document.QuerySelectorAll("a").Single(a => HtmlPage.Text(a).StartsWith("Download the analysis as CSV", StringComparison.Ordinal)).GetAttribute("href")!;
        using var response = await admin.Http.GetAsync(csvHref, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith("-analysis.csv");
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Section,Group,People,Out of,Median weekly change,Difference from everyone's median,Flagged");
        lines.ShouldContain($"Everyone,Worked out under both versions,{n},{n},{(DraftWeekly - Median(stored)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)},0.00,");
        lines.ShouldContain($"Direction,Up,{n},{n},,,");
        lines.ShouldContain($"Direction,Down,0,{n},,,");
        lines.ShouldContain($"Change per person,Up by more than £50,{n},{n},,,");
        // A cell with a comma is quoted.
        lines.ShouldContain(l => l.StartsWith("Summary,\"Total weekly cost, draft version", StringComparison.Ordinal)
            && l.EndsWith($",,,{(DraftWeekly * n).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)},,", StringComparison.Ordinal));
        lines.Count(l => l.StartsWith("Gender,", StringComparison.Ordinal)).ShouldBeGreaterThan(0);

        // The workbook has the same rows, with counts and pounds as numbers.
        var xlsxHref = page.Document.QuerySelectorAll("a").Single(a => HtmlPage.Text(a).StartsWith("Download the analysis as an Excel workbook", StringComparison.Ordinal)).GetAttribute("href")!;
        using var xlsx = await admin.Http.GetAsync(xlsxHref, TestContext.Current.CancellationToken);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith("-analysis.xlsx");
        using var workbook = new ClosedXML.Excel.XLWorkbook(await xlsx.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var sheet = workbook.Worksheet(1);
        sheet.Cell(3, 1).GetString().ShouldBe("Section");
        var everyone = sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "Worked out under both versions");
        everyone.Cell(3).GetValue<int>().ShouldBe(n);
        everyone.Cell(5).GetValue<decimal>().ShouldBe(DraftWeekly - Median(stored));
        sheet.RowsUsed().Count().ShouldBe(lines.Length + 1); // the title, then the same header and rows as the CSV
    }

    /// <summary>The median worked out here, independently of the code under test.</summary>
    private static decimal Median(List<decimal> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PublishedVersion_IsAlreadyInForce_AndHasNoCsv(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, DemoAccounts.Administrator);
        var published = await app.PublishedRasAsync(provider);

        var page = await admin.GetAsync($"/Admin/Ras/{published.Id}/Analysis");

        page.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(page.Document.GetElementById("not-a-draft")).ShouldStartWith($"Version {published.Number} is already in force.");
        page.Document.QuerySelector("#bands").ShouldBeNull();
        (await admin.GetAsync($"/Admin/Ras/{published.Id}/Analysis?handler=Csv")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Share_IsConfigurable_AndBadInputIsA400NamingTheField(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, DemoAccounts.Administrator);
        var url = await FixedAmountDraftAsync(admin);

        var wider = await admin.GetAsync($"{url}/Analysis?share=50");
        wider.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(wider.Document.GetElementById("flag-rule")).ShouldContain("by more than 50% of everyone's median weekly amount");
        wider.InputValue("Share").ShouldBe("50");

        var bad = await admin.GetAsync($"{url}/Analysis?share=lots");
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.FieldError("Share").ShouldBe("The share must be a whole number from 0 to 100, like 10");
        bad.ErrorSummary.ShouldBe(["The share must be a whole number from 0 to 100, like 10"]);
        (await admin.GetAsync($"{url}/Analysis?share=101")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task OnlyAdministratorsWhoManageTheRas_CanOpenIt(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, DemoAccounts.Administrator);
        var url = await DraftUrlAsync(admin);
        foreach (var email in new[] { DemoAccounts.NorthManager, DemoAccounts.NorthNurse, DemoAccounts.Finance })
        {
            using var other = await app.SignedInAsync(provider, email);
            var page = await other.GetAsync($"{url}/Analysis");
            page.Status.ShouldBe(HttpStatusCode.Redirect, email);
            page.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
            (await other.GetAsync($"{url}/Analysis?handler=Csv")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        }
    }
}
