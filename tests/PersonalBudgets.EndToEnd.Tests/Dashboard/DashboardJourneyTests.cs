using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Dashboard;

/// <summary>
/// The implementation dashboard in Chromium: a team manager compares professions on the offer rate, opens the people
/// behind a figure and downloads the table; an analyst sees pseudonyms only; the pages fit a 375 px wide screen.
/// </summary>
public sealed class DashboardJourneyTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task TeamManager_ComparesProfessionsOnTheOfferRate_OpensThePeople_AndDownloadsTheTable()
    {
        await SignInAsync(DemoData.NorthManager);
        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }));
        await Expect(Heading("Where the pathway stalls", 1)).ToBeVisibleAsync();

        await Page.GetByLabel("Compare the pathway by").SelectOptionAsync(new SelectOptionValue { Label = "Profession of the key worker" });
        await FollowAsync(Button("Show the figures"));
        await Expect(Page.Locator("#table-funnel-compared")).ToContainTextAsync("Nurse");

        // Offers by the recorder's profession: every figure is a number out of another, with its chart beside the table.
        var offers = Page.Locator("#table-offers-by-profession");
        await Expect(offers.Locator("svg[role=img]")).ToHaveCountAsync(1);
        var nurseRow = offers.Locator("tbody tr").Filter(new() { Has = Page.Locator("th", new() { HasTextString = "Nurse" }) });
        await Expect(nurseRow).ToContainTextAsync(" of ");

        var download = await Page.RunAndWaitForDownloadAsync(() => offers.GetByRole(AriaRole.Link, new() { NameString = "CSV of Offers by the recorder's profession" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("offers-by-profession.csv");
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path!, TestContext.Current.CancellationToken);
        csv.ShouldContain("\"Nurse\"");

        await FollowAsync(nurseRow.GetByRole(AriaRole.Link));
        await Expect(Page.Locator("h1")).ToContainTextAsync("offered a personal budget by a nurse");
        // A team manager sees their teams' people by name, each a link to the person.
        await Expect(Page.Locator("main table a[href^='/People/']").First).ToBeVisibleAsync();

        await Page.SetViewportSizeAsync(375, 800);
        await FollowAsync(Link("Back to the dashboard"));
        (await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
    }

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Analyst_SeesEveryTeam_AndPseudonymsInTheLists()
    {
        await SignInAsync("analyst@northmoor.example");
        await GoToAsync("/Dashboard");
        await Expect(Heading("Where the pathway stalls", 1)).ToBeVisibleAsync();
        await FollowAsync(Page.Locator("#table-funnel tbody tr").First.GetByRole(AriaRole.Link));
        await Expect(Page.Locator("main")).ToContainTextAsync("pseudonymised");
        await Expect(Page.Locator("main table tbody tr").First).ToContainTextAsync("P-");
        await Expect(Page.Locator("main table a[href^='/People/']")).ToHaveCountAsync(0);
    }
}
