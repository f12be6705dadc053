using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Returns;

/// <summary>
/// The analyst's statutory returns in the browser: the data-quality report for the last quarter, making and downloading
/// the CLD file, and ASCOF 3D; axe-core checks every page on the way.
/// </summary>
public sealed class StatutoryReturnsTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Analyst_ChecksTheData_MakesAndDownloadsTheCldFile_AndSeesAscof3D()
    {
        await SignInAsync("analyst@northmoor.example");

        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Statutory returns" }));
        await Expect(Heading("Statutory returns", 1)).ToBeVisibleAsync();
        await FollowAsync(Link("Make a CLD return"));
        await Expect(Page.GetByRole(AriaRole.Group, new() { Name = "Which quarter is the return for?" })).ToBeVisibleAsync();
        await FollowAsync(Button("Check the data"));

        // The demo person without an NHS number is listed, with the page that fixes it.
        await Expect(Heading("CLD data-quality report", 1)).ToBeVisibleAsync();
        var problem = Page.Locator("#issues tbody tr").Filter(new() { HasText = "NM100023" });
        await Expect(problem).ToContainTextAsync("NHS number is missing");
        await Expect(problem.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", DemoData.PersonPath(22, "Edit"));
        await Expect(Page.Locator("#gaps")).ToContainTextAsync("Request: Route of Access");

        await FollowAsync(Button("Make the CLD file"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("CLD file made");
        var made = Page.Locator("#returns tbody tr").First;
        await Expect(made).ToContainTextAsync("Aisha Begum");

        var download = await Page.RunAndWaitForDownloadAsync(() => made.GetByRole(AriaRole.Link).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("CLD_999_");
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        text.ShouldStartWith("LA Code,Reporting Period Start Date,Reporting Period End Date,NHS Number,");
        text.ShouldContain(",NM100021,");
        text.ShouldNotContain("Priya Shah");

        await FollowAsync(Link("See ASCOF 3D"));
        await Expect(Heading("ASCOF 3D: self-directed support and direct payments", 1)).ToBeVisibleAsync();
        var total = Page.Locator("#clients tbody tr").Filter(new() { HasText = "Total" });
        await Expect(total).ToContainTextAsync("%");
        await Expect(Page.Locator("#client-people tbody tr").First).ToContainTextAsync("P-");
    }
}
