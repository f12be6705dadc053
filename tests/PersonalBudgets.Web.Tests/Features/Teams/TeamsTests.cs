using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Teams;

/// <summary>Teams, their staff and, for members only, their people: on the pages and in the API.</summary>
public sealed class TeamsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Analyst = "analyst@northmoor.example";

    private sealed record TeamFacts(Guid Id, string Name, int Members, int People);

    private sealed record Member(string Name, string Profession, string Employer);

    /// <summary>Each team with its counts as the database holds them: active staff members and people currently allocated.</summary>
    private Task<Dictionary<string, TeamFacts>> TeamsAsync(DatabaseProvider provider) => app.QueryAsync(provider, async db =>
    {
        var teams = await db.Teams.AsNoTracking().Where(t => t.IsActive).ToListAsync();
        var memberships = await db.TeamMemberships.AsNoTracking()
            .Join(db.Users.Where(u => u.IsActive), m => m.UserId, u => u.Id, (m, u) => m.TeamId).ToListAsync();
        var allocations = await db.TeamAllocations.AsNoTracking().Where(a => a.EndedAt == null).Select(a => new { a.TeamId, a.PersonId }).ToListAsync();
        return teams.ToDictionary(t => t.Name, t => new TeamFacts(
            t.Id,
            t.Name,
            memberships.Count(m => m == t.Id),
            allocations.Where(a => a.TeamId == t.Id).Select(a => a.PersonId).Distinct().Count()));
    });

    private Task<List<Member>> MembersAsync(DatabaseProvider provider, Guid teamId) => app.QueryAsync(provider, async db =>
    {
        var employers = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        var users = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == teamId)
            .Join(db.Users.Where(u => u.IsActive), m => m.UserId, u => u.Id, (m, u) => new { u.DisplayName, u.Profession, u.EmployerId })
            .ToListAsync();
        return users.Select(u => new Member(u.DisplayName, u.Profession.Label(), employers[u.EmployerId])).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    });

    private static async Task<(HttpStatusCode Status, string? ContentType, JsonElement Json)> GetJsonAsync(Browser browser, string url)
    {
        using var response = await browser.Http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, document.RootElement.Clone());
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_Index_ListsBothTeamsWithTheirMemberAndPeopleCounts(DatabaseProvider provider)
    {
        var teams = await TeamsAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var page = await browser.GetAsync("/Teams");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe("Teams");
        var rows = page.TableRows();
        rows.Count.ShouldBe(2);
        foreach (var name in new[] { DemoDataSeeder.NorthTeam, DemoDataSeeder.SouthTeam })
        {
            var facts = teams[name];
            facts.Members.ShouldBeGreaterThan(0);
            facts.People.ShouldBeGreaterThan(0);
            var row = rows.Where(r => r[0].StartsWith(name, StringComparison.Ordinal)).ShouldHaveSingleItem(name);
            row[1].ShouldBe(facts.Members.ToString(UkFormat.Culture), name);
            row[2].ShouldBe(facts.People.ToString(UkFormat.Culture), name);
            page.Document.QuerySelector($"tbody a[href='/Teams/{facts.Id}']")!.TextContent.ShouldBe(name);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_Details_ListsMembersWithProfessionAndEmployer(DatabaseProvider provider)
    {
        var north = (await TeamsAsync(provider))[DemoDataSeeder.NorthTeam];
        var members = await MembersAsync(provider, north.Id);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        var page = await browser.GetAsync($"/Teams/{north.Id}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe(DemoDataSeeder.NorthTeam);
        var rows = page.TableRows();
        rows.Select(r => new Member(r[0], r[1], r[2])).ToList().ShouldBe(members, ignoreOrder: true);
        rows.Select(r => r[0]).ShouldContain(DemoAccounts.NorthNurseName);
        var manager = rows.Single(r => r[0] == "Helen Marsh");
        manager[1].ShouldBe("Social worker");
        manager[3].ShouldBe("Practitioner, Team manager");
        rows.Single(r => r[0] == DemoAccounts.NorthNurseName)[1].ShouldBe("Nurse");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_Details_AsAMemberOfTheTeam_ListsItsPeople(DatabaseProvider provider)
    {
        var north = (await TeamsAsync(provider))[DemoDataSeeder.NorthTeam];
        var people = (await app.AllAsync(provider)).Where(p => p.InTeam(DemoDataSeeder.NorthTeam)).ToList();
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var page = await browser.GetAsync($"/Teams/{north.Id}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(page.Document.GetElementById("people")).ShouldBe($"People ({north.People})");
        var shown = page.TableRows("h2#people ~ table");
        shown.Count.ShouldBe(people.Count);
        foreach (var person in people)
        {
            // Name first, then who this is (issue 11, item 8).
            shown.ShouldContain(r => r[0].StartsWith(person.DisplayName, StringComparison.Ordinal)
                && r[0].Contains("Born ", StringComparison.Ordinal) && r[0].Contains($" · {person.PersonIdentifier}", StringComparison.Ordinal), person.DisplayName);
        }
        foreach (var person in people)
        {
            page.Document.QuerySelector($"a[href='/People/{person.Id}']").ShouldNotBeNull(person.DisplayName);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_Details_AsSomeoneOutsideTheTeam_ShowsOnlyTheCountAndWhy(DatabaseProvider provider)
    {
        var north = (await TeamsAsync(provider))[DemoDataSeeder.NorthTeam];
        var people = (await app.AllAsync(provider)).Where(p => p.InTeam(DemoDataSeeder.NorthTeam)).ToList();

        foreach (var email in new[] { DemoAccounts.SouthOt, Analyst })
        {
            using var browser = await app.SignedInAsync(provider, email);

            var page = await browser.GetAsync($"/Teams/{north.Id}");

            page.Status.ShouldBe(HttpStatusCode.OK, email);
            HtmlPage.Text(page.Document.GetElementById("people")).ShouldBe($"People ({north.People})");
            page.BodyText.ShouldContain(
                $"{north.People} people are allocated to this team. Only members of this team can see who they are, because staff see only the people their own team works with.");
            page.Document.QuerySelector("h2#people ~ table").ShouldBeNull(email);
            page.Document.QuerySelector("a[href^='/People/']").ShouldBeNull(email);
            foreach (var person in people)
            {
                page.BodyText.ShouldNotContain(person.DisplayName, customMessage: email);
            }
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task GetApi_Teams_ReturnsBothTeamsWithTheirCounts(DatabaseProvider provider)
    {
        var teams = await TeamsAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        var (status, contentType, json) = await GetJsonAsync(browser, "/api/v1/teams");

        status.ShouldBe(HttpStatusCode.OK);
        contentType.ShouldBe("application/json");
        json.ValueKind.ShouldBe(JsonValueKind.Array);
        json.GetArrayLength().ShouldBe(2);
        foreach (var item in json.EnumerateArray())
        {
            var facts = teams[item.GetProperty("name").GetString()!];
            item.GetProperty("id").GetGuid().ShouldBe(facts.Id);
            item.GetProperty("memberCount").GetInt32().ShouldBe(facts.Members);
            item.GetProperty("peopleCount").GetInt32().ShouldBe(facts.People);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task GetApi_Team_ShowsPeopleToMembersOnly(DatabaseProvider provider)
    {
        var north = (await TeamsAsync(provider))[DemoDataSeeder.NorthTeam];
        var members = await MembersAsync(provider, north.Id);
        var people = (await app.AllAsync(provider)).Where(p => p.InTeam(DemoDataSeeder.NorthTeam)).ToList();

        using (var member = await app.SignedInAsync(provider, DemoAccounts.NorthNurse))
        {
            var (status, _, json) = await GetJsonAsync(member, $"/api/v1/teams/{north.Id}");

            status.ShouldBe(HttpStatusCode.OK);
            json.GetProperty("id").GetGuid().ShouldBe(north.Id);
            json.GetProperty("name").GetString().ShouldBe(DemoDataSeeder.NorthTeam);
            json.GetProperty("peopleVisible").GetBoolean().ShouldBeTrue();
            json.GetProperty("peopleCount").GetInt32().ShouldBe(north.People);
            json.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("id").GetGuid(), p.GetProperty("name").GetString()))
                .ShouldBe(people.Select(p => (p.Id, (string?)p.DisplayName)), ignoreOrder: true);
            json.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(members.Select(m => (string?)m.Name), ignoreOrder: true);
            var nurse = json.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == DemoAccounts.NorthNurseName);
            nurse.GetProperty("profession").GetString().ShouldBe(nameof(Profession.Nurse));
            nurse.GetProperty("employer").GetString().ShouldBe(members.Single(m => m.Name == DemoAccounts.NorthNurseName).Employer);
        }

        foreach (var email in new[] { DemoAccounts.SouthOt, Analyst })
        {
            using var outsider = await app.SignedInAsync(provider, email);
            var (status, _, json) = await GetJsonAsync(outsider, $"/api/v1/teams/{north.Id}");

            status.ShouldBe(HttpStatusCode.OK, email);
            json.GetProperty("peopleVisible").GetBoolean().ShouldBeFalse(email);
            json.GetProperty("peopleCount").GetInt32().ShouldBe(north.People, email);
            json.GetProperty("people").GetArrayLength().ShouldBe(0, email);
            json.GetProperty("members").GetArrayLength().ShouldBe(members.Count, email);
            var raw = json.GetRawText();
            foreach (var person in people)
            {
                raw.ShouldNotContain(person.Id.ToString(), customMessage: email);
            }
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_UnknownTeam_Is404OnThePageAndInTheApi(DatabaseProvider provider)
    {
        var unknown = Guid.NewGuid();
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var page = await browser.GetAsync($"/Teams/{unknown}");

        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.Heading.ShouldBe("Page not found");

        var (status, contentType, json) = await GetJsonAsync(browser, $"/api/v1/teams/{unknown}");

        status.ShouldBe(HttpStatusCode.NotFound);
        contentType.ShouldBe("application/problem+json");
        json.GetProperty("status").GetInt32().ShouldBe(404);
        json.GetProperty("errorCode").GetString().ShouldBe("not-found");
        json.GetProperty("detail").GetString().ShouldBe("The team was not found.");
    }
}
