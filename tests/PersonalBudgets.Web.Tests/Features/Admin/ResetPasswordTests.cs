using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Admin;

/// <summary>An administrator resets a staff member's password: a one-time password, every session ended, a new password forced.</summary>
public sealed class ResetPasswordTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Administrator = "admin@northmoor.example";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ResetPassword_ShowsAOneTimePasswordEndsSessionsAndForcesANewPasswordFirst(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var before = await app.BrowserAsync(provider);
        await before.SignInAsync(staff.Email, staff.Password);
        using var admin = await app.SignedInAsync(provider, Administrator);
        var account = await admin.GetAsync($"/Admin/Accounts/{staff.Id}");

        var reset = await admin.SubmitAsync(account, [new("Reason", "Forgot their password")], "main form[action*='handler=ResetPassword']");

        reset.Status.ShouldBe(HttpStatusCode.OK, string.Join("; ", reset.ErrorSummary));
        var oneTime = reset.Document.GetElementById("one-time-password").ShouldNotBeNull().TextContent.Trim();
        oneTime.Length.ShouldBe(19);
        (await admin.GetAsync($"/Admin/Accounts/{staff.Id}")).Html.ShouldNotContain(oneTime, customMessage: "shown once only");
        (await before.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect, "the session from before the reset has ended");
        (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem().EndReason.ShouldBe(SessionEndReason.PasswordReset);

        using var browser = await app.BrowserAsync(provider);
        (await browser.TrySignInAsync(staff.Email, staff.Password)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.TrySignInAsync(staff.Email, oneTime)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/")).Location.ShouldBe("/Account/ChangePassword");
        (await browser.GetAsync("/People")).Location.ShouldBe("/Account/ChangePassword");
        (await browser.Http.GetAsync(new Uri("/api/v1/people/", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var form = await browser.GetAsync("/Account/ChangePassword");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.BodyText.ShouldContain("An administrator reset your password. Choose a new password to continue.");

        var changed = await browser.SubmitAsync(form, ("CurrentPassword", oneTime), ("NewPassword", "yellow kites over hills"), ("ConfirmPassword", "yellow kites over hills"));

        changed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", changed.ErrorSummary));
        (await browser.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == staff.Id.ToString()).ToListAsync());
        var entry = audit.Where(a => a.Action == AuditAction.PasswordReset).ShouldHaveSingleItem();
        entry.UserName.ShouldBe("Chris Taylor");
        entry.Reason.ShouldBe("Forgot their password");
        audit.ShouldAllBe(a => !(a.Summary ?? "").Contains(oneTime) && !(a.Reason ?? "").Contains(oneTime) && !(a.Changes ?? "").Contains(oneTime));
        (await admin.GetAsync($"/Admin/Accounts/{staff.Id}")).BodyText.ShouldContain("Password reset to a one-time password; 1 session ended");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ResetOwnPassword_IsRefused(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Administrator);
        var adminId = await app.QueryAsync(provider, db => db.Users.Where(u => u.Email == Administrator).Select(u => u.Id).SingleAsync());
        var own = await admin.GetAsync($"/Admin/Accounts/{adminId}");
        own.Document.QuerySelector("form[action*='handler=ResetPassword']").ShouldBeNull();
        var stamp = own.Document.QuerySelector("main form[method=post] input[name=ConcurrencyStamp]")!.GetAttribute("value")!;
        var token = own.Document.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var page = await admin.PostAsync($"/Admin/Accounts/{adminId}?handler=ResetPassword",
            [new("ConcurrencyStamp", stamp), new("__RequestVerificationToken", token)]);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["You cannot reset your own password. Use Change your password"]);
        page.Document.GetElementById("one-time-password").ShouldBeNull();
    }
}
