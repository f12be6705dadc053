using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Account;

/// <summary>
/// Typed work is not lost when the session ends (issue 11, item 7): a form posted after the session ran out is kept for
/// the same account, and put back on the page once they have signed in again; the timeout warning can extend a session.
/// </summary>
public sealed class KeptFormTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string KeptTown = "Kept-town-after-timeout";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_AfterTheSessionEnded_IsKeptAndPutBackAfterSigningInAgain_NotSaved(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/People/{person.Id}/Edit");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var townBefore = form.InputValue("Input_Town").ShouldNotBeNull();
        await IdleOpenSessionsAsync(provider, nurseId);

        var sent = await nurse.SubmitAsync(form, [.. TestData.NotDied, ("Input.Town", KeptTown), ("Reason", "Moved house")]);

        sent.Status.ShouldBe(HttpStatusCode.Redirect);
        sent.Location.ShouldNotBeNull().ShouldStartWith("/Account/SignIn?ReturnUrl=");
        sent.Location.ShouldContain("formKept=true");
        var kept = (await KeptFormsAsync(provider, nurseId, person.Id)).ShouldHaveSingleItem();
        kept.Path.ShouldBe($"/People/{person.Id}/Edit");
        kept.ProtectedFields.ShouldNotContain(KeptTown, Case.Insensitive, "the kept fields are encrypted");
        kept.ProtectedFields.ShouldNotContain("Moved house", Case.Insensitive);

        var signIn = await nurse.FollowAsync(sent);
        signIn.Document.GetElementById("form-kept").ShouldNotBeNull();
        var back = await nurse.SubmitAsync(signIn, ("Email", DemoAccounts.NorthNurse), ("Password", DemoDataSeeder.DemoPassword));
        back.Status.ShouldBe(HttpStatusCode.Redirect);
        back.Location.ShouldBe($"/People/{person.Id}/Edit?keptForm={kept.Id}");

        var restored = await nurse.FollowAsync(back);
        restored.Status.ShouldBe(HttpStatusCode.OK);
        restored.InputValue("Input_Town").ShouldBe(KeptTown);
        restored.Document.GetElementById("kept-form-restored").ShouldNotBeNull();
        restored.ErrorSummary.ShouldBeEmpty();
        (await TownOfAsync(provider, person.Id)).ShouldBe(townBefore, "nothing is applied until the user submits again");
        (await KeptFormsAsync(provider, nurseId, person.Id)).ShouldBeEmpty("a kept form is handed back once");

        var again = await nurse.GetAsync($"/People/{person.Id}/Edit?keptForm={kept.Id}");
        again.InputValue("Input_Town").ShouldBe(townBefore);
        again.Document.GetElementById("kept-form-restored").ShouldBeNull();

        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == "KeptForm" && a.RecordId == kept.Id.ToString()).ToListAsync());
        audit.Select(a => a.Action).OrderBy(a => a).ShouldBe([AuditAction.FormKept, AuditAction.FormRestored]);
        audit.ShouldAllBe(a => a.PersonId == person.Id && a.UserId == nurseId);
        audit.ShouldAllBe(a => a.Summary != null && !a.Summary.Contains(KeptTown));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AKeptForm_IsNotPutBackForAnotherAccount(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/People/{person.Id}/Edit");
        await IdleOpenSessionsAsync(provider, nurseId);
        (await nurse.SubmitAsync(form, [.. TestData.NotDied, ("Input.Town", KeptTown), ("Reason", "Moved house")])).Status.ShouldBe(HttpStatusCode.Redirect);
        var kept = (await KeptFormsAsync(provider, nurseId, person.Id)).ShouldHaveSingleItem();

        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var page = await socialWorker.GetAsync($"/People/{person.Id}/Edit?keptForm={kept.Id}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.InputValue("Input_Town").ShouldNotBe(KeptTown);
        page.Document.GetElementById("kept-form-restored").ShouldBeNull();
        (await KeptFormsAsync(provider, nurseId, person.Id)).ShouldHaveSingleItem("still there for its author");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task APostWithoutAValidToken_AfterTheSessionEnded_KeepsNothing(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/People/{person.Id}/Edit");
        await IdleOpenSessionsAsync(provider, nurseId);
        var before = (await KeptFormsAsync(provider, nurseId, person.Id)).Count;

        var sent = await nurse.SubmitAsync(form, [.. TestData.NotDied, ("Input.Town", KeptTown), ("__RequestVerificationToken", "forged")]);

        sent.Location.ShouldNotBeNull().ShouldNotContain("formKept");
        (await KeptFormsAsync(provider, nurseId, person.Id)).Count.ShouldBe(before);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Pages_CarryTheTimeoutWarning_AndStaySignedInExtendsTheSession(DatabaseProvider provider)
    {
        var staff = await app.NewStaffAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        var home = await browser.SignInAsync(staff.Email, staff.Password);

        var dialog = home.Document.QuerySelector("dialog#timeout-warning").ShouldNotBeNull("the warning is on every signed-in page");
        dialog.Closest("main").ShouldBeNull("outside the page's own forms");
        int.Parse(dialog.GetAttribute("data-seconds-left")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(29 * 60, 30 * 60);
        dialog.GetAttribute("data-warn-seconds").ShouldBe("120");
        dialog.HasAttribute("open").ShouldBeFalse("closed until the script opens it: without script nothing shows");

        await MoveOpenSessionsAsync(provider, staff.Id, -28);
        var token = dialog.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/KeepAlive")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        json.RootElement.GetProperty("secondsLeft").GetInt32().ShouldBeInRange(29 * 60, 30 * 60);
        var session = (await app.SessionsOfAsync(provider, staff.Id)).ShouldHaveSingleItem();
        session.LastSeenAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));

        var withoutToken = await browser.PostAsync("/Account/KeepAlive", []);
        withoutToken.Status.ShouldBe(HttpStatusCode.BadRequest, "antiforgery applies");

        using var anonymous = await app.BrowserAsync(provider);
        (await anonymous.GetAsync("/Account/SignIn")).Document.QuerySelector("#timeout-warning").ShouldBeNull();
    }

    private Task<int> IdleOpenSessionsAsync(DatabaseProvider provider, Guid userId) => MoveOpenSessionsAsync(provider, userId, -31);

    private Task<int> MoveOpenSessionsAsync(DatabaseProvider provider, Guid userId, int minutes) => app.QueryAsync(provider, async db =>
    {
        foreach (var session in await db.StaffSessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync())
        {
            session.LastSeenAt = session.LastSeenAt.AddMinutes(minutes);
        }

        return await db.SaveChangesAsync();
    });

    /// <summary>The account's kept forms for pages about the person (each test has its own person).</summary>
    private Task<List<KeptForm>> KeptFormsAsync(DatabaseProvider provider, Guid userId, Guid personId)
    {
        var path = $"/People/{personId}/";
        return app.QueryAsync(provider, db => db.KeptForms.AsNoTracking().Where(f => f.UserId == userId && f.Path.StartsWith(path)).ToListAsync());
    }

    private Task<string?> TownOfAsync(DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, db => db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Town).SingleAsync());
}
