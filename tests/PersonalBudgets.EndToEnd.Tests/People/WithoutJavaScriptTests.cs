using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.People;

/// <summary>The forms must work with JavaScript off (GOV.UK service standard: progressive enhancement).</summary>
public sealed class WithoutJavaScriptTests(AppServerFixture app) : EndToEndTest(app)
{
    protected override bool JavaScriptEnabled => false;

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task WithoutJavaScript_PractitionerSignsIn_SearchesAndOpensRecord()
    {
        await SignInAsync(DemoData.Nurse);
        await Expect(Page.Locator("body.js-enabled")).ToHaveCountAsync(0);

        await FollowAsync(Link("People"));
        await Page.GetByLabel("Search by name, NHS number, council identifier or postcode").FillAsync("Testw");
        await FollowAsync(Button("Search"));
        await Expect(Heading("1 person", 2)).ToBeVisibleAsync();

        await FollowAsync(Link("Robin Testwell"));
        await Expect(Heading("Robin Testwell", 1)).ToBeVisibleAsync();
        await Expect(SummaryRow("Phone number")).ToContainTextAsync("01632 960007");
    }
}
