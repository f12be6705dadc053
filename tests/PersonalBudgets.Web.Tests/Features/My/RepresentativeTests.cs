using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>
/// Representatives (ADR 0030): the person gives someone access, they sign up with the emailed code and see the person's
/// support; a practitioner records one with a legal basis; bad input names its field; one code makes one account however
/// many use it at once.
/// </summary>
public sealed partial class RepresentativeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [GeneratedRegex(@"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")]
    private static partial Regex CodePattern();

    private static (string Name, string? Value)[] Grant(string name, string email, DateOnly starts, DateOnly ends, params RepresentativeScopes[] scopes) =>
    [
        ("Input.Name", name), ("Input.Relationship", nameof(Relationship.FamilyMember)), ("Input.Email", email),
        .. scopes.Select(s => ("Input.Scopes", (string?)s.ToString())),
        ("Input.StartsOn.Day", starts.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.StartsOn.Month", starts.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.StartsOn.Year", starts.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Input.EndsOn.Day", ends.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.EndsOn.Month", ends.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.EndsOn.Year", ends.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private Task<string> CodeSentToAsync(DatabaseProvider provider, string email) => app.QueryAsync(provider, async db =>
    {
        var body = await db.OutgoingEmails.AsNoTracking().Where(e => e.To == email).OrderByDescending(e => e.CreatedAt).Select(e => e.Body).FirstAsync();
        body.ShouldContain("/my/start");
        return CodePattern().Match(body).Value;
    });

    /// <summary>Code, password, then the authenticator page with its key: ready to submit a code.</summary>
    private static async Task<(HtmlPage Page, byte[] Secret)> StartSignUpAsync(Browser browser, string code, string password = "three random words here")
    {
        var start = await browser.GetAsync(MyPaths.Start);
        (await browser.SubmitAsync(start, ("Code", code))).Location.ShouldBe(MyPaths.StartPassword);
        var passwordPage = await browser.GetAsync(MyPaths.StartPassword);
        (await browser.SubmitAsync(passwordPage, ("Password", password), ("ConfirmPassword", password))).Location.ShouldBe(MyPaths.StartAuthenticator);
        var authenticator = await browser.GetAsync(MyPaths.StartAuthenticator);
        var key = HtmlPage.Text(authenticator.Document.GetElementById("totp-key")).Replace(" ", "", StringComparison.Ordinal);
        return (authenticator, Base32.Decode(key));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonGivesAccess_RepresentativeSignsUpWithTheCode_AndSeesThePersonsSupport(DatabaseProvider provider)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        using var owner = await app.BrowserAsync(provider);
        await owner.SignInAsPersonAsync(person);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var email = $"rep{Guid.NewGuid():N}@example.com";

        var add = await owner.GetAsync(MyPaths.RepresentativeAdd);
        add.Status.ShouldBe(HttpStatusCode.OK);
        var sent = await owner.SubmitAsync(add, Grant("Alex Rivers", email, today, today.AddMonths(3), RepresentativeScopes.SeeMoney));
        sent.Location.ShouldBe(MyPaths.Representatives, string.Join("; ", sent.ErrorSummary));
        var list = await owner.OpenAsync(MyPaths.Representatives);
        HtmlPage.Text(list.Document.QuerySelector(".app-grant-state")).ShouldBe("Invited");
        var grant = await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.PersonId == person.Person.Id));
        grant.Scopes.ShouldBe(RepresentativeScopes.SeeSupport | RepresentativeScopes.SeeMoney);
        grant.GrantedByKind.ShouldBe(ActorKind.Person);

        var code = await CodeSentToAsync(provider, email);
        using var rep = await app.BrowserAsync(provider);
        var (authenticator, secret) = await StartSignUpAsync(rep, code);
        var done = await rep.SubmitAsync(authenticator, ("Code", Totp.Compute(secret, DateTimeOffset.UtcNow)));
        done.Heading.ShouldBe("Your account is ready");

        var home = await rep.GetAsync(MyPaths.Home);
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.Heading.ShouldContain(person.Person.LegalLastName);
        home.Document.GetElementById("acting-for").ShouldNotBeNull();
        (await rep.GetAsync(MyPaths.Budget)).Status.ShouldBe(HttpStatusCode.OK);
        (await rep.GetAsync(MyPaths.Representatives)).Status.ShouldBe(HttpStatusCode.Forbidden);
        var account = await app.QueryAsync(provider, db => db.PersonAccounts.AsNoTracking().SingleAsync(a => a.Email == email));
        account.PersonId.ShouldBeNull();
        account.DisplayName.ShouldBe("Alex Rivers");
        (await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.Id == grant.Id))).AccountId.ShouldBe(account.Id);
        HtmlPage.Text((await owner.GetAsync(MyPaths.Representatives)).Document.QuerySelector(".app-grant-state")).ShouldBe("Active");

        // The code works once.
        using var again = await app.BrowserAsync(provider);
        var refused = await again.SubmitAsync(await again.GetAsync(MyPaths.Start), ("Code", code));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("Code").ShouldBe(PersonInvitation.Refused);
        var given = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.PersonId == person.Person.Id && a.Action == AuditAction.AccessGranted));
        given.ActorKind.ShouldBe(ActorKind.Person);
        given.Summary.ShouldNotBeNull().ShouldContain("Alex Rivers");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task GiveAccess_WithBadInput_Is400NamingTheField(DatabaseProvider provider)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        using var owner = await app.BrowserAsync(provider);
        await owner.SignInAsPersonAsync(person);
        var add = await owner.GetAsync(MyPaths.RepresentativeAdd);

        var blank = await owner.SubmitAsync(add, ("Input.Name", ""), ("Input.Email", ""), ("Input.StartsOn.Day", ""), ("Input.StartsOn.Month", ""), ("Input.StartsOn.Year", ""));
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        blank.FieldError("Input_Name").ShouldBe("Enter the name of the person you are giving access to");
        blank.FieldError("Input_Relationship").ShouldBe("Select how they know the person");
        blank.FieldError("Input_Email").ShouldBe("Enter their email address");
        blank.FieldError("Input_Scopes").ShouldBe("Select what they may see and do");
        blank.FieldError("Input_StartsOn").ShouldBe("Enter the date their access starts");
        blank.FieldError("Input_EndsOn").ShouldBe("Enter the date their access ends");

        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var wrong = await owner.SubmitAsync(add, Grant("Alex", "not an email", today.AddDays(-1), today.AddDays(-2), RepresentativeScopes.SeeSupport));
        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrong.FieldError("Input_Email").ShouldBe("Enter an email address in the correct format, like name@example.com");
        wrong.FieldError("Input_StartsOn").ShouldBe("The start date must be today or in the future");
        wrong.FieldError("Input_EndsOn").ShouldBe("The end date must be the same as or after the start date");

        var unknown = await owner.SubmitAsync(add, [.. Grant("Alex", "a@example.com", today, today, RepresentativeScopes.SeeSupport).Where(f => f.Name != "Input.Relationship"), ("Input.Relationship", "Pigeon")]);
        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknown.FieldError("Input_Relationship").ShouldNotBeNull();

        var notADate = await owner.SubmitAsync(add, [.. Grant("Alex", "a@example.com", today, today, RepresentativeScopes.SeeSupport).Where(f => f.Name != "Input.EndsOn.Month"), ("Input.EndsOn.Month", "13")]);
        notADate.Status.ShouldBe(HttpStatusCode.BadRequest);
        notADate.FieldError("Input_EndsOn").ShouldBe("The date their access ends must be a real date");
        (await app.QueryAsync(provider, db => db.RecordGrants.CountAsync(g => g.PersonId == person.Person.Id))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwentySignUpsWithOneCodeAtOnce_MakeExactlyOneAccount(DatabaseProvider provider)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        using var owner = await app.BrowserAsync(provider);
        await owner.SignInAsPersonAsync(person);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var email = $"race{Guid.NewGuid():N}@example.com";
        (await owner.SubmitAsync(await owner.GetAsync(MyPaths.RepresentativeAdd), Grant("Race Runner", email, today, today.AddDays(7), RepresentativeScopes.SeeSupport)))
            .Location.ShouldBe(MyPaths.Representatives);
        var code = await CodeSentToAsync(provider, email);

        var runners = new List<(Browser Browser, HtmlPage Page, byte[] Secret)>();
        for (var i = 0; i < Race.Runners; i++)
        {
            var browser = await app.BrowserAsync(provider);
            var (page, secret) = await StartSignUpAsync(browser, code);
            runners.Add((browser, page, secret));
        }

        var next = -1;
        var result = await Race.SubmitAsync(() =>
        {
            var (browser, page, secret) = runners[Interlocked.Increment(ref next)];
            return browser.SubmitAsync(page, ("Code", Totp.Compute(secret, DateTimeOffset.UtcNow)));
        });

        var pages = result.Pages;
        pages.Count(p => p.Status == HttpStatusCode.OK && p.Heading == "Your account is ready").ShouldBe(1);
        pages.Where(p => p.Heading != "Your account is ready").ShouldAllBe(p => p.Status == HttpStatusCode.BadRequest || p.Status == HttpStatusCode.Conflict);
        (await app.QueryAsync(provider, db => db.PersonAccounts.CountAsync(a => a.Email == email))).ShouldBe(1);
        var grant = await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.PersonId == person.Person.Id));
        grant.AccountId.ShouldNotBeNull();
        foreach (var (browser, _, _) in runners)
        {
            browser.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_RecordsARepresentativeWithTheLegalBasis_AndTheRecordShowsItsState(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var path = $"/People/{person.Id}/Representatives";
        var page = await staff.GetAsync(path);
        page.Status.ShouldBe(HttpStatusCode.OK);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);

        var blank = await staff.SubmitAsync(page, ("Input.Name", "Morgan Field"), ("Input.Relationship", nameof(Relationship.Attorney)), ("Input.Email", "m@example.com"), ("Input.Scopes", nameof(RepresentativeScopes.SeeSupport)));
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        blank.FieldError("Input_LegalBasis").ShouldBe("Select the legal basis the representative acts on");
        blank.FieldError("Input_LegalReference").ShouldBe("Enter the reference of the power of attorney, court order or direct payment agreement");
        blank.FieldError("Input_LegalDate").ShouldBe("Enter the date it was registered, made or agreed");
        blank.FieldError("Input_EndsOn").ShouldBeNull(); // optional for a legal authority

        var email = $"lpa{Guid.NewGuid():N}@example.com";
        var saved = await staff.SubmitAsync(page,
            ("Input.Name", "Morgan Field"), ("Input.Relationship", nameof(Relationship.Attorney)), ("Input.Email", email),
            ("Input.LegalBasis", nameof(LegalBasis.LpaHealthAndWelfare)), ("Input.LegalReference", "7000-1234-5678"),
            ("Input.LegalDate.Day", "3"), ("Input.LegalDate.Month", "2"), ("Input.LegalDate.Year", "2024"),
            ("Input.Scopes", nameof(RepresentativeScopes.SeeSupport)), ("Input.Scopes", nameof(RepresentativeScopes.AgreeAndAsk)));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));

        var rows = (await staff.GetAsync(path)).TableRows("#representatives");
        rows.Count.ShouldBe(1);
        rows[0][0].ShouldStartWith("Morgan Field (attorney)");
        rows[0][2].ShouldContain("Lasting power of attorney for health and welfare, reference 7000-1234-5678, dated 3 February 2024");
        rows[0][4].ShouldStartWith("Invited");
        (await CodeSentToAsync(provider, email)).ShouldNotBeNullOrEmpty();
        var grant = await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.PersonId == person.Id));
        grant.GrantedByKind.ShouldBe(ActorKind.Staff);
        grant.Scopes.ShouldBe(RepresentativeScopes.SeeSupport | RepresentativeScopes.AgreeAndAsk);
        (await staff.GetAsync($"/People/{person.Id}/OnlineAccount")).Document.GetElementById("representatives-link").ShouldNotBeNull();

        var ended = await staff.SubmitAsync(await staff.GetAsync(path), [], "#representatives form");
        ended.Status.ShouldBe(HttpStatusCode.Redirect);
        (await staff.GetAsync(path)).TableRows("#representatives")[0][4].ShouldStartWith("Ended");
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == person.Id && a.RecordType == "RecordGrant" && a.ActorKind == ActorKind.Staff))).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task StaffWithoutARelationship_CannotSeeOrRecordRepresentatives(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        var page = await south.GetAsync($"/People/{person.Id}/Representatives");

        page.Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
