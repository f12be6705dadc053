using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>A practitioner invites a person from their record; the person makes their account with the code (ADR 0029).</summary>
public sealed partial class InvitationAndSignUpTests(AppFixture app) : IClassFixture<AppFixture>
{
    [GeneratedRegex(@"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")]
    private static partial Regex CodePattern();

    private static string Account(Guid personId) => $"/People/{personId}/OnlineAccount";

    private async Task<string> InviteByEmailAsync(Browser staff, Guid personId, string email, DatabaseProvider provider)
    {
        var page = await staff.GetAsync(Account(personId));
        page.Status.ShouldBe(HttpStatusCode.OK);
        var sent = await staff.SubmitAsync(page, ("Email", email), ("Delivery", nameof(InvitationDelivery.Email)));
        sent.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", sent.ErrorSummary));
        var body = await app.QueryAsync(provider, db => db.OutgoingEmails.AsNoTracking().Where(e => e.To == email)
            .OrderByDescending(e => e.CreatedAt).Select(e => e.Body).FirstAsync());
        body.ShouldContain("/my/start");
        var code = CodePattern().Match(body).Value;
        code.ShouldNotBeNullOrEmpty();
        return code;
    }

    private static async Task<HtmlPage> EnterCodeAsync(Browser browser, string code)
    {
        var start = await browser.GetAsync(MyPaths.Start);
        start.Status.ShouldBe(HttpStatusCode.OK);
        return await browser.SubmitAsync(start, ("Code", code));
    }

