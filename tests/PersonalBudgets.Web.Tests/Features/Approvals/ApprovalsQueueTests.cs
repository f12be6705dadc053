using System.Net;
using System.Text.Json;
using PersonalBudgets.Web.Features.Approvals;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>
/// The approvals queue's totals: a page that is neither empty nor full tells the total without a count, so the last page
/// must give the same total as the first; and only requests for people of the manager's teams are listed.
/// In a class of its own: it counts every request in its database.
/// </summary>
public sealed class ApprovalsQueueTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_LastPage_GivesTheSameTotalAsTheFirst_AndOnlyThePeopleOfTheManagersTeams(DatabaseProvider provider)
    {
        var north = new List<Guid>();
        for (var i = 0; i < ApprovalService.PageSize + 2; i++)
        {
            north.Add((await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id)).RequestId);
        }

        var south = await app.SubmittedPlanAsync(provider, (await app.NewSouthPersonAsync(provider)).Id, authorEmail: DemoAccounts.SouthOt);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var first = await QueueAsync(manager, 1);
        var pages = first.GetProperty("totalPages").GetInt32();
        var last = await QueueAsync(manager, pages);
        var beyond = await QueueAsync(manager, pages + 5);

        var total = first.GetProperty("totalCount").GetInt32();
        total.ShouldBeGreaterThanOrEqualTo(north.Count);
        last.GetProperty("totalCount").GetInt32().ShouldBe(total);
        last.GetProperty("totalPages").GetInt32().ShouldBe(pages);
        last.GetProperty("items").GetArrayLength().ShouldBe(total - ((pages - 1) * ApprovalService.PageSize));
        beyond.GetProperty("page").GetInt32().ShouldBe(pages);
        beyond.GetProperty("totalCount").GetInt32().ShouldBe(total);
        var shown = new List<Guid>();
        for (var page = 1; page <= pages; page++)
        {
            shown.AddRange((await QueueAsync(manager, page)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }

        shown.Count.ShouldBe(total);
        shown.Distinct().Count().ShouldBe(total);
        north.ShouldBeSubsetOf(shown);
        shown.ShouldNotContain(south.RequestId);
    }

    private static async Task<JsonElement> QueueAsync(Browser browser, int page)
    {
        using var response = await browser.Http.GetAsync($"/api/v1/approvals?page={page}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("teamManager").Clone();
    }
}
