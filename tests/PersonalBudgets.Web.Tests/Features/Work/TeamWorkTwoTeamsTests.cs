using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>
/// A manager of two teams sees the open work of both, and a person allocated to both counts and shows once (the read
/// table has a row per team, made distinct when there is more than one). Its own databases: the manager joins South here.
/// </summary>
public sealed class TeamWorkTwoTeamsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => PathwayArrange.Today;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamWork_ForAManagerOfTwoTeams_CountsAndListsAPersonInBothOnce(DatabaseProvider provider)
    {
        await app.QueryAsync(provider, async db =>
        {
            var manager = await db.Users.Where(u => u.Email == DemoAccounts.NorthManager).Select(u => u.Id).SingleAsync();
            var south = await db.Teams.Where(t => t.Name == DemoTeams.South).Select(t => t.Id).SingleAsync();
            if (!await db.TeamMemberships.AnyAsync(m => m.UserId == manager && m.TeamId == south))
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = south, UserId = manager });
            }

            return await db.SaveChangesAsync();
        });
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var before = NoOwner(await browser.GetAsync("/Work/Team"));

        var both = await app.NewPerson(provider).InTeams(DemoTeams.North, DemoTeams.South).CreateAsync();
        var southOnly = await app.NewSouthPersonAsync(provider);
        await app.OpenStepAsync(provider, both.Id, PathwayStage.NeedsAssessment, Today.AddDays(-500), ownerEmail: null);
        await app.OpenStepAsync(provider, southOnly.Id, PathwayStage.NeedsAssessment, Today.AddDays(-499), ownerEmail: null);

        var page = await browser.GetAsync("/Work/Team");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var after = NoOwner(page);
        (after.Open - before.Open).ShouldBe(2);
        (after.Overdue - before.Overdue).ShouldBe(2);
        foreach (var list in new[] { "#unowned", "#overdue" })
        {
            page.TableRows(list).Count(r => r[1].StartsWith(both.DisplayName, StringComparison.Ordinal)).ShouldBe(1);
            page.TableRows(list).Count(r => r[1].StartsWith(southOnly.DisplayName, StringComparison.Ordinal)).ShouldBe(1);
        }

        using var response = await browser.Http.GetAsync("/api/v1/work/team", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        json.RootElement.GetProperty("teams").GetArrayLength().ShouldBe(2);
        json.RootElement.GetProperty("unowned").GetProperty("total").GetInt32().ShouldBe(after.Open);
        json.RootElement.GetProperty("overdue").GetProperty("items").EnumerateArray()
            .Count(i => i.GetProperty("personId").GetGuid() == both.Id).ShouldBe(1);
    }

    private static (int Open, int Overdue, int DueWithinWeek) NoOwner(HtmlPage page)
    {
        var row = page.TableRows("#by-member").FirstOrDefault(r => r[0] == "No owner");
        return row is null
            ? (0, 0, 0)
            : (TeamCounts.Parse(row[1]), TeamCounts.Parse(row[2]), TeamCounts.Parse(row[3]));
    }
}
