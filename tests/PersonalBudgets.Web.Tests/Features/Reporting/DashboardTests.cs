using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Web.Features.Dashboard;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>
/// The implementation dashboard over HTTP on both databases: a team of the test's own holds arranged people whose
/// every figure is known by construction (a person in two teams, a step reallocated across professions, a pathway
/// ended, a correction of eligibility, section 117); access by scope; pseudonymised lists; downloads.
/// </summary>
public sealed class DashboardTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Analyst = "analyst@northmoor.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Arranged(Guid TeamId, string TeamName, TestPerson TwoTeams, TestPerson Corrected, TestPerson Section117, TestPerson Ended);

    /// <summary>
    /// A new team with four people: TwoTeams (also in North) eligible, offered by a social worker, whose open step
    /// moved from the North nurse to the North social worker; Corrected, found eligible then not (a correction), not
    /// offered (too unwell), with an unowned step overdue since yesterday; Section117, entitled to aftercare, with a
    /// budget in place for 30 days paid in part by direct payment; Ended, whose pathway ended. Everyone's key worker
    /// is the North nurse.
    /// </summary>
    private async Task<Arranged> ArrangeAsync(DatabaseProvider provider)
    {
        var name = "Dashboard team " + TestData.UniqueLetters();
        var teamId = await app.QueryAsync(provider, async db =>
        {
            var team = new Team { Id = Guid.NewGuid(), Name = name };
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
            return team.Id;
        });
        var today = PathwayArrange.Today;
        var twoTeams = await app.NewPerson(provider).InTeams(name, DemoTeams.North).CreateAsync();
        var corrected = await app.NewPerson(provider).InTeams(name).CreateAsync();
        var section117 = await app.NewPerson(provider).InTeams(name).Section117().CreateAsync();
        var ended = await app.NewPerson(provider).InTeams(name).CreateAsync();

        var step = await app.OpenStepAsync(provider, twoTeams.Id, PathwayStage.Eligibility, today.AddDays(5));
        await app.DecideEligibilityAsync(provider, twoTeams.Id, eligible: true);
        await app.OpenStepAsync(provider, corrected.Id, PathwayStage.Eligibility, today.AddDays(-1), ownerEmail: null);
        await app.DecideEligibilityAsync(provider, corrected.Id, eligible: true);
        await Task.Delay(20, Ct);
        await app.DecideEligibilityAsync(provider, corrected.Id, eligible: false);
        await app.BudgetInPlaceAsync(provider, section117.Id, today.AddDays(10), today.AddDays(-30), directPayment: true);
        await app.EndedEpisodeAsync(provider, ended.Id, today.AddDays(3));
        await app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.NewGuid(), "Test arrangement");
            var now = DateTimeOffset.UtcNow;
            db.BudgetOffers.Add(BudgetOffer.Record(twoTeams.Id, OfferStage.Eligibility, null, null, true, OfferResponse.InterestedInDirectPayment, null, null, actor, Profession.SocialWorker, teamId, now));
            db.BudgetOffers.Add(BudgetOffer.Record(corrected.Id, OfferStage.Eligibility, null, null, false, null, NotOfferedReason.TooUnwellNow, "In hospital", actor, Profession.Nurse, teamId, now));
            var socialWorker = await db.Users.SingleAsync(u => u.Email == DemoAccounts.NorthSocialWorker, Ct);
            var tracked = await db.PathwaySteps.SingleAsync(s => s.Id == step, Ct);
            db.StepOwnerChanges.Add(tracked.AssignOwner(new StaffRef(socialWorker.Id, socialWorker.DisplayName, socialWorker.Profession), "Needs a social worker's view", null, actor, now));
            await db.SaveChangesAsync(Ct);
            return true;
        });
        return new Arranged(teamId, name, twoTeams, corrected, section117, ended);
    }

    /// <summary>The figures of a table, row label to cell texts (without the links' hidden words).</summary>
    private static Dictionary<string, List<string>> Figures(HtmlPage page, string table) =>
        page.Document.QuerySelectorAll($"#table-{table} tbody tr").ToDictionary(
            r => HtmlPage.Text(r.QuerySelector("th")),
            r => r.QuerySelectorAll("td").Select(c => HtmlPage.Text(c).Split(": the list for")[0].Trim()).ToList());

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Figures_OfArrangedPeople_AreKnownByConstruction(DatabaseProvider provider)
    {
        var a = await ArrangeAsync(provider);
        using var analyst = await app.SignedInAsync(provider, Analyst);

        var page = await analyst.GetAsync($"/Dashboard?team={a.TeamId}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        var funnel = Figures(page, "funnel");
        funnel["Referred"][0].ShouldBe("4 of 4 (100%)");
        funnel["Assessed"][0].ShouldBe("2 of 4 (50%)");
        // The correction supersedes the earlier decision: only TwoTeams is eligible now.
        funnel["Eligible"][0].ShouldBe("1 of 4 (25%)");
        funnel["Eligible"][1].ShouldBe("1 of 2 (50%)");
        funnel["Offered a personal budget"][0].ShouldBe("1 of 4 (25%)");
        funnel["Offered a direct payment"][0].ShouldBe("1 of 4 (25%)");
        funnel["Indicative budget"][0].ShouldBe("0 of 4 (0%)");
        funnel["Plan submitted"][0].ShouldBe("1 of 4 (25%)");
        funnel["Plan approved"][0].ShouldBe("1 of 4 (25%)");
        funnel["Budget in place"][0].ShouldBe("1 of 4 (25%)");
        funnel["First review done"][0].ShouldBe("0 of 4 (0%)");

        Figures(page, "offers")["Offered a personal budget"][0].ShouldBe("1 of 1 (100%)");
        Figures(page, "offers-by-profession")["Social worker"][0].ShouldBe("1 of 1 (100%)");
        Figures(page, "offers-by-team")[a.TeamName][0].ShouldBe("1 of 1 (100%)");
        Figures(page, "not-offered-reasons")[NotOfferedReason.TooUnwellNow.Label()][0].ShouldBe("1 of 1 (100%)");

        Figures(page, "uptake")["Taking a direct payment"][0].ShouldBe("1 of 1 (100%)");
        var deployment = Figures(page, "deployment");
        deployment["Direct payment"].ShouldBe(["1 of 1 (100%)", "30"]);
        deployment["Council-commissioned service"].ShouldBe(["1 of 1 (100%)", "60"]);

        var ownership = Figures(page, "ownership");
        ownership["Open steps with a named owner"][0].ShouldBe("2 of 3 (66.7%)");
        ownership["Open steps with no owner"][0].ShouldBe("1 of 3 (33.3%)");
        ownership["Open steps overdue now"][0].ShouldBe("1 of 3 (33.3%)");
        var byProfession = Figures(page, "ownership-by-profession");
        byProfession["Social worker"].ShouldBe(["1 of 2 (50%)", "0 of 4 (0%)"]);
        byProfession["Nurse"].ShouldBe(["1 of 2 (50%)", "4 of 4 (100%)"]);
        var moves = Figures(page, "reallocations");
        moves["All reallocations"][0].ShouldBe("1 of 1 (100%)");
        moves["Nurse to social worker"][0].ShouldBe("1 of 1 (100%)");
        Figures(page, "reviews")["Overdue now"][0].ShouldBe("0 of 1 (0%)");

        // Every table has its chart's words or none, and a chart is never without its table.
        page.Document.QuerySelectorAll("svg[role=img]").Length.ShouldBeGreaterThan(0);
        foreach (var svg in page.Document.QuerySelectorAll("svg[role=img]"))
        {
            svg.Closest(".app-report-table")!.QuerySelector("table").ShouldNotBeNull();
            svg.QuerySelector("title").ShouldNotBeNull();
            svg.QuerySelector("desc")!.TextContent.ShouldNotBeEmpty();
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ComparedByTeam_APersonInTwoTeamsCountsInBoth(DatabaseProvider provider)
    {
        var a = await ArrangeAsync(provider);
        using var analyst = await app.SignedInAsync(provider, Analyst);

        var page = await analyst.GetAsync($"/Dashboard?compare=Team&team={a.TeamId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var headers = page.Document.QuerySelectorAll("#table-funnel-compared thead th").Select(HtmlPage.Text).ToList();
        headers.ShouldBe(["Figure", a.TeamName]);
        Figures(page, "funnel-compared")["Referred"][0].ShouldBe("4 of 4 (100%)");
        // The other sections' headline rates, by the same definitions, for the same group.
        var keyFigures = Figures(page, "key-figures-compared");
        keyFigures["Eligible people offered a personal budget"].ShouldBe(["1 of 1 (100%)"]);
        keyFigures["Budgets in place with a direct payment"].ShouldBe(["1 of 1 (100%)"]);
        var offeredLink = page.Document.QuerySelector("#table-key-figures-compared tbody tr td a")!.GetAttribute("href")!;
        offeredLink.ShouldContain("figure=offered");
        offeredLink.ShouldContain($"team={a.TeamId}");
        (await analyst.GetAsync(offeredLink)).Status.ShouldBe(HttpStatusCode.OK);

        // Comparing by profession of the key worker: all four have the North nurse.
        var byProfession = await analyst.GetAsync($"/Dashboard?compare=Profession&team={a.TeamId}");
        Figures(byProfession, "funnel-compared")["Eligible"].ShouldBe(["1 of 4 (25%)"]);
        Figures(byProfession, "key-figures-compared")["Eligible people offered a personal budget"].ShouldBe(["1 of 1 (100%)"]);
        var csv = await analyst.Http.GetStringAsync(new Uri($"/Dashboard?handler=Csv&compare=Profession&team={a.TeamId}&table=key-figures-compared", UriKind.Relative), Ct);
        csv.ShouldContain("Eligible people offered a personal budget");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Manager_SeesOnlyTheirTeams_AndNamesInTheirLists(DatabaseProvider provider)
    {
        var a = await ArrangeAsync(provider);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        // Another team's figures are refused, naming the field.
        var other = await manager.GetAsync($"/Dashboard?team={a.TeamId}");
        other.Status.ShouldBe(HttpStatusCode.BadRequest);
        other.ErrorSummary.ShouldBe(["Choose one of your teams"]);
        var otherList = await manager.GetAsync($"/Dashboard/People?figure=funnel&of=Referred&team={a.TeamId}");
        otherList.Status.ShouldBe(HttpStatusCode.BadRequest);

        // North's list holds TwoTeams (also in North) by name, and never the people only in the other team.
        var north = await app.QueryAsync(provider, db => db.Teams.Where(t => t.Name == DemoTeams.North).Select(t => t.Id).SingleAsync(Ct));
        var list = await manager.GetAsync($"/Dashboard/People?figure=funnel&of=Eligible&team={north}");
        list.Status.ShouldBe(HttpStatusCode.OK, list.Html);
        list.BodyText.ShouldContain(a.TwoTeams.LegalLastName);
        list.BodyText.ShouldNotContain(a.Corrected.LegalLastName);
        list.Document.QuerySelectorAll("a[href^='/People/']").Length.ShouldBeGreaterThan(0);

        var audited = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == DashboardListService.RecordType && e.UserName == "Helen Marsh").OrderByDescending(e => e.OccurredAt).FirstAsync(Ct));
        audited.Action.ShouldBe(AuditAction.Viewed);
        audited.Summary!.ShouldContain("Eligible");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Analyst_SeesPseudonymsOnly_StableAcrossLists(DatabaseProvider provider)
    {
        var a = await ArrangeAsync(provider);
        using var analyst = await app.SignedInAsync(provider, Analyst);

        var eligible = await analyst.GetAsync($"/Dashboard/People?figure=funnel&of=Eligible&team={a.TeamId}");
        var offered = await analyst.GetAsync($"/Dashboard/People?figure=offered&team={a.TeamId}");

        eligible.Status.ShouldBe(HttpStatusCode.OK, eligible.Html);
        var rows = eligible.TableRows();
        rows.Count.ShouldBe(1);
        rows[0][0].ShouldStartWith("P-");
        rows[0][0].Length.ShouldBe(12);
        offered.TableRows()[0][0].ShouldBe(rows[0][0]);
        foreach (var secret in new[] { a.TwoTeams.LegalLastName, a.TwoTeams.PersonIdentifier, a.TwoTeams.NhsNumber!, "1980" })
        {
            eligible.Html.ShouldNotContain(secret);
        }

        eligible.Document.QuerySelectorAll("a[href^='/People/']").Length.ShouldBe(0);

        var csv = await analyst.Http.GetAsync(new Uri($"/Dashboard/People?handler=Csv&figure=funnel&of=Referred&team={a.TeamId}", UriKind.Relative), Ct);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await csv.Content.ReadAsStringAsync(Ct);
        text.ShouldContain(rows[0][0]);
        text.ShouldNotContain(a.Ended.LegalLastName);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Tables_DownloadAsCsvAndExcel_WithTheSameFigures(DatabaseProvider provider)
    {
        var a = await ArrangeAsync(provider);
        using var manager = await app.SignedInAsync(provider, Analyst);

        var csv = await manager.Http.GetAsync(new Uri($"/Dashboard?handler=Csv&table=funnel&team={a.TeamId}", UriKind.Relative), Ct);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim('\n')).ToList();
        lines[0].ShouldStartWith("\"\",\"Of the people referred: number\",\"Of the people referred: out of\",\"Of the people referred: %\"");
        lines.ShouldContain(l => l.StartsWith("\"Eligible\",\"1\",\"4\",\"25.0\"", StringComparison.Ordinal) || l.StartsWith("\"Eligible\",\"1\",\"4\",\"25\"", StringComparison.Ordinal));

        var xlsx = await manager.Http.GetAsync(new Uri($"/Dashboard?handler=Xlsx&table=funnel&team={a.TeamId}", UriKind.Relative), Ct);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync(Ct));
        var sheet = workbook.Worksheets.First();
        var eligibleRow = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Eligible");
        eligibleRow.Cell(2).GetValue<long>().ShouldBe(1);
        eligibleRow.Cell(3).GetValue<long>().ShouldBe(4);

        var unknown = await manager.GetAsync($"/Dashboard?handler=Csv&table=nothing&team={a.TeamId}");
        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BadFilter_IsA400NamingTheField(DatabaseProvider provider)
    {
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var page = await manager.GetAsync("/Dashboard?from=2026-13-01&profession=Wizard&compare=1");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe([
            "The start of the period must be a real date, for example 1/4/2026, 1 April 2026 or 2026-04-01",
            "Choose a profession from the list",
            "Choose what to compare by from the list",
        ], ignoreOrder: true);
        page.FieldError("Profession").ShouldNotBeNull();
        (await manager.GetAsync("/Dashboard/People?figure=everyone")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Period_WrittenTheUkWay_IsTheSamePeriod_AndTheQuickPeriodsAreLinks(DatabaseProvider provider)
    {
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var typed = await manager.GetAsync("/Dashboard?from=1%2F4%2F2026&to=31+March+2027");

        typed.Status.ShouldBe(HttpStatusCode.OK);
        typed.Document.Body!.TextContent.ShouldContain("Showing: 1 April 2026 to 31 March 2027");
        // The figures' links carry the period as the links write it, so the lists answer the same question.
        typed.Document.QuerySelector("a[href^='/Dashboard/People']")!.GetAttribute("href")!.ShouldContain("from=2026-04-01&to=2027-03-31");
        var periods = typed.Document.QuerySelectorAll(".app-dashboard-periods a").Select(a => (Text: HtmlPage.Text(a), Href: a.GetAttribute("href")!)).ToList();
        periods.Select(p => p.Text).ShouldContain("The last 12 months");
        periods.ShouldAllBe(p => p.Href.StartsWith("/Dashboard?from=", StringComparison.Ordinal));
        var lastYear = periods.Single(p => p.Text.StartsWith("The last financial year", StringComparison.Ordinal));
        (await manager.GetAsync(lastYear.Href)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_HasNoDashboard(DatabaseProvider provider)
    {
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var page = await nurse.GetAsync("/Dashboard");
        page.IsRedirect.ShouldBeTrue();
        page.Location!.ShouldContain("/Account/AccessDenied");
    }
}
