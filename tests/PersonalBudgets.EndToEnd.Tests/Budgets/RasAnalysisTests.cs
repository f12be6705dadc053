using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Budgets;

/// <summary>
/// An administrator analyses a draft resource allocation system before publishing it (issue 12, item 4): every page on
/// the way passes axe-core, and the analysis page, its wide tables and the removal confirmation fit a 375 px screen.
/// </summary>
public sealed class RasAnalysisTests(AppServerFixture app) : EndToEndTest(app)
{
    private const int Narrow = 375;

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Administrator_AnalysesADraft_TablesWithCaptions_AndItFitsANarrowScreen()
    {
        await SignInAsync("admin@northmoor.example");
        await GoToAsync("/Admin/Ras");
        var draftRow = Page.Locator("main tbody tr").Filter(new() { HasText = "Draft" });
        if (await draftRow.CountAsync() == 0)
        {
            await Page.GetByLabel("Name of the new version").FillAsync("Analysed before publishing");
            await FollowAsync(Button("Create a new draft"));
        }
        else
        {
            await FollowAsync(draftRow.First.Locator("a").First);
        }

        await FollowAsync(Button("Analyse this draft"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Analysis of draft version \\d+$"));
        await Expect(SummaryRow("People analysed")).ToContainTextAsync(" people with an indicative budget");
        await Expect(Page.Locator("#bands caption")).ToHaveTextAsync("Change in each person's weekly amount");
        await Expect(Page.Locator("#by-gender caption")).ToHaveTextAsync("By gender");
        await Expect(Page.Locator("#flag-rule")).ToContainTextAsync("by more than 10% of everyone's median weekly amount");

        // A wider share, from the form on the page.
        await Page.GetByLabel("Flag groups that differ by more than this share, in percent").FillAsync("25");
        await FollowAsync(Button("Apply"));
        await Expect(Page.Locator("#flag-rule")).ToContainTextAsync("by more than 25% of everyone's median weekly amount");

        // The CSV downloads.
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download the analysis as CSV" }).ClickAsync());
        Assert.EndsWith("-analysis.csv", download.SuggestedFilename, StringComparison.Ordinal);

        // At phone width the analysis does not scroll sideways.
        var analysis = new Uri(Page.Url).PathAndQuery;
        await Page.SetViewportSizeAsync(Narrow, 800);
        await GoToAsync(analysis);
        await AssertFitsAsync();

        // Removing a question asks first, on a page of its own, and fits too.
        await GoToAsync(analysis.Split("/Analysis")[0]);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Remove question 1", Exact = true }));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Are you sure you want to remove question 1?");
        await Expect(Button("Yes, remove it")).ToBeVisibleAsync();
        await AssertFitsAsync();
        await FollowAsync(Link("No, keep it"));
    }

    private async Task AssertFitsAsync()
    {
        var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Narrow, $"{new Uri(Page.Url).AbsolutePath} is {width} px wide at {Narrow} px");
    }
}
