using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Layout;

/// <summary>
/// The main pages of each role at 375 px wide (a small phone): nothing overflows sideways, so no page needs scrolling
/// left and right (WCAG 2.2 reflow, 1.4.10), and every page still passes axe-core.
/// </summary>
public sealed class NarrowScreenTests(AppServerFixture app) : EndToEndTest(app)
{
    private const int Width = 375;

    public static TheoryData<string> Roles => new()
    {
        DemoData.Nurse,
        DemoData.NorthManager,
        DemoData.Panel,
        "finance@northmoor.example",
        "admin@northmoor.example",
    };

    [Theory(Timeout = EndToEndTest.TestTimeout)]
    [MemberData(nameof(Roles))]
    public async Task MainPages_At375PixelsWide_DoNotOverflowSideways(string email)
    {
        await SignInAsync(email);

        // Signed in at desktop width (where "Sign out" shows beside the menu), then the pages at phone width.
        await Page.SetViewportSizeAsync(Width, 800);
        var overflowing = new List<string>();
        foreach (var path in (string[])["/", .. await PagesForAsync(email)])
        {
            await GoToAsync(path);
            await CheckWidthAsync(overflowing);
        }

        Assert.Empty(overflowing);
    }

    private async Task<IReadOnlyList<string>> PagesForAsync(string email)
    {
        var person = DemoData.PersonPath(DemoData.ReviewOverdue);
        var panelPerson = DemoData.PersonPath(DemoData.OnFundingPanelAgenda);
        switch (email)
        {
            case DemoData.Nurse:
                await GoToAsync(DemoData.PersonPath(DemoData.ReviewOverdue, "Plans"));
                var plan = await Page.Locator("main a[href^='/Plans/']").First.GetAttributeAsync("href")
                    ?? throw new InvalidOperationException("The person's plans page links to no plan.");
                return ["/Work", "/People", person, person + "/Pathway", person + "/Assessments", person + "/Budget", plan, person + "/PersonalBudget", person + "/Reviews", person + "/History"];
            case DemoData.NorthManager:
                return ["/Work/Team", "/Approvals", "/People", panelPerson + "/Plans", person + "/PersonalBudget"];
            case DemoData.Panel:
                return ["/Panels", panelPerson + "/Plans"];
            case "finance@northmoor.example":
                return ["/People", person + "/PersonalBudget"];
            default:
                return ["/Admin/Accounts", "/Admin/Ras", "/Admin/ServiceStandards", "/Admin/Audit"];
        }
    }

    private async Task CheckWidthAsync(List<string> overflowing)
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var wide = widths[0] <= Width ? "" : await Page.EvaluateAsync<string>(
            """
            () => Array.from(document.querySelectorAll('main *'))
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + Array.from(e.classList).join('.') + ' ' + Math.round(e.getBoundingClientRect().right))
                .join('; ')
            """);
        if (widths[0] > Width)
        {
            overflowing.Add($"{new Uri(Page.Url).AbsolutePath} is {widths[0]} px wide (client width {widths[1]}); too wide: {wide}");
        }
    }
}
