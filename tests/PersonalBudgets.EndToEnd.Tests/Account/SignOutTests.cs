using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Account;

public sealed class SignOutTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task SigningOut_EndsTheSession_SoProtectedPagesAskToSignInAgain()
    {
        await SignInAsync(DemoData.Nurse);
        await GoToAsync("/People");
        await Expect(Heading("People", 1)).ToBeVisibleAsync();

        await FollowAsync(Button("Sign out"));
        await Expect(Heading("You have signed out", 1)).ToBeVisibleAsync();
        await Expect(Button("Sign out")).ToHaveCountAsync(0);

        await GoToAsync("/People");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/SignIn\\?ReturnUrl=%2FPeople$"));
        await Expect(Heading("Sign in", 1)).ToBeVisibleAsync();

        await GoToAsync(DemoData.PersonPath(3));
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/SignIn\\?ReturnUrl="));
    }
}
