using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Account;

public sealed class ChangePasswordTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task ChangePassword_FromTheHeader_RefusesACommonPasswordBesideTheField()
    {
        await SignInAsync(DemoData.Nurse);

        await FollowAsync(Link("Change password"));
        await Expect(Heading("Change your password", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Current password", new() { Exact = true }).FillAsync(DemoPassword);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("Password1234");
        await Page.GetByLabel("Confirm new password", new() { Exact = true }).FillAsync("Password1234");
        await FollowAsync(Button("Change password"));

        // The policy refuses it before the current password is checked: the demo account's password is unchanged.
        await Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("Password is too common");
        await Expect(Page.Locator("#NewPassword-error")).ToContainTextAsync("Password is too common");
        await Expect(Page.GetByLabel("New password", new() { Exact = true })).ToHaveValueAsync("");
    }
}
