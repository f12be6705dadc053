using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>
/// The dashboard's charging measures (issue 14) on both databases, over a team of the test's own: days from the eligible
/// decision to the first completed financial assessment, and the share of people with a budget in place who pay a
/// contribution, with the list behind the figure.
/// </summary>
public sealed class DashboardFinanceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Analyst = "analyst@northmoor.example";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, List<string>> Figures(HtmlPage page, string table) =>
        page.Document.QuerySelectorAll($"#table-{table} tbody tr").ToDictionary(
            r => HtmlPage.Text(r.QuerySelector("th")),
            r => r.QuerySelectorAll("td").Select(c => HtmlPage.Text(c).Split(": the list for")[0].Trim()).ToList());

    /// <summary>A team of the test's own with two people with a budget in place; one pays £25 a week from a financial assessment completed today.</summary>
    private async Task<(Guid TeamId, string Name)> TeamWithOnePayingAsync(DatabaseProvider provider)
    {
        var name = "Finance team " + TestData.UniqueLetters();
        var teamId = await app.QueryAsync(provider, async db =>
        {
            var team = new Team { Id = Guid.NewGuid(), Name = name };
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
            return team.Id;
        });
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var pays = await app.NewPerson(provider).InTeams(name).CreateAsync();
        var free = await app.NewPerson(provider).InTeams(name).CreateAsync();
        await app.DecideEligibilityAsync(provider, pays.Id, eligible: true);
        await app.BudgetInPlaceAsync(provider, pays.Id, today.AddDays(10), today.AddDays(-30));
        await app.BudgetInPlaceAsync(provider, free.Id, today.AddDays(10), today.AddDays(-30));
        await PaysAsync(provider, pays.Id, today);
        return (teamId, name);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ChargingSection_CountsTheArrangedPeople_AndListsWhoPays(DatabaseProvider provider)
    {
        var (teamId, name) = await TeamWithOnePayingAsync(provider);
        using var analyst = await app.SignedInAsync(provider, Analyst);
        var page = await analyst.GetAsync($"/Dashboard?team={teamId}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        Figures(page, "finance-paying")["All teams in view"][0].ShouldBe("1 of 2 (50%)");
        Figures(page, "finance-paying")[name][0].ShouldBe("1 of 2 (50%)");
        var time = Figures(page, "finance-time")["Eligibility to financial assessment"];
        time[0].ShouldBe("1");
        time[1].ShouldBe("0");

        var link = page.Document.QuerySelector("#table-finance-paying tbody tr td a")!.GetAttribute("href")!;
        var list = await analyst.GetAsync(link);
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Document.QuerySelectorAll("main table tbody tr").Length.ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ChargingSection_ByTeam_CountsAPersonInTwoTeamsInBoth_WithNoTeamChosen(DatabaseProvider provider)
    {
        var (first, second) = ("Finance first " + TestData.UniqueLetters(), "Finance second " + TestData.UniqueLetters());
        await app.QueryAsync(provider, async db =>
        {
            db.Teams.AddRange(new Team { Id = Guid.NewGuid(), Name = first }, new Team { Id = Guid.NewGuid(), Name = second });
            await db.SaveChangesAsync(Ct);
            return true;
        });
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var both = await app.NewPerson(provider).InTeams(first, second).CreateAsync();
        var secondOnly = await app.NewPerson(provider).InTeams(second).CreateAsync();
        // In the first team with no budget: not in either figure.
        await app.NewPerson(provider).InTeams(first).CreateAsync();
        await app.DecideEligibilityAsync(provider, both.Id, eligible: true);
        await app.BudgetInPlaceAsync(provider, both.Id, today.AddDays(10), today.AddDays(-30));
        await app.BudgetInPlaceAsync(provider, secondOnly.Id, today.AddDays(10), today.AddDays(-30));
        await PaysAsync(provider, both.Id, today);

        using var analyst = await app.SignedInAsync(provider, Analyst);
        var page = await analyst.GetAsync("/Dashboard");
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        var rows = Figures(page, "finance-paying");
        rows[first][0].ShouldBe("1 of 1 (100%)");
        rows[second][0].ShouldBe("1 of 2 (50%)");
    }

    /// <summary>A completed financial assessment of £25 a week, applied to the person's budget as completing does.</summary>
    private Task<bool> PaysAsync(DatabaseProvider provider, Guid personId, DateOnly today) =>
        app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.Empty, "Test");
            var now = DateTimeOffset.UtcNow;
            var year = ChargingPolicyVersion.FinancialYearOf(today);
            var policy = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.FinancialYearStart == year && v.IsCurrent, Ct)
                ?? await db.ChargingPolicyVersions.SingleAsync(v => v.FinancialYearStart == year && v.Status == ChargingPolicyStatus.Draft, Ct);
            if (!policy.IsCurrent)
            {
                policy.Publish(actor, now, null);
            }

            var fa = await db.FinancialAssessments.SingleOrDefaultAsync(f => f.PersonId == personId && f.Status == FinancialAssessmentStatus.InProgress, Ct);
            if (fa is null)
            {
                fa = FinancialAssessment.Start(personId, false, null, null, today.AddDays(28), actor, now);
                db.FinancialAssessments.Add(fa);
            }

            fa.Record(new FinancialAssessmentInput(FinancialAssessmentType.LightTouch, 25m, LightTouch: LightTouchOutcome.FullCost, LightTouchReason: "Chooses to pay the full cost"), fa.Revision);
            fa.Complete(policy, 25m, today, false, fa.Revision, actor, now, null);
            fa.TakeDomainEvents();
            var budget = await db.PersonalBudgets.SingleAsync(b => b.PersonId == personId && b.EndDate == null, Ct);
            budget.ApplyAssessedContribution(fa.Id, fa.WeeklyContribution!.Value, today);
            await db.SaveChangesAsync(Ct);
            return true;
        });

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ChargingApi_GivesThePageFigures_WithTheirLists_AndRefusesPractitionersAndBadFilters(DatabaseProvider provider)
    {
        var (teamId, name) = await TeamWithOnePayingAsync(provider);
        using var analyst = await app.SignedInAsync(provider, Analyst);
        using var response = await analyst.Http.GetAsync($"/api/v1/dashboard/charging?team={teamId}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        json.GetProperty("teamId").GetGuid().ShouldBe(teamId);
        json.GetProperty("to").GetString().ShouldBe(UkTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var time = json.GetProperty("eligibilityToFinancialAssessment");
        time.GetProperty("people").GetInt64().ShouldBe(1);
        time.GetProperty("medianDays").GetDecimal().ShouldBe(0m);
        var rows = json.GetProperty("payingAContribution").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("team").GetString()).ShouldBe(["All teams in view", name]);
        rows[0].GetProperty("teamId").ValueKind.ShouldBe(JsonValueKind.Null);
        rows[1].GetProperty("teamId").GetGuid().ShouldBe(teamId);
        foreach (var row in rows)
        {
            var paying = row.GetProperty("paying");
            (paying.GetProperty("numerator").GetInt64(), paying.GetProperty("denominator").GetInt64(), paying.GetProperty("percent").GetDecimal()).ShouldBe((1L, 2L, 50m));
        }

        // The list behind a figure is the dashboard's own page, for the same filter.
        var list = await analyst.GetAsync(rows[1].GetProperty("paying").GetProperty("peopleLink").GetString()!);
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Document.QuerySelectorAll("main table tbody tr").Length.ShouldBe(1);

        // Practitioners have no dashboard; a wrong filter word is a 400 naming it.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var refused = await nurse.Http.GetAsync("/api/v1/dashboard/charging", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var badDate = await analyst.Http.GetAsync("/api/v1/dashboard/charging?from=31/02/2026", Ct);
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await badDate.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").GetProperty("from")[0].GetString()!.ShouldContain("The start of the period");
        using var otherTeam = await analyst.Http.GetAsync($"/api/v1/dashboard/charging?team={Guid.NewGuid()}", Ct);
        otherTeam.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await otherTeam.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").TryGetProperty("team", out _).ShouldBeTrue();
    }
}
