using System.Net;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>The home page is the practitioner's work, and lists that name people tell them apart (issue 11, item 8).</summary>
public sealed class HomePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => PathwayArrange.Today;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Home_CountsOverdueAndDueThisWeek_WithLinksToThatWork(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        var late = await app.NewNorthPersonAsync(provider);
        var soon = await app.NewNorthPersonAsync(provider);
        var later = await app.NewNorthPersonAsync(provider);
        await app.OpenStepAsync(provider, late.Id, PathwayStage.SupportPlanning, Today.AddDays(-3), staff.Email);
        await app.OpenStepAsync(provider, soon.Id, PathwayStage.Referral, Today.AddDays(2), staff.Email);
        await app.OpenStepAsync(provider, later.Id, PathwayStage.Referral, Today.AddDays(30), staff.Email);
        using var browser = await app.BrowserAsync(provider);

        var home = await browser.SignInAsync(staff.Email, staff.Password);

        home.Status.ShouldBe(HttpStatusCode.OK);
        home.SummaryValue("Overdue").ShouldStartWith("1 step overdue");
        home.SummaryValue("Due in the next 7 days").ShouldBe("1 step");
        home.SummaryValue("All your open work").ShouldBe("3 steps");
        home.SummaryValue("New notifications").ShouldBe("None unread");
        home.SummaryValue("Waiting for your decision").ShouldBeNull("a practitioner approves nothing");
        var links = home.Document.QuerySelectorAll("#home-counts a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldBe(["/Work?due=Overdue", "/Work?due=ThisWeek", "/Work", "/Notifications"]);

        var overdue = await browser.GetAsync("/Work?due=Overdue");
        overdue.Status.ShouldBe(HttpStatusCode.OK);
        var row = overdue.TableRows().ShouldHaveSingleItem();
        row[0].ShouldContain(late.DisplayName);
        row[0].ShouldContain($"Born {UkFormat.Date(await BirthDateAsync(provider, late.Id))}");
        row[0].ShouldContain(late.PersonIdentifier);
        row[0].ShouldContain($"NHS number {Core.People.NhsNumber.Parse(late.NhsNumber!).Formatted}");

        var week = await browser.GetAsync("/Work?due=ThisWeek");
        week.TableRows().ShouldHaveSingleItem()[0].ShouldContain(soon.DisplayName);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Home_ListsThePeopleTheUserIsKeyWorkerFor_WithDateOfBirthAndIdentifiers(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var home = await nurse.GetAsync("/");

        var item = home.Document.QuerySelectorAll("#home-people li").Select(HtmlPage.Text).Single(t => t.Contains(person.DisplayName, StringComparison.Ordinal));
        item.ShouldContain($"Born {UkFormat.Date(await BirthDateAsync(provider, person.Id))}");
        item.ShouldContain(person.PersonIdentifier);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Home_ForATeamManager_CountsPlansWaitingForTheirDecision(DatabaseProvider provider)
    {
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var home = await manager.GetAsync("/");

        home.Status.ShouldBe(HttpStatusCode.OK);
        home.SummaryValue("Waiting for your decision").ShouldNotBeNull().ShouldMatch(@"^\d+ plans? to approve$");
        home.Document.QuerySelectorAll("#home-counts a").Select(a => a.GetAttribute("href")).ShouldContain("/Approvals");
    }

    private Task<DateOnly> BirthDateAsync(DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.People.Where(p => p.Id == personId).Select(p => p.DateOfBirth)));
}
