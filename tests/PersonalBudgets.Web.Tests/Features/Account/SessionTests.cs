using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Account;

/// <summary>Sessions end on the server: a copy of the cookie stops working once its session has ended.</summary>
public sealed class SessionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Administrator = "admin@northmoor.example";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SignOut_ACopyOfTheCookieSavedBefore_NoLongerWorks(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        var factory = await app.FactoryAsync(provider);
        var (browser, cookies) = factory.CookieBrowser();
        using var _ = browser;
        var home = await browser.SignInAsync(staff.Email, staff.Password);
        var saved = cookies.SessionCookie();
        using (var copy = factory.ReplayingClient(saved))
        {
            (await copy.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK, "the copy works while the session is open");
        }

        (await browser.SubmitAsync(home, [], "form.app-sign-out")).Status.ShouldBe(HttpStatusCode.Redirect);

        using var replay = factory.ReplayingClient(saved);
        var response = await replay.GetAsync(new Uri("/People", UriKind.Relative), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldEndWith("/Account/SignIn?ReturnUrl=%2FPeople");
        var session = (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem();
        session.EndedAt.ShouldNotBeNull();
        session.EndReason.ShouldBe(SessionEndReason.SignedOut);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SignOutEverywhere_EndsEverySessionOfTheAccount(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var laptop = await app.BrowserAsync(provider);
        using var phone = await app.BrowserAsync(provider);
        await laptop.SignInAsync(staff.Email, staff.Password);
        await phone.SignInAsync(staff.Email, staff.Password);

        var page = await laptop.GetAsync("/Account/ChangePassword");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var redirect = await laptop.SubmitAsync(page, [], "main form[action*='handler=Everywhere']");

        redirect.Location.ShouldBe("/Account/SignOut");
        (await laptop.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await phone.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect);
        var sessions = await app.SessionsOfAsync(provider, staff.Id);
        sessions.Count.ShouldBe(2);
        sessions.ShouldAllBe(s => s.EndReason == SessionEndReason.SignedOutEverywhere);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ASessionIdleLongerThanTheTimeout_IsEndedAndRefused(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        await MoveSessionAsync(provider, staff.Id, s => s.LastSeenAt = s.LastSeenAt.AddMinutes(-31));

        (await browser.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem().EndReason.ShouldBe(SessionEndReason.IdleTimeout);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Requests_WriteLastSeenOnlyWhenItIsAMinuteOld(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        var signedIn = (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem();

        (await browser.GetAsync("/People")).Status.ShouldBe(HttpStatusCode.OK);
        (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem().LastSeenAt.ShouldBe(signedIn.LastSeenAt, "seen less than a minute ago: not written again");

        await MoveSessionAsync(provider, staff.Id, s => s.LastSeenAt = s.LastSeenAt.AddMinutes(-2));
        (await browser.GetAsync("/People")).Status.ShouldBe(HttpStatusCode.OK);
        (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem().LastSeenAt.ShouldBeGreaterThan(signedIn.LastSeenAt.AddMinutes(-2));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ASessionOlderThanTheAbsoluteLimit_IsEndedEvenWhenInUse(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        await MoveSessionAsync(provider, staff.Id, s => s.CreatedAt = s.CreatedAt.AddHours(-13));

        (await browser.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem().EndReason.ShouldBe(SessionEndReason.Expired);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Deactivating_EndsEverySessionOfTheAccount(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        using var admin = await app.SignedInAsync(provider, Administrator);
        var account = await admin.GetAsync($"/Admin/Accounts/{staff.Id}");

        (await admin.SubmitAsync(account, [new("Reason", "Left")], "main form[action*='handler=Deactivate']")).Status.ShouldBe(HttpStatusCode.Redirect);

        (await browser.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem().EndReason.ShouldBe(SessionEndReason.AccountDeactivated);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ChangingRoles_TakesEffectOnTheOpenSessionAtOnce(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        (await browser.GetAsync("/Admin/Accounts")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        using var admin = await app.SignedInAsync(provider, Administrator);

        var account = await admin.GetAsync($"/Admin/Accounts/{staff.Id}");
        (await admin.SubmitAsync(account, [new("Input.Roles", "Practitioner"), new("Input.Roles", "Administrator")])).Status.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/Admin/Accounts")).Status.ShouldBe(HttpStatusCode.OK, "the new role applies to the open session");

        account = await admin.GetAsync($"/Admin/Accounts/{staff.Id}");
        (await admin.SubmitAsync(account, [new("Input.Roles", "Practitioner")])).Status.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/Admin/Accounts")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem().EndedAt.ShouldBeNull();
    }

    private Task<int> MoveSessionAsync(DatabaseProvider provider, Guid userId, Action<StaffSession> change) => app.QueryAsync(provider, async db =>
    {
        var session = await db.StaffSessions.SingleAsync(s => s.UserId == userId && s.EndedAt == null);
        change(session);
        return await db.SaveChangesAsync();
    });
}
