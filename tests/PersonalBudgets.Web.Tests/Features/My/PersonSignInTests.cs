using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

public sealed class PersonSignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WrongPassword_UnknownEmail_AndBlank_AreRefusedAlike(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var browser = await app.BrowserAsync(provider);

        var wrong = await browser.TryPersonPasswordAsync(account.Email, "not the password at all");
        var unknown = await browser.TryPersonPasswordAsync("nobody@example.com", account.Password);
        var blank = await browser.TryPersonPasswordAsync("", "");

        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrong.FieldError("Email").ShouldBe(PersonAccountService.CredentialsRefused);
        wrong.InputValue("Password").ShouldBe("");
        unknown.FieldError("Email").ShouldBe(PersonAccountService.CredentialsRefused);
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        blank.FieldError("Email").ShouldBe("Enter your email address");
        blank.FieldError("Password").ShouldBe("Enter your password");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        for (var i = 0; i < PersonAccount.MaxFailedAttempts; i++)
        {
            (await browser.TryPersonPasswordAsync(account.Email, $"wrong password {i}")).Status.ShouldBe(HttpStatusCode.BadRequest);
        }

        var right = await browser.TryPersonPasswordAsync(account.Email, account.Password);

        right.Status.ShouldBe(HttpStatusCode.BadRequest);
        right.FieldError("Email").ShouldBe(PersonAccountService.CredentialsRefused);
        (await app.QueryAsync(provider, db => db.PersonAccounts.SingleAsync(a => a.Id == account.AccountId))).LockoutEnd.ShouldNotBeNull();
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        HtmlPage.Text((await staff.GetAsync($"/People/{account.Person.Id}/OnlineAccount")).Document.GetElementById("account-state")).ShouldBe("Locked");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WrongCodes_CountTowardsTheLockout(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        (await browser.TryPersonPasswordAsync(account.Email, account.Password)).Location.ShouldBe(MyPaths.SignInCode);
        var codePage = await browser.GetAsync(MyPaths.SignInCode);
        for (var i = 0; i < PersonAccount.MaxFailedAttempts; i++)
        {
            var wrong = await browser.SubmitAsync(codePage, ("Code", "000000"));
            wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
            wrong.FieldError("Code").ShouldBe(PersonAccountService.CodeRefused);
        }

        var right = await browser.SubmitAsync(codePage, ("Code", Totp.Compute(account.Secret, DateTimeOffset.UtcNow)));

        right.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetAsync(MyPaths.Home)).Location.ShouldStartWith(MyPaths.SignIn);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RecoveryCode_SignsInOnce(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var first = await app.BrowserAsync(provider);
        await first.TryPersonPasswordAsync(account.Email, account.Password);
        var used = await first.SubmitAsync(await first.GetAsync(MyPaths.SignInCode), ("Code", account.RecoveryCodes[0]));
        used.Location.ShouldBe(MyPaths.Home);

        using var second = await app.BrowserAsync(provider);
        await second.TryPersonPasswordAsync(account.Email, account.Password);
        var again = await second.SubmitAsync(await second.GetAsync(MyPaths.SignInCode), ("Code", account.RecoveryCodes[0]));
        again.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CodePage_WithoutThePasswordStep_SendsBackToSignIn(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        (await browser.GetAsync(MyPaths.SignInCode)).Location.ShouldBe(MyPaths.SignIn);
        var posted = await browser.SubmitAsync(await browser.GetAsync(MyPaths.SignIn), ("Email", "x@example.com"), ("Password", "x"));
        posted.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SignOut_EndsTheSession_AndSignOutEverywhere_EndsTheOthers(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var phone = await app.BrowserAsync(provider);
        using var laptop = await app.BrowserAsync(provider);
        await phone.SignInAsPersonAsync(account);
        await laptop.SignInAsPersonAsync(account, stepsAhead: 1);

        var accountPage = await phone.GetAsync(MyPaths.Account);
        var signedOut = await phone.SubmitAsync(accountPage, [], "main form[method=post]");

        signedOut.Location.ShouldBe(MyPaths.SignedOut);
        (await phone.GetAsync(MyPaths.Home)).Location.ShouldStartWith(MyPaths.SignIn);
        (await laptop.GetAsync(MyPaths.Home)).Location.ShouldStartWith(MyPaths.SignIn);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == account.Person.Id && a.Summary == "Signed out everywhere"))).ShouldBe(1);
    }
}
