using System.Net;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Features.People;
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

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ByPartsOfSeveralWordsOfTheName_FindsOnlyThePeopleWithEveryPart(DatabaseProvider provider)
    {
        var token = TestData.UniqueLetters();
        var both = await app.NewPerson(provider).Named("Ottoline", "Pemberton" + token, exact: true).CreateAsync();
        var firstOnly = await app.NewPerson(provider).Named("Ottoline", "Harcourt" + token, exact: true).CreateAsync();
        var lastOnly = await app.NewPerson(provider).Named("Gwendolyn", "Pemberton" + token, exact: true).CreateAsync();
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var twoParts = await Search(browser, $"TTOL  mberton{token}");
        var lastName = await Search(browser, $"Pemberton{token.ToUpperInvariant()}");

        twoParts.Document.QuerySelector("#results")!.TextContent.ShouldBe("1 person");
        PeopleOn(twoParts).ShouldBe([both.Id]);
        lastName.Document.QuerySelector("#results")!.TextContent.ShouldBe("2 people");
        PeopleOn(lastName).ShouldBe([both.Id, lastOnly.Id], ignoreOrder: true);
        PeopleOn(lastName).ShouldNotContain(firstOnly.Id);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ByTheStartOfAPostcode_FindsThePerson_ButNotByItsMiddle(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithPostcode("TQ9 5XY").CreateAsync();
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        foreach (var prefix in new[] { "tq9", "TQ9 5X", "tq95xy" })
        {
            PeopleOn(await Search(browser, prefix)).ShouldContain(person.Id, $"searching for \"{prefix}\"");
        }

        PeopleOn(await Search(browser, "Q9 5X")).ShouldNotContain(person.Id);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ByNhsNumberOrIdentifier_FindsOnlyThatPerson(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var other = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        PeopleOn(await Search(browser, person.NhsNumber!)).ShouldBe([person.Id]);
        PeopleOn(await Search(browser, person.PersonIdentifier)).ShouldBe([person.Id]);
        PeopleOn(await Search(browser, other.NhsNumber!)).ShouldBe([other.Id]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_WithMoreThanOnePage_ShowsTheSameTotalOnEveryPage_AndTheRestOnTheLast(DatabaseProvider provider)
    {
        var token = TestData.UniqueLetters();
        var matching = new List<Guid>();
        for (var i = 0; i < PersonSearchService.DefaultPageSize + 3; i++)
        {
            matching.Add((await app.NewPerson(provider).Named("Florence", "Pagewell" + token, exact: true).CreateAsync()).Id);
        }

        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var first = await Search(browser, "pagewell" + token);
        var next = first.Document.QuerySelector(".govuk-pagination__next a").ShouldNotBeNull().GetAttribute("href")!;
        var second = await browser.GetAsync(next);

        var expected = $"{PersonSearchService.DefaultPageSize + 3} people";
        first.Document.QuerySelector("#results")!.TextContent.ShouldBe(expected);
        second.Document.QuerySelector("#results")!.TextContent.ShouldBe(expected);
        PeopleOn(first).Count.ShouldBe(PersonSearchService.DefaultPageSize);
        PeopleOn(second).Count.ShouldBe(3);
        PeopleOn(first).Concat(PeopleOn(second)).ShouldBe(matching, ignoreOrder: true);
        second.Document.QuerySelector(".govuk-pagination__next a").ShouldBeNull();
    }

    private static List<Guid> PeopleOn(HtmlPage results) =>
        results.Document.QuerySelectorAll("table a[href^='/People/']").Select(a => Guid.Parse(a.GetAttribute("href")!["/People/".Length..])).ToList();

    private static async Task<HtmlPage> Search(Browser browser, string query)
    {
        var form = await browser.GetAsync("/People");
        var redirect = await browser.SubmitAsync(form, ("Query", query));
        redirect.Status.ShouldBe(HttpStatusCode.Redirect);
        redirect.Location.ShouldNotBeNull().ShouldNotContain(query, Case.Insensitive, "search terms are personal data and must not be in the URL");
        return await browser.FollowAsync(redirect);
    }
}
