using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.People;

public sealed class EditTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_ChangesPhoneNumber_AndHistoryShowsBeforeAndAfter()
    {
        await SignInAsync(DemoData.Nurse);

        // Demo person 3 is in the North team; the seeded phone number is 01632 960003.
        await GoToAsync(DemoData.PersonPath(3));
        await Expect(SummaryRow("Phone number")).ToContainTextAsync("01632 960003");

        await FollowAsync(Link("Change phone number"));
        await Expect(Heading("Change details", 1)).ToBeVisibleAsync();
        var phone = Page.GetByLabel("Phone number (optional)");
        await Expect(phone).ToHaveValueAsync("01632 960003");
        await phone.FillAsync("01632 960999");
        await FollowAsync(Button("Save changes"));

        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Record updated");
        await Expect(SummaryRow("Phone number")).ToContainTextAsync("01632 960999");

        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Record sections" }).GetByRole(AriaRole.Link, new() { Name = "History" }));
        var change = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Changed details" });
        await Expect(change).ToHaveCountAsync(1);
        await Expect(change).ToContainTextAsync("01632 960003 to 01632 960999");
        await Expect(change).ToContainTextAsync(DemoData.NurseName);
    }

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_EntersInvalidNhsNumber_SeesErrorLinkedToFieldAndKeepsWhatTheyTyped()
    {
        const string invalid = "9434765918";
        await SignInAsync(DemoData.Nurse);

        await GoToAsync(DemoData.PersonPath(2, "Edit"));
        await Expect(Heading("Change details", 1)).ToBeVisibleAsync();
        var nhsNumber = Page.GetByLabel("NHS number (optional)");
        await nhsNumber.FillAsync(invalid);
        await FollowAsync(Button("Save changes"));

        var summary = Page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        var fieldId = await nhsNumber.GetAttributeAsync("id");
        fieldId.ShouldNotBeNullOrEmpty();
        var errorLink = summary.Locator($"a[href='#{fieldId}']");
        await Expect(errorLink).ToHaveCountAsync(1);
        var message = (await errorLink.InnerTextAsync()).Trim();
        message.ShouldContain("NHS number");
        await Expect(Page.Locator(".govuk-form-group--error").Filter(new() { Has = nhsNumber })).ToContainTextAsync(message);
        await Expect(nhsNumber).ToHaveValueAsync(invalid);
    }
}
