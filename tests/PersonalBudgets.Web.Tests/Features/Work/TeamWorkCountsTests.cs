using System.Globalization;
using System.Net;
using System.Text.Json;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>
/// Team work's counts and lists come from the open steps of the people currently allocated to the manager's teams:
/// a person in two teams counts once, a person of another team not at all; the page and the API agree.
/// </summary>
public sealed class TeamWorkCountsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => PathwayArrange.Today;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamWork_CountsAPersonInTwoTeamsOnce_AndNobodyOutsideTheTeams_OnThePageAndInTheApi(DatabaseProvider provider)
    {
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var before = NoOwner(await manager.GetAsync("/Work/Team"));

        var north = await app.NewNorthPersonAsync(provider);
        var both = await app.NewPerson(provider).InTeams(DemoTeams.North, DemoTeams.South).CreateAsync();
        var south = await app.NewSouthPersonAsync(provider);
        // Due long ago, so they are on the first page of overdue and unowned work whatever else the class has.
        await app.OpenStepAsync(provider, north.Id, PathwayStage.NeedsAssessment, Today.AddDays(-400), ownerEmail: null);
        await app.OpenStepAsync(provider, both.Id, PathwayStage.NeedsAssessment, Today.AddDays(-399), ownerEmail: null);
        await app.OpenStepAsync(provider, south.Id, PathwayStage.NeedsAssessment, Today.AddDays(-401), ownerEmail: null);

        var page = await manager.GetAsync("/Work/Team");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var after = NoOwner(page);
        (after.Open - before.Open).ShouldBe(2);
        (after.Overdue - before.Overdue).ShouldBe(2);
        (after.DueWithinWeek - before.DueWithinWeek).ShouldBe(0);
        foreach (var list in new[] { "#unowned", "#overdue" })
        {
            page.TableRows(list).Count(r => r[1].StartsWith(north.DisplayName, StringComparison.Ordinal)).ShouldBe(1);
            page.TableRows(list).Count(r => r[1].StartsWith(both.DisplayName, StringComparison.Ordinal)).ShouldBe(1);
            page.TableRows(list).ShouldNotContain(r => r[1].StartsWith(south.DisplayName, StringComparison.Ordinal));
        }

        using var response = await manager.Http.GetAsync("/api/v1/work/team", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var noOwner = json.RootElement.GetProperty("byMember").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "No owner");
        noOwner.GetProperty("open").GetInt32().ShouldBe(after.Open);
        noOwner.GetProperty("overdue").GetInt32().ShouldBe(after.Overdue);
        json.RootElement.GetProperty("unowned").GetProperty("total").GetInt32().ShouldBe(after.Open);
        var unowned = json.RootElement.GetProperty("unowned").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("personId").GetGuid()).ToList();
        unowned.Count(id => id == both.Id).ShouldBe(1);
        unowned.ShouldNotContain(south.Id);
    }

    private static (int Open, int Overdue, int DueWithinWeek) NoOwner(HtmlPage page)
    {
        var row = page.TableRows("#by-member").FirstOrDefault(r => r[0] == "No owner");
        return row is null
            ? (0, 0, 0)
            : (TeamCounts.Parse(row[1]), TeamCounts.Parse(row[2]), TeamCounts.Parse(row[3]));
    }
}
