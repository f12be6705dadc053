using System.Net;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Account;

public sealed class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WhenPasswordIsWrong_ShowsErrorWith400(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var page = await browser.TrySignInAsync(DemoAccounts.NorthSocialWorker, "not-the-password");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Enter a correct email address and password"]);
        page.FieldError("Email").ShouldBe("Enter a correct email address and password");
        page.InputValue("Email").ShouldBe(DemoAccounts.NorthSocialWorker);
        page.InputValue("Password").ShouldBe("");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WhenEmailIsUnknown_ShowsTheSameErrorWith400(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var page = await browser.TrySignInAsync("nobody@northmoor.example", "Demo-password-2026");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Enter a correct email address and password"]);
        page.Document.QuerySelector(".govuk-inset-text").ShouldNotBeNull().TextContent.Trim()
            .ShouldBe("If the password is wrong 5 times in a row, the account is locked for 15 minutes. An administrator can unlock it sooner.");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WhenPasswordIsBlank_ShowsError(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var page = await browser.TrySignInAsync(DemoAccounts.NorthSocialWorker, "");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Enter your password"]);
        page.FieldError("Password").ShouldBe("Enter your password");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_AfterFiveWrongPasswords_LocksTheAccount(DatabaseProvider provider)
    {
        // This account is used by no other test in this class: it stays locked.
        using var browser = await app.BrowserAsync(provider);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await browser.TrySignInAsync(DemoAccounts.SouthPeerSupport, $"wrong-password-{attempt}")).Status.ShouldBe(HttpStatusCode.BadRequest);
        }

        var page = await browser.TrySignInAsync(DemoAccounts.SouthPeerSupport, "Demo-password-2026");

        // The right password for a locked account gets the same answer as any refused attempt: the page must not
        // tell whether the account exists or is locked.
        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Enter a correct email address and password"]);
        page.Document.QuerySelector(".govuk-inset-text").ShouldNotBeNull().TextContent.Trim()
            .ShouldBe("If the password is wrong 5 times in a row, the account is locked for 15 minutes. An administrator can unlock it sooner.");
        (await browser.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect, "the locked account must not be signed in");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithTheRightPassword_SignsInAndShowsTheHomePage(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var redirect = await browser.TrySignInAsync(DemoAccounts.NorthNurse, "Demo-password-2026");
        redirect.Status.ShouldBe(HttpStatusCode.Redirect);
        redirect.Location.ShouldBe("/");

        var home = await browser.GetAsync("/");
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.Heading.ShouldBe("Manage personal budgets");
        home.BodyText.ShouldContain("You are signed in as Priya Shah.");
        home.BodyText.ShouldContain("Your teams: North Community Mental Health Team.");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_People_WhenAnonymous_RedirectsToSignIn(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var page = await browser.GetAsync("/People");

        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.Location.ShouldNotBeNull().ShouldStartWith("/Account/SignIn?ReturnUrl=%2FPeople");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SignIn_WithAReturnUrl_GoesBackToIt(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);
        var signIn = await browser.OpenAsync("/People");
        signIn.Heading.ShouldBe("Sign in");

        var redirect = await browser.SubmitAsync(signIn, ("Email", DemoAccounts.NorthNurse), ("Password", "Demo-password-2026"));

        redirect.Location.ShouldBe("/People");
        (await browser.FollowAsync(redirect)).Heading.ShouldBe("People");
    }
}
