using System.Net;
using PersonalBudgets.Web.Features.Approvals;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>
/// The approvals queue's pages: its "page" query value is not the Razor Pages route value of the same name, so every plan
/// waiting for the team manager can be reached and the page is not shown as an error.
/// </summary>
public sealed class ApprovalsPagingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_SecondPage_ShowsThePlansPastTheFirstPage(DatabaseProvider provider)
    {
        var waiting = new List<string>();
        for (var i = 0; i < ApprovalService.PageSize + 1; i++)
        {
            var person = await app.NewNorthPersonAsync(provider);
            await app.SubmittedPlanAsync(provider, person.Id);
            waiting.Add(person.DisplayName);
        }

        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var first = await manager.GetAsync("/Approvals?page=1");
        var second = await manager.GetAsync("/Approvals?page=2");

        foreach (var page in new[] { first, second })
        {
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Document.Title.ShouldNotStartWith("Error:");
            page.ErrorSummary.ShouldBeEmpty();
        }

        first.Document.QuerySelector(".govuk-pagination [aria-current=page]")!.TextContent.Trim().ShouldBe("1");
        second.Document.QuerySelector(".govuk-pagination [aria-current=page]")!.TextContent.Trim().ShouldBe("2");
        var onFirst = first.TableRows("#queue").Select(r => r[0]).ToList();
        var onSecond = second.TableRows("#queue").Select(r => r[0]).ToList();
        onFirst.Count.ShouldBe(ApprovalService.PageSize);
        onSecond.ShouldNotBeEmpty();
        onSecond.ShouldAllBe(name => !onFirst.Contains(name));
        var shown = onFirst.Concat(onSecond).ToList();
        waiting.ShouldAllBe(name => shown.Any(row => row.StartsWith(name, StringComparison.Ordinal)));
    }
}
