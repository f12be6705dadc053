using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.People;

public sealed class AllocationTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task TeamManager_GivesPersonAKeyWorker_AndHistoryRecordsIt()
    {
        await SignInAsync(DemoData.NorthManager);

        // Demo person 5 is in the North team and has no key worker.
        await GoToAsync(DemoData.PersonPath(5));
        var sections = Page.GetByRole(AriaRole.Navigation, new() { Name = "Record sections" });
        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "Allocation" }));
        await Expect(SummaryRow("Key worker")).ToContainTextAsync("No key worker yet");

        var keyWorker = Page.GetByLabel("Key worker", new() { Exact = true });
        var priya = await keyWorker.Locator("option", new() { HasText = DemoData.NurseName }).GetAttributeAsync("value");
        priya.ShouldNotBeNullOrEmpty();
        await keyWorker.SelectOptionAsync(priya);
        await FollowAsync(Button("Save allocation"));

        var banner = Page.Locator(".govuk-notification-banner--success");
        await Expect(banner).ToContainTextAsync("Allocation updated");
        await Expect(SummaryRow("Key worker")).ToContainTextAsync($"{DemoData.NurseName} (Nurse)");

        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "History" }));
        var allocationRow = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Changed allocation" }).Filter(new() { HasText = DemoData.NurseName });
        await Expect(allocationRow).ToHaveCountAsync(1);
        await Expect(allocationRow).ToContainTextAsync("Helen Marsh");
    }
}
