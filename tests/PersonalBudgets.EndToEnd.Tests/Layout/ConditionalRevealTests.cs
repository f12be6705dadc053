using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Layout;

/// <summary>Questions that depend on an answer are revealed by that answer (the design system's conditional reveal).</summary>
public sealed class ConditionalRevealTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Offer_ShowsTheResponseOnlyAfterYes_AndTheReasonOnlyAfterNo()
    {
        var person = DemoData.PersonPath(DemoData.ReadyForPlan);
        await SignInAsync(DemoData.Nurse);
        await GoToAsync(person + "/Budget");
        await FollowAsync(Page.Locator($"main table a[href^='{person}/Budget/']").First);
        await FollowAsync(Link("Record the personal budget and direct payment offer at this stage"));
        await Expect(Heading("Record a personal budget offer", 1)).ToBeVisibleAsync();

        var offered = Page.GetByRole(AriaRole.Group, new() { Name = "Did you explain and offer a personal budget and a direct payment?" });
        var response = Page.GetByRole(AriaRole.Group, new() { Name = "What was the person's response?" });
        var whyNot = Page.GetByRole(AriaRole.Group, new() { Name = "Why not?" });
        await Expect(offered.GetByLabel("Yes", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Expect(offered.GetByLabel("No", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Expect(response).ToBeHiddenAsync();
        await Expect(whyNot).ToBeHiddenAsync();

        await offered.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Expect(response).ToBeVisibleAsync();
        await Expect(whyNot).ToBeHiddenAsync();
        await Expect(offered.GetByLabel("Yes", new() { Exact = true })).ToHaveAttributeAsync("aria-controls", new System.Text.RegularExpressions.Regex("^conditional-"));

        await offered.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await Expect(whyNot).ToBeVisibleAsync();
        await Expect(response).ToBeHiddenAsync();
    }
}
