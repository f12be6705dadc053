using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Account;

public sealed class ChangePasswordTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string NewPassword = "seven orange bicycles";

    private static Task<HtmlPage> ChangeAsync(Browser browser, HtmlPage form, string? current, string? replacement, string? confirmation) =>
        browser.SubmitAsync(form, ("CurrentPassword", current), ("NewPassword", replacement), ("ConfirmPassword", confirmation));

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithAGoodNewPassword_ChangesItKeepsThisSessionAndEndsTheOthers(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var laptop = await app.BrowserAsync(provider);
        using var phone = await app.BrowserAsync(provider);
        var home = await laptop.SignInAsync(staff.Email, staff.Password);
        await phone.SignInAsync(staff.Email, staff.Password);
        home.Document.QuerySelector("a[href='/Account/ChangePassword']").ShouldNotBeNull().TextContent.ShouldBe("Change password");

        var form = await laptop.GetAsync("/Account/ChangePassword");
        form.Heading.ShouldBe("Change your password");
        var redirect = await ChangeAsync(laptop, form, staff.Password, NewPassword, NewPassword);

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        (await laptop.FollowAsync(redirect)).BodyText.ShouldContain("Your password has been changed");
        (await laptop.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK, "this session goes on");
        (await phone.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect, "the other session has ended");
        using var again = await app.BrowserAsync(provider);
        (await again.TrySignInAsync(staff.Email, staff.Password)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await again.TrySignInAsync(staff.Email, NewPassword)).Status.ShouldBe(HttpStatusCode.Redirect);
        var sessions = await app.SessionsOfAsync(provider, staff.Id);
        sessions.Count(s => s.EndReason == SessionEndReason.PasswordChanged).ShouldBe(1);
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.PasswordChanged && a.RecordId == staff.Id.ToString()).ToListAsync());
        audit.ShouldHaveSingleItem().Summary.ShouldBe("Changed their password; 1 other session ended");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithACommonPassword_Is400WithThePolicyMessageAndEchoesNoPassword(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        var form = await browser.GetAsync("/Account/ChangePassword");

        var page = await ChangeAsync(browser, form, staff.Password, "Password1234", "Password1234");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Password is too common. Choose one that is harder to guess, for example 3 random words"]);
        page.FieldError("NewPassword").ShouldBe("Password is too common. Choose one that is harder to guess, for example 3 random words");
        page.InputValue("CurrentPassword").ShouldBe("");
        page.InputValue("NewPassword").ShouldBe("");
        page.Html.ShouldNotContain("Password1234");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithTheWrongCurrentPasswordOrAMismatch_Is400AndChangesNothing(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsync(staff.Email, staff.Password);
        var form = await browser.GetAsync("/Account/ChangePassword");

        var wrong = await ChangeAsync(browser, form, "not my password at all", NewPassword, NewPassword);
        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrong.FieldError("CurrentPassword").ShouldBe("Your current password is incorrect");

        var mismatch = await ChangeAsync(browser, form, staff.Password, NewPassword, NewPassword + "!");
        mismatch.Status.ShouldBe(HttpStatusCode.BadRequest);
        mismatch.FieldError("ConfirmPassword").ShouldBe("The passwords do not match");

        var personal = await ChangeAsync(browser, form, staff.Password, "robin example rocks", "robin example rocks");
        personal.FieldError("NewPassword").ShouldBe("Password must not include your name or email address");

        using var again = await app.BrowserAsync(provider);
        (await again.TrySignInAsync(staff.Email, staff.Password)).Status.ShouldBe(HttpStatusCode.Redirect);
    }
}
