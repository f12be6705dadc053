using System.Net;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.DirectPayments;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>
/// The dashboard's direct payment measures (issue 15 item 5) on both databases, over a team of the test's own whose
/// figures are known by construction: three people with a budget in place, one with a signed and paid agreement (the
/// plan approved a day before the payment), one still being set up, one with no direct payment; one open surplus flag
/// (overdue) and one reclaim of £250 with notice given today.
/// </summary>
public sealed class DashboardDirectPaymentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Analyst = "analyst@northmoor.example";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, List<string>> Figures(HtmlPage page, string table) =>
        page.Document.QuerySelectorAll($"#table-{table} tbody tr").ToDictionary(
            r => HtmlPage.Text(r.QuerySelector("th")),
            r => r.QuerySelectorAll("td").Select(c => HtmlPage.Text(c).Split(": the list for")[0].Trim()).ToList());

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task DirectPaymentSection_CountsTheArrangedPeople_AndOpensTheListsBehind(DatabaseProvider provider)
    {
        var name = "DP team " + TestData.UniqueLetters();
        var teamId = await app.QueryAsync(provider, async db =>
        {
            var team = new Team { Id = Guid.NewGuid(), Name = name };
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
            return team.Id;
        });
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var paid = await app.NewPerson(provider).InTeams(name).CreateAsync();
        var settingUp = await app.NewPerson(provider).InTeams(name).CreateAsync();
        var none = await app.NewPerson(provider).InTeams(name).CreateAsync();
        await app.BudgetInPlaceAsync(provider, paid.Id, today.AddDays(30), today.AddDays(-30), directPayment: true);
        await app.BudgetInPlaceAsync(provider, settingUp.Id, today.AddDays(30), today.AddDays(-30), directPayment: true);
        await app.BudgetInPlaceAsync(provider, none.Id, today.AddDays(30), today.AddDays(-30));
        await app.DirectPaymentAsync(provider, paid.Id, ArrangedDp.Paid);
        await app.DirectPaymentAsync(provider, settingUp.Id, ArrangedDp.SettingUp);
        var (account, _) = await app.FlaggedAccountAsync(provider, paid.Id, FlagKind.Surplus, raisedDaysAgo: 20);
        await app.ReclaimAsync(provider, account, 250m);

        using var analyst = await app.SignedInAsync(provider, Analyst);
        var page = await analyst.GetAsync($"/Dashboard?team={teamId}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        Figures(page, "dp-uptake")["Agreement signed"][0].ShouldStartWith("1 of 3 (");
        var time = Figures(page, "dp-time")["Plan approval to first payment paid"];
        time[0].ShouldBe("1");
        time[1].ShouldBe("1");
        var flags = Figures(page, "dp-flags");
        string.Join(" | ", flags[FlagKind.Surplus.Label()]).ShouldBe("1 of 1 (100%) | 1 of 1 (100%)");
        flags[FlagKind.NoSpending.Label()][0].ShouldBe("0 of 1 (0%)");
        var reclaims = Figures(page, "dp-reclaims");
        string.Join(" | ", reclaims["Notice given"]).ShouldBe("1 | 250");
        reclaims["Taken"][0].ShouldBe("0 of 1 (0%)");
        var byTeam = Figures(page, "dp-by-group")[name];
        byTeam[0].ShouldStartWith("1 of 3 (");
        byTeam[1].ShouldBe("1");
        byTeam[3].ShouldBe("1");
        byTeam[4].ShouldBe("1");
        byTeam[5].ShouldBe("250");

        // Each figure opens its list: the analyst's lists are pseudonymised, one person each.
        foreach (var table in new[] { "dp-uptake", "dp-time", "dp-reclaims" })
        {
            var link = page.Document.QuerySelector($"#table-{table} tbody tr td a")!.GetAttribute("href")!;
            var list = await analyst.GetAsync(link);
            list.Status.ShouldBe(HttpStatusCode.OK, table);
            list.Document.QuerySelectorAll("main table tbody tr").Length.ShouldBe(1, table);
            list.Html.ShouldNotContain(paid.PersonIdentifier);
        }

        var surplus = page.Document.QuerySelectorAll("#table-dp-flags tbody tr td a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("of=Surplus", StringComparison.Ordinal));
        (await analyst.GetAsync(surplus)).Document.QuerySelectorAll("main table tbody tr").Length.ShouldBe(1);

        // A kind that is not one is a 400 naming the field.
        var bad = await analyst.GetAsync(surplus.Replace("of=Surplus", "of=Nonsense", StringComparison.Ordinal));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamManager_SeesTheirTeamsPeopleByName_InTheDirectPaymentList(DatabaseProvider provider)
    {
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var person = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, person.Id, today.AddDays(30), today.AddDays(-30), directPayment: true);
        await app.DirectPaymentAsync(provider, person.Id, ArrangedDp.AgreementSigned);

        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var page = await manager.GetAsync("/Dashboard");
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        var link = page.Document.QuerySelector("#table-dp-uptake tbody tr td a")!.GetAttribute("href")!;
        // The whole list, as its CSV download: the manager's own team's people, by name and identifier.
        var csv = await manager.Http.GetStringAsync(new Uri(link.Replace("/Dashboard/People?", "/Dashboard/People?handler=Csv&", StringComparison.Ordinal), UriKind.Relative), Ct);
        csv.ShouldContain(person.PersonIdentifier);
    }
}