    /// <summary>Code, password, authenticator: returns the page with the recovery codes.</summary>
    private static async Task<HtmlPage> SignUpAsync(Browser browser, string code, string password = "three random words here")
    {
        (await EnterCodeAsync(browser, code)).Location.ShouldBe(MyPaths.StartPassword);
        var passwordPage = await browser.GetAsync(MyPaths.StartPassword);
        var afterPassword = await browser.SubmitAsync(passwordPage, ("Password", password), ("ConfirmPassword", password));
        afterPassword.Location.ShouldBe(MyPaths.StartAuthenticator, string.Join("; ", afterPassword.ErrorSummary));
        var authenticator = await browser.GetAsync(MyPaths.StartAuthenticator);
        var key = HtmlPage.Text(authenticator.Document.GetElementById("totp-key")).Replace(" ", "", StringComparison.Ordinal);
        HtmlPage.Text(authenticator.Document.GetElementById("totp-uri")).ShouldStartWith("otpauth://totp/");
        return await browser.SubmitAsync(authenticator, ("Code", Totp.Compute(Base32.Decode(key), DateTimeOffset.UtcNow)));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PractitionerInvitesByEmail_PersonSignsUp_AndTheCodeWorksOnce(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).AtStage(Core.Pathways.PathwayStage.SupportPlanning).CreateAsync();
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var email = $"p{Guid.NewGuid():N}@example.com";
        var code = await InviteByEmailAsync(staff, person.Id, email, provider);
        var state = await staff.GetAsync(Account(person.Id));
        HtmlPage.Text(state.Document.GetElementById("account-state")).ShouldBe("Invited");

        using var browser = await app.BrowserAsync(provider);
        var done = await SignUpAsync(browser, code);

        done.Status.ShouldBe(HttpStatusCode.OK);
        done.Heading.ShouldBe("Your account is ready");
        done.Document.QuerySelectorAll("#recovery-codes li").Length.ShouldBe(OneTimeCodes.RecoveryCodeCount);
        var home = await browser.GetAsync(MyPaths.Home);
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.SummaryValue("Who is doing it").ShouldBe("Priya Shah, nurse");
        HtmlPage.Text((await staff.GetAsync(Account(person.Id))).Document.GetElementById("account-state")).ShouldBe("Active");
        (await app.QueryAsync(provider, db => db.PersonInvitations.SingleAsync(i => i.PersonId == person.Id))).UsedAt.ShouldNotBeNull();

        using var again = await app.BrowserAsync(provider);
        var refused = await EnterCodeAsync(again, code);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("Code").ShouldBe(PersonInvitation.Refused);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task InvitingAgain_CancelsTheWaitingCode(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var first = await InviteByEmailAsync(staff, person.Id, $"a{Guid.NewGuid():N}@example.com", provider);
        var second = await InviteByEmailAsync(staff, person.Id, $"b{Guid.NewGuid():N}@example.com", provider);

        using var browser = await app.BrowserAsync(provider);
        (await EnterCodeAsync(browser, first)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await EnterCodeAsync(browser, second)).Location.ShouldBe(MyPaths.StartPassword);
        var rows = (await staff.GetAsync(Account(person.Id))).TableRows();
        rows.Select(r => r[^1]).ShouldBe([rows[0][^1], "Cancelled"]);
        rows[0][^1].ShouldStartWith("Waiting until");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ExpiredCode_IsRefused(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var code = await app.QueryAsync(provider, async db =>
        {
            var (invitation, c) = PersonInvitation.Create(person.Id, InvitationDelivery.Letter, $"x{Guid.NewGuid():N}@example.com",
                new Actor(Guid.Empty, "Test"), DateTimeOffset.UtcNow.AddDays(-PersonInvitation.ValidDays).AddMinutes(-1));
            db.PersonInvitations.Add(invitation);
            await db.SaveChangesAsync();
            return c;
        });
        using var browser = await app.BrowserAsync(provider);

        var page = await EnterCodeAsync(browser, code);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe([PersonInvitation.Refused]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task LetterInvitation_ShowsTheCodeOnce_AndItWorks(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var page = await staff.GetAsync(Account(person.Id));

        var letter = await staff.SubmitAsync(page, ("Email", $"l{Guid.NewGuid():N}@example.com"), ("Delivery", nameof(InvitationDelivery.Letter)));

        letter.Status.ShouldBe(HttpStatusCode.OK);
        letter.Heading.ShouldBe("See your care and support online");
        letter.BodyText.ShouldContain("/my/start");
        var code = HtmlPage.Text(letter.Document.GetElementById("invitation-code"));
        code.ShouldMatch(CodePattern().ToString());
        (await staff.GetAsync(Account(person.Id))).BodyText.ShouldNotContain(code);
        using var browser = await app.BrowserAsync(provider);
        (await SignUpAsync(browser, code)).Heading.ShouldBe("Your account is ready");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Invite_WithBadInput_Is400NamingTheField(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var page = await staff.GetAsync(Account(person.Id));

        var blank = await staff.SubmitAsync(page, ("Email", ""), ("Delivery", null));
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        blank.FieldError("Email").ShouldBe("Enter the email address the person will sign in with");
        blank.FieldError("Delivery").ShouldBe("Select how to send the invitation");

        var wrong = await staff.SubmitAsync(page, ("Email", "not an email"), ("Delivery", nameof(InvitationDelivery.Email)));
        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrong.FieldError("Email").ShouldBe("Enter an email address in the correct format, like name@example.com");

        var unknown = await staff.SubmitAsync(page, ("Email", "a@example.com"), ("Delivery", "Pigeon"));
        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknown.FieldError("Delivery").ShouldBe("Select an option from the list");
        (await app.QueryAsync(provider, db => db.PersonInvitations.CountAsync(i => i.PersonId == person.Id))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SignUp_WithBadInput_Is400NamingTheField(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);
        var blank = await EnterCodeAsync(browser, "");
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        blank.FieldError("Code").ShouldBe("Enter the code from your letter or email");
        (await EnterCodeAsync(browser, "<script>")).FieldError("Code").ShouldBe(PersonInvitation.Refused);

        var person = await app.NewNorthPersonAsync(provider);
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var code = await InviteByEmailAsync(staff, person.Id, $"s{Guid.NewGuid():N}@example.com", provider);
        await EnterCodeAsync(browser, code);
        var passwordPage = await browser.GetAsync(MyPaths.StartPassword);
        var tooShort = await browser.SubmitAsync(passwordPage, ("Password", "short"), ("ConfirmPassword", "short"));
        tooShort.Status.ShouldBe(HttpStatusCode.BadRequest);
        tooShort.FieldError("Password").ShouldBe(Core.Security.PasswordPolicy.TooShort);
        var mismatch = await browser.SubmitAsync(passwordPage, ("Password", "three random words here"), ("ConfirmPassword", "three random words there"));
        mismatch.FieldError("ConfirmPassword").ShouldNotBeNull();
        await browser.SubmitAsync(passwordPage, ("Password", "three random words here"), ("ConfirmPassword", "three random words here"));
        var authenticator = await browser.GetAsync(MyPaths.StartAuthenticator);
        var wrongCode = await browser.SubmitAsync(authenticator, ("Code", "abc"));
        wrongCode.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrongCode.FieldError("Code").ShouldBe("Enter the 6-digit code from your authenticator app");
        (await app.QueryAsync(provider, db => db.PersonAccounts.CountAsync(a => a.PersonId == person.Id))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task StaffWithoutARelationship_CannotSeeOrInvite(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        var page = await south.GetAsync(Account(person.Id));

        page.Status.ShouldBe(HttpStatusCode.Forbidden);
        var posted = await south.PostAsync(Account(person.Id), [new("Email", "x@example.com"), new("Delivery", "Email")]);
        posted.Status.ShouldNotBe(HttpStatusCode.Redirect);
        (await app.QueryAsync(provider, db => db.PersonInvitations.CountAsync(i => i.PersonId == person.Id))).ShouldBe(0);
    }
}
