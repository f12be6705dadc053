using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Admin;

/// <summary>Staff accounts as an administrator manages them: list, create, change, deactivate.</summary>
public sealed class AccountsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Administrator = "admin@northmoor.example";
    private const string AdministratorName = "Chris Taylor";
    private const string Analyst = "analyst@northmoor.example";
    private const string NewPassword = "New-staff-password-2026";
    private const string ConflictMessage = "This account was changed by someone else. Check the details and try again";

    private sealed record Reference(Guid NorthTeam, Guid SouthTeam, Guid Council, string CouncilName, Guid Trust, string TrustName);

    private Task<Reference> ReferenceAsync(DatabaseProvider provider) => app.QueryAsync(provider, async db =>
    {
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Name, t => t.Id);
        var organisations = await db.Organisations.AsNoTracking().ToListAsync();
        var council = organisations.Single(o => o.Type == OrganisationType.Council);
        var trust = organisations.Single(o => o.Type == OrganisationType.NhsTrust);
        return new Reference(teams[DemoDataSeeder.NorthTeam], teams[DemoDataSeeder.SouthTeam], council.Id, council.Name, trust.Id, trust.Name);
    });

    private static string NewEmail() => $"new.{Guid.NewGuid():N}"[..16] + "@northmoor.example";

    /// <summary>Creates an account through the create form and returns its id (each test works on its own account).</summary>
    private static async Task<Guid> CreateAccountAsync(Browser admin, string email, string name, Guid employerId, Role[] roles, Guid[] teams)
    {
        var form = await admin.GetAsync("/Admin/Accounts/Create");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var changes = new List<KeyValuePair<string, string?>>
        {
            new("Email", email),
            new("Password", NewPassword),
            new("Input.DisplayName", name),
            new("Input.JobTitle", "Community worker"),
            new("Input.Profession", nameof(Profession.SupportWorker)),
            new("Input.EmployerId", employerId.ToString()),
        };
        changes.AddRange(roles.Select(r => new KeyValuePair<string, string?>("Input.Roles", r.ToString())));
        changes.AddRange(teams.Select(t => new KeyValuePair<string, string?>("Input.TeamIds", t.ToString())));

        var redirect = await admin.SubmitAsync(form, changes);

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldNotBeNull().ShouldStartWith("/Admin/Accounts/");
        return Guid.Parse(redirect.Location!["/Admin/Accounts/".Length..]);
    }

    private static List<string> Checked(HtmlPage page, string name) =>
        page.Document.QuerySelectorAll($"input[name='{name}']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value).ToList();

    /// <summary>The changes listed in an audit entry, as they are seen (without the text for screen readers only).</summary>
    private static List<string> VisibleChanges(IElement cell) => cell.QuerySelectorAll("li").Select(li =>
    {
        var copy = (IElement)li.Clone();
        foreach (var hidden in copy.QuerySelectorAll(".govuk-visually-hidden").ToList())
        {
            hidden.Remove();
        }

        return HtmlPage.Text(copy);
    }).ToList();

    private static string Stamp(HtmlPage page) =>
        page.Document.QuerySelector("main form[method=post] input[name=ConcurrencyStamp]")?.GetAttribute("value") ?? "";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_Index_ListsDemoStaffWithProfessionAndEmployer(DatabaseProvider provider)
    {
        var reference = await ReferenceAsync(provider);
        using var admin = await app.SignedInAsync(provider, Administrator);

        var page = await admin.GetAsync("/Admin/Accounts");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe("Staff accounts");
        var rows = page.TableRows();
        foreach (var account in DemoDataSeeder.Accounts)
        {
            var row = rows.Where(r => r[1] == account.Email).ShouldHaveSingleItem(account.Email);
            row[0].ShouldBe(account.Name);
            row[2].ShouldBe(account.Profession.Label());
            row[3].ShouldBe(account.NhsEmployed ? reference.TrustName : reference.CouncilName);
            row[6].ShouldBe("Active");
        }

        var nurse = rows.Single(r => r[1] == DemoAccounts.NorthNurse);
        nurse.ShouldBe([DemoAccounts.NorthNurseName, DemoAccounts.NorthNurse, "Nurse", reference.TrustName, "Practitioner", DemoDataSeeder.NorthTeam, "Active"]);
        var panel = rows.Single(r => r[1] == "panel@northmoor.example");
        panel[4].ShouldBe("Panel member");
        panel[5].ShouldBe($"{DemoDataSeeder.NorthTeam}, {DemoDataSeeder.SouthTeam}");
        rows.Single(r => r[1] == Administrator)[5].ShouldBe("None");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_Create_WithRolesAndTeams_NewUserCanSignInAndSeesTheirTeam(DatabaseProvider provider)
    {
        var reference = await ReferenceAsync(provider);
        var email = NewEmail();
        using var admin = await app.SignedInAsync(provider, Administrator);

        var id = await CreateAccountAsync(admin, email, "Jo Newstarter", reference.Trust, [Role.Practitioner, Role.TeamManager], [reference.SouthTeam]);

        var account = await admin.GetAsync($"/Admin/Accounts/{id}");
        account.Status.ShouldBe(HttpStatusCode.OK);
        account.BodyText.ShouldContain("Account created");
        account.Heading.ShouldBe("Jo Newstarter");
        account.SummaryValue("Email address").ShouldBe(email);
        account.SummaryValue("Status").ShouldBe("Active");
        account.SummaryValue("Roles").ShouldBe("Practitioner, Team manager");
        account.SummaryValue("Teams").ShouldBe(DemoDataSeeder.SouthTeam);
        var created = account.TableRows().ShouldHaveSingleItem();
        created[1].ShouldBe(AdministratorName);
        created[2].ShouldBe("Account created");

        var list = await admin.GetAsync("/Admin/Accounts");
        list.TableRows().Single(r => r[1] == email)
            .ShouldBe(["Jo Newstarter", email, "Support worker", reference.TrustName, "Practitioner, Team manager", DemoDataSeeder.SouthTeam, "Active"]);

        using var newUser = await app.BrowserAsync(provider);
        var home = await newUser.SignInAsync(email, NewPassword);
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.BodyText.ShouldContain("You are signed in as Jo Newstarter.");
        home.BodyText.ShouldContain($"Your teams: {DemoDataSeeder.SouthTeam}.");
        var team = await newUser.GetAsync($"/Teams/{reference.SouthTeam}");
        team.Status.ShouldBe(HttpStatusCode.OK);
        team.TableRows().ShouldContain(r => r[0] == "Jo Newstarter");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_Create_WithDuplicateEmailShortPasswordAndNoName_Is400WithErrorsAndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        var reference = await ReferenceAsync(provider);
        var accountsBefore = await app.QueryAsync(provider, db => db.Users.CountAsync());
        using var admin = await app.SignedInAsync(provider, Administrator);
        var form = await admin.GetAsync("/Admin/Accounts/Create");
        form.Heading.ShouldBe("Create an account");

        var page = await admin.SubmitAsync(form,
            ("Email", DemoAccounts.NorthNurse),
            ("Password", "Short-pw-1"),
            ("Input.DisplayName", ""),
            ("Input.JobTitle", "Typed job title"),
            ("Input.Profession", nameof(Profession.Psychologist)),
            ("Input.EmployerId", reference.Council.ToString()),
            ("Input.Roles", nameof(Role.Practitioner)),
            ("Input.TeamIds", reference.NorthTeam.ToString()));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe([
            "An account with this email address already exists",
            "Enter the person's full name",
            "Password must be 12 characters or more",
        ]);
        page.FieldError("Email").ShouldBe("An account with this email address already exists");
        page.FieldError("Input_DisplayName").ShouldBe("Enter the person's full name");
        page.FieldError("Password").ShouldBe("Password must be 12 characters or more");

        page.InputValue("Email").ShouldBe(DemoAccounts.NorthNurse);
        page.InputValue("Input_JobTitle").ShouldBe("Typed job title");
        Checked(page, "Input.Profession").ShouldBe([nameof(Profession.Psychologist)]);
        Checked(page, "Input.EmployerId").ShouldBe([reference.Council.ToString()]);
        Checked(page, "Input.Roles").ShouldBe([nameof(Role.Practitioner)]);
        Checked(page, "Input.TeamIds").ShouldBe([reference.NorthTeam.ToString()]);
        page.InputValue("Password").ShouldBe("");
        page.Html.ShouldNotContain("Short-pw-1");

        (await app.QueryAsync(provider, db => db.Users.CountAsync())).ShouldBe(accountsBefore);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_Create_WithNothingEntered_Is400ListingEveryRequiredField(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Administrator);
        var form = await admin.GetAsync("/Admin/Accounts/Create");

        var page = await admin.SubmitAsync(form, ("Email", ""), ("Password", ""), ("Input.DisplayName", ""));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe([
            "Enter an email address",
            "Enter the person's full name",
            "Select a profession",
            "Select an employer",
            "Select at least one role",
            "Enter an initial password",
        ]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ChangeRolesAndTeams_ShowsOnTheAccountAndInTheAuditTrailWithBeforeAndAfter(DatabaseProvider provider)
    {
        var reference = await ReferenceAsync(provider);
        using var admin = await app.SignedInAsync(provider, Administrator);
        var id = await CreateAccountAsync(admin, NewEmail(), "Kim Mover", reference.Council, [Role.Practitioner], [reference.NorthTeam]);
        var form = await admin.GetAsync($"/Admin/Accounts/{id}");
        Checked(form, "Input.Roles").ShouldBe([nameof(Role.Practitioner)]);
        Checked(form, "Input.TeamIds").ShouldBe([reference.NorthTeam.ToString()]);

        var redirect = await admin.SubmitAsync(form,
            ("Input.Roles", nameof(Role.Practitioner)), ("Input.Roles", nameof(Role.TeamManager)),
            ("Input.TeamIds", reference.SouthTeam.ToString()));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        var account = await admin.FollowAsync(redirect);
        account.BodyText.ShouldContain("Account updated");
        account.SummaryValue("Roles").ShouldBe("Practitioner, Team manager");
        account.SummaryValue("Teams").ShouldBe(DemoDataSeeder.SouthTeam);
        var change = account.TableRows().Where(r => r[2] == "Changed roles, teams").ShouldHaveSingleItem();
        change[1].ShouldBe(AdministratorName);
        change[3].ShouldContain("Roles: Practitioner to Practitioner, Team manager");
        change[3].ShouldContain($"Teams: {DemoDataSeeder.NorthTeam} to {DemoDataSeeder.SouthTeam}");
        change[3].ShouldNotContain("Full name");

        var audit = await admin.GetAsync("/Admin/Audit?Action=AccountUpdated");
        audit.Status.ShouldBe(HttpStatusCode.OK);
        var entry = audit.TableRows().Where(r => r[3].Contains(id.ToString(), StringComparison.Ordinal)).ShouldHaveSingleItem();
        entry[1].ShouldBe(AdministratorName);
        entry[2].ShouldBe("Changed account");
        entry[3].ShouldBe($"Account {id}");
        var row = audit.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(id.ToString(), StringComparison.Ordinal));
        VisibleChanges(row.QuerySelectorAll("td")[6]).ShouldBe([
            "Roles: Practitioner → Practitioner, Team manager",
            $"Teams: {DemoDataSeeder.NorthTeam} → {DemoDataSeeder.SouthTeam}",
        ]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_Deactivate_StopsThatPersonSigningIn(DatabaseProvider provider)
    {
        var reference = await ReferenceAsync(provider);
        var email = NewEmail();
        using var admin = await app.SignedInAsync(provider, Administrator);
        var id = await CreateAccountAsync(admin, email, "Lee Leaver", reference.Council, [Role.Practitioner], [reference.NorthTeam]);
        using (var before = await app.BrowserAsync(provider))
        {
            (await before.TrySignInAsync(email, NewPassword)).Status.ShouldBe(HttpStatusCode.Redirect, "the new account can sign in before it is deactivated");
        }

        var account = await admin.GetAsync($"/Admin/Accounts/{id}");
        var redirect = await admin.SubmitAsync(account, [new("Reason", "Left the team on 31 March")], "main form[action*='handler=Deactivate']");

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        var after = await admin.FollowAsync(redirect);
        after.BodyText.ShouldContain("Account deactivated. The person has been signed out");
        after.SummaryValue("Status").ShouldBe("Deactivated");
        var change = after.TableRows().Where(r => r[2] == "Changed active").ShouldHaveSingleItem();
        change[3].ShouldContain("Active: Yes to No");
        change[3].ShouldContain("Reason: Left the team on 31 March");
        (await admin.GetAsync("/Admin/Accounts")).TableRows().Single(r => r[1] == email)[6].ShouldBe("Deactivated");

        using var leaver = await app.BrowserAsync(provider);
        var refused = await leaver.TrySignInAsync(email, NewPassword);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Enter a correct email address and password"]);
        (await leaver.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect, "the deactivated account must not be signed in");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_DeactivateOwnAccount_IsRefusedWithAClearError(DatabaseProvider provider)
    {
        var adminId = await app.QueryAsync(provider, db => db.Users.Where(u => u.Email == Administrator).Select(u => u.Id).SingleAsync());
        using var admin = await app.SignedInAsync(provider, Administrator);
        var own = await admin.GetAsync($"/Admin/Accounts/{adminId}");
        own.Status.ShouldBe(HttpStatusCode.OK);
        own.BodyText.ShouldContain("You cannot deactivate your own account or remove your own Administrator role. Ask another administrator.");
        own.Document.QuerySelector("form[action*='handler=Deactivate']").ShouldBeNull();

        // A hand-made request, as the page offers no form for it.
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["ConcurrencyStamp"] = Stamp(own),
            ["Reason"] = "Trying to deactivate myself",
        };
        var page = await admin.PostAsync($"/Admin/Accounts/{adminId}?handler=Deactivate", fields);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["You cannot deactivate your own account. Ask another administrator"]);
        page.SummaryValue("Status").ShouldBe("Active");
        (await app.QueryAsync(provider, db => db.Users.Where(u => u.Id == adminId).Select(u => u.IsActive).SingleAsync())).ShouldBeTrue();
        (await admin.GetAsync("/Admin/Accounts")).Status.ShouldBe(HttpStatusCode.OK, "the administrator is still signed in");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WhenAnotherAdministratorSavedFirst_Is409WithTheConcurrencyMessageAndKeepsTheirChange(DatabaseProvider provider)
    {
        var reference = await ReferenceAsync(provider);
        using var first = await app.SignedInAsync(provider, Administrator);
        using var second = await app.SignedInAsync(provider, Administrator);
        var id = await CreateAccountAsync(first, NewEmail(), "Pat Contested", reference.Council, [Role.Practitioner], [reference.NorthTeam]);
        var firstForm = await first.GetAsync($"/Admin/Accounts/{id}");
        var secondForm = await second.GetAsync($"/Admin/Accounts/{id}");
        Stamp(firstForm).ShouldNotBeEmpty();
        Stamp(firstForm).ShouldBe(Stamp(secondForm));

        var saved = await first.SubmitAsync(firstForm, ("Input.JobTitle", "Senior community worker"));
        var stale = await second.SubmitAsync(secondForm, ("Input.TeamIds", reference.SouthTeam.ToString()));

        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.ErrorSummary.ShouldBe([ConflictMessage]);
        stale.BodyText.ShouldContain("Your changes that were not saved");
        stale.TableRows().ShouldContain(r => r.Count == 3 && r[0] == "Teams" && r[1] == DemoDataSeeder.SouthTeam && r[2] == DemoDataSeeder.NorthTeam);
        stale.InputValue("Input_JobTitle").ShouldBe("Senior community worker", "the form is reloaded from the account as now saved");

        var account = await first.GetAsync($"/Admin/Accounts/{id}");
        account.SummaryValue("Teams").ShouldBe(DemoDataSeeder.NorthTeam);
        account.InputValue("Input_JobTitle").ShouldBe("Senior community worker");
        account.TableRows().ShouldNotContain(r => r[2].Contains("teams", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_DeactivateWithAStaleForm_Is409AndLeavesTheAccountActive(DatabaseProvider provider)
    {
        var reference = await ReferenceAsync(provider);
        using var first = await app.SignedInAsync(provider, Administrator);
        using var second = await app.SignedInAsync(provider, Administrator);
        var id = await CreateAccountAsync(first, NewEmail(), "Sol Stale", reference.Council, [Role.Practitioner], [reference.NorthTeam]);
        var firstForm = await first.GetAsync($"/Admin/Accounts/{id}");
        var secondForm = await second.GetAsync($"/Admin/Accounts/{id}");

        (await first.SubmitAsync(firstForm, ("Input.DisplayName", "Sol Renamed"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var stale = await second.SubmitAsync(secondForm, [new("Reason", "Left")], "main form[action*='handler=Deactivate']");

        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.ErrorSummary.ShouldBe([ConflictMessage]);
        stale.SummaryValue("Status").ShouldBe("Active");
        stale.Heading.ShouldBe("Sol Renamed");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_AsPractitionerOrAnalyst_RedirectsToAccessDenied(DatabaseProvider provider)
    {
        foreach (var email in new[] { DemoAccounts.NorthNurse, Analyst })
        {
            using var browser = await app.SignedInAsync(provider, email);
            foreach (var url in new[] { "/Admin/Accounts", "/Admin/Accounts/Create" })
            {
                var response = await browser.GetAsync(url);

                response.Status.ShouldBe(HttpStatusCode.Redirect, $"{email} {url}");
                response.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
                var page = await browser.FollowAsync(response);
                page.Heading.ShouldBe("You do not have permission to see this page");
                page.BodyText.ShouldNotContain(DemoAccounts.NorthSocialWorker);
            }
        }
    }
}
