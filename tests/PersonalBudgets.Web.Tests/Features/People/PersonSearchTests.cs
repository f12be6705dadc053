using System.Net;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

public sealed class PersonSearchTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task People_ForANorthPractitioner_ListsExactlyThePeopleInTheNorthTeam(DatabaseProvider provider)
    {
        var everyone = await app.AllAsync(provider);
        var north = everyone.Where(p => p.InTeam(DemoDataSeeder.NorthTeam)).Select(p => p.Id).ToList();
        var southOnly = everyone.Where(p => !p.InTeam(DemoDataSeeder.NorthTeam)).Select(p => p.Id).ToList();
        north.ShouldNotBeEmpty();
        southOnly.ShouldNotBeEmpty();
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var first = await browser.GetAsync("/People");
        first.Status.ShouldBe(HttpStatusCode.OK);
        first.Document.QuerySelector("#results")!.TextContent.ShouldBe($"{north.Count} people");
        var listed = new List<Guid>();
        for (var page = 1; page <= 10; page++)
        {
            var results = await browser.GetAsync($"/People?page={page}");
            var links = results.Document.QuerySelectorAll("table a[href^='/People/']").Select(a => Guid.Parse(a.GetAttribute("href")!["/People/".Length..])).ToList();
            if (links.Count == 0 || links.All(listed.Contains))
            {
                break;
            }

            listed.AddRange(links);
        }

        listed.ShouldBe(north, ignoreOrder: true);
        listed.Intersect(southOnly).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task People_SecondPage_ShowsTheNextPeople(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var first = await browser.GetAsync("/People");
        var next = first.Document.QuerySelector(".govuk-pagination__next a").ShouldNotBeNull("26 people is more than one page").GetAttribute("href")!;

        var second = await browser.GetAsync(next);

        second.Status.ShouldBe(HttpStatusCode.OK);
        second.Document.QuerySelector(".govuk-pagination__item--current")!.TextContent.Trim().ShouldBe("2");
        var firstPeople = first.Document.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();
        var secondPeople = second.Document.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();
        secondPeople.ShouldNotBeEmpty();
        secondPeople.Intersect(firstPeople).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ByIdentifier_FindsAPersonInTheTeam(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var results = await Search(browser, person.PersonIdentifier);

        results.Status.ShouldBe(HttpStatusCode.OK);
        results.Document.QuerySelector("#results")!.TextContent.ShouldBe("1 person");
        results.Document.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ShouldBe([$"/People/{person.Id}"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ByNhsNumberWithSpaces_FindsAPersonInTheTeam(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var results = await Search(browser, TestData.Formatted(person.NhsNumber!));

        results.Document.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ShouldBe([$"/People/{person.Id}"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ForAPersonOutsideTheTeams_ShowsNobodyButOffersBreakGlass(DatabaseProvider provider)
    {
        var person = await app.NewSouthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        foreach (var term in new[] { person.PersonIdentifier, person.NhsNumber! })
        {
            var results = await Search(browser, term);

            results.Document.QuerySelector("#results")!.TextContent.ShouldBe("0 people");
            results.Document.QuerySelectorAll("table a").ShouldBeEmpty();
            results.BodyText.ShouldNotContain(person.DisplayName);
            results.Document.QuerySelector($".govuk-inset-text a[href='/People/{person.Id}/BreakGlass']").ShouldNotBeNull();
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ByName_NeverShowsPeopleOutsideTheTeams(DatabaseProvider provider)
    {
        // Three South people, each sharing a last name with a North person.
        var southOnly = new List<TestPerson>();
        var north = new HashSet<Guid>();
        foreach (var first in new[] { "Alex", "Jordan", "Morgan" })
        {
            var person = await app.NewPerson(provider).InTeams(DemoTeams.South).WithKeyWorker(DemoAccounts.SouthOt).Named(first, "Searchwell").CreateAsync();
            southOnly.Add(person);
            north.Add((await app.NewPerson(provider).Named("Casey", person.LegalLastName, exact: true).CreateAsync()).Id);
        }

        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        foreach (var person in southOnly)
        {
            var lastName = person.DisplayName.Split(' ')[^1];
            var results = await Search(browser, lastName);

            var ids = results.Document.QuerySelectorAll("table a[href^='/People/']").Select(a => Guid.Parse(a.GetAttribute("href")!["/People/".Length..])).ToList();
            ids.ShouldNotContain(person.Id);
            ids.ShouldAllBe(id => north.Contains(id));
        }
    }

    private static async Task<HtmlPage> Search(Browser browser, string query)
    {
        var form = await browser.GetAsync("/People");
        var redirect = await browser.SubmitAsync(form, ("Query", query));
        redirect.Status.ShouldBe(HttpStatusCode.Redirect);
        redirect.Location.ShouldNotBeNull().ShouldNotContain(query, Case.Insensitive, "search terms are personal data and must not be in the URL");
        return await browser.FollowAsync(redirect);
    }
}
