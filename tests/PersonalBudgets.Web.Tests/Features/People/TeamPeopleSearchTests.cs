using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Projections;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

/// <summary>
/// The team read table of the people search (TeamPeopleSearch) is kept by database triggers: after every kind of change
/// it holds exactly what the join of current allocations and people gives, and the search reads it without showing
/// or counting a person twice.
/// </summary>
public sealed class TeamPeopleSearchTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record Row(Guid TeamId, Guid PersonId, string SearchName, string LegalLastName, string LegalFirstName, Guid? KeyWorkerId);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReadTable_AfterEveryKindOfChange_HoldsExactlyTheCurrentAllocations(DatabaseProvider provider)
    {
        var teams = await app.QueryAsync(provider, db => db.Teams.ToDictionaryAsync(t => t.Name, t => t.Id));
        var north = teams[DemoTeams.North];
        var south = teams[DemoTeams.South];
        await ShouldMatchTheJoin(provider);

        var person = await app.NewPerson(provider).Named("Readtable", "Keptexact" + TestData.UniqueLetters(), exact: true).CreateAsync();
        (await RowsOf(provider, person.Id)).Select(r => r.TeamId).ShouldBe([north]);
        await ShouldMatchTheJoin(provider);

        // A second team: a row for each.
        var southAllocation = await Allocate(provider, person.Id, south);
        (await RowsOf(provider, person.Id)).Select(r => r.TeamId).ShouldBe([north, south], ignoreOrder: true);
        await ShouldMatchTheJoin(provider);

        // A tracked save of the key worker, and a set-based rename: every row of the person follows.
        var worker = await app.QueryAsync(provider, db => db.Users.Where(u => u.Email == DemoAccounts.NorthNurse).Select(u => u.Id).SingleAsync());
        await app.QueryAsync(provider, async db =>
        {
            var tracked = await db.People.SingleAsync(p => p.Id == person.Id);
            tracked.RecordAllocation(worker, new Actor(Guid.Empty, "Test"), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await app.QueryAsync(provider, db => db.People.Where(p => p.Id == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LegalLastName, "Renamed").SetProperty(p => p.SearchName, "readtable renamed")));
        (await RowsOf(provider, person.Id)).ShouldAllBe(r => r.KeyWorkerId == worker && r.LegalLastName == "Renamed" && r.SearchName == "readtable renamed");
        await ShouldMatchTheJoin(provider);

        // The North allocation ends (tracked update): only South is left.
        await app.QueryAsync(provider, async db =>
        {
            var allocation = await db.TeamAllocations.SingleAsync(a => a.PersonId == person.Id && a.TeamId == north && a.EndedAt == null);
            allocation.EndedAt = DateTimeOffset.UtcNow;
            allocation.EndedByName = "Test";
            return await db.SaveChangesAsync();
        });
        (await RowsOf(provider, person.Id)).Select(r => r.TeamId).ShouldBe([south]);
        await ShouldMatchTheJoin(provider);

        // Reallocated back to North by moving the open allocation (a set-based update of its team).
        await app.QueryAsync(provider, db => db.TeamAllocations.Where(a => a.Id == southAllocation)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TeamId, north)));
        (await RowsOf(provider, person.Id)).Select(r => r.TeamId).ShouldBe([north]);
        await ShouldMatchTheJoin(provider);

        // An allocation removed outright (raw SQL), then a fresh one.
        await app.QueryAsync(provider, db => db.Database.ExecuteSqlAsync($"DELETE FROM \"TeamAllocations\" WHERE \"Id\" = {southAllocation}"));
        (await RowsOf(provider, person.Id)).ShouldBeEmpty();
        await Allocate(provider, person.Id, south);
        (await RowsOf(provider, person.Id)).Select(r => r.TeamId).ShouldBe([south]);
        await ShouldMatchTheJoin(provider);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReadTable_WrittenByTheApplication_IsRefused(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).CreateAsync();

        var added = await Should.ThrowAsync<InvalidOperationException>(() => app.QueryAsync(provider, db =>
        {
            db.TeamPeopleSearch.Add(new TeamPersonSearch());
            return db.SaveChangesAsync();
        }));
        added.Message.ShouldContain("triggers");

        await Should.ThrowAsync<InvalidOperationException>(() => app.QueryAsync(provider, async db =>
        {
            db.TeamPeopleSearch.Remove(await db.TeamPeopleSearch.FirstAsync(s => s.PersonId == person.Id));
            return await db.SaveChangesAsync();
        }));
        (await RowsOf(provider, person.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ReadTable_WhenAnAllocationAndARenameOfTheSamePersonRace_StaysExact()
    {
        const DatabaseProvider provider = DatabaseProvider.PostgreSQL;
        var south = await app.QueryAsync(provider, db => db.Teams.Where(t => t.Name == DemoTeams.South).Select(t => t.Id).SingleAsync());
        var people = new List<TestPerson>();
        for (var i = 0; i < Race.Runners; i++)
        {
            people.Add(await app.NewPerson(provider).CreateAsync());
        }

        // Each pair: one transaction allocates the person to a second team while another renames them. The first of
        // the two (allocation for half the pairs, rename for the others) stays open a moment after its write, so the
        // second writes while it is uncommitted: without the per-person lock, each trigger would miss the other's row.
        var runners = people.Select((person, i) => Task.Run(async () =>
        {
            var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Func<Task> allocate = () => app.QueryAsync(provider, async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.TeamAllocations.Add(new TeamAllocation { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = south, StartedAt = DateTimeOffset.UtcNow, StartedByName = "Test" });
                await db.SaveChangesAsync();
                written.TrySetResult();
                await Task.Delay(300);
                await transaction.CommitAsync();
                return 0;
            });
            Func<Task> rename = () => app.QueryAsync(provider, async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.People.Where(p => p.Id == person.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchName, "raced " + person.Id.ToString("N")).SetProperty(p => p.KeyWorkerId, (Guid?)null));
                written.TrySetResult();
                await Task.Delay(300);
                await transaction.CommitAsync();
                return 0;
            });
            var (first, second) = i % 2 == 0 ? (allocate, rename) : (rename, allocate);
            var firstTask = first();
            await written.Task;
            await Task.WhenAll(firstTask, second());
        })).ToList();
        await Task.WhenAll(runners);

        foreach (var person in people)
        {
            var rows = await RowsOf(provider, person.Id);
            rows.Count.ShouldBe(2);
            rows.ShouldAllBe(r => r.SearchName == "raced " + person.Id.ToString("N"));
        }

        await ShouldMatchTheJoin(provider);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_ForPeopleInTwoOfTheUsersTeams_ShowsAndCountsEachOnce(DatabaseProvider provider)
    {
        await app.QueryAsync(provider, async db =>
        {
            var nurse = await db.Users.Where(u => u.Email == DemoAccounts.NorthSocialWorker).Select(u => u.Id).SingleAsync();
            var south = await db.Teams.Where(t => t.Name == DemoTeams.South).Select(t => t.Id).SingleAsync();
            if (!await db.TeamMemberships.AnyAsync(m => m.UserId == nurse && m.TeamId == south))
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = south, UserId = nurse });
            }

            return await db.SaveChangesAsync();
        });
        var token = TestData.UniqueLetters();
        var matching = new List<Guid>();
        for (var i = 0; i < PersonSearchService.DefaultPageSize + 1; i++)
        {
            matching.Add((await app.NewPerson(provider).InTeams(DemoTeams.North, DemoTeams.South).Named("Twice", "Twoteams" + token, exact: true).CreateAsync()).Id);
        }

        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var first = await Search(browser, "twoteams" + token);
        var next = first.Document.QuerySelector(".govuk-pagination__next a").ShouldNotBeNull().GetAttribute("href")!;
        var second = await browser.GetAsync(next);

        first.Document.QuerySelector("#results")!.TextContent.ShouldBe($"{matching.Count} people");
        PeopleOn(first).Concat(PeopleOn(second)).ShouldBe(matching, ignoreOrder: true);

        // The whole list (no text) counts them once too: as many as the distinct people of the two teams.
        var everyone = await app.QueryAsync(provider, db => db.TeamAllocations
            .Where(a => a.EndedAt == null && db.Teams.Any(t => t.Id == a.TeamId && (t.Name == DemoTeams.North || t.Name == DemoTeams.South)))
            .Select(a => a.PersonId).Distinct().CountAsync());
        var list = await browser.GetAsync("/People");
        list.Document.QuerySelector("#results")!.TextContent.ShouldBe($"{everyone} people");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_WithoutAKeyWorkerOnly_LeavesOutPeopleWithOne(DatabaseProvider provider)
    {
        var token = TestData.UniqueLetters();
        var without = await app.NewPerson(provider).WithoutKeyWorker().Named("Nokey", "Keyless" + token, exact: true).CreateAsync();
        var with = await app.NewPerson(provider).WithKeyWorker(DemoAccounts.NorthNurse).Named("Haskey", "Keyless" + token, exact: true).CreateAsync();
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var all = await Search(browser, "keyless" + token);
        var form = await browser.GetAsync("/People");
        var redirect = await browser.SubmitAsync(form, ("Query", "keyless" + token), ("WithoutKeyWorker", "true"));
        var only = await browser.FollowAsync(redirect);

        PeopleOn(all).ShouldBe([with.Id, without.Id], ignoreOrder: true);
        PeopleOn(only).ShouldBe([without.Id]);
    }

    private async Task<Guid> Allocate(DatabaseProvider provider, Guid personId, Guid teamId) => await app.QueryAsync(provider, async db =>
    {
        var allocation = new TeamAllocation { Id = Guid.NewGuid(), PersonId = personId, TeamId = teamId, StartedAt = DateTimeOffset.UtcNow, StartedByName = "Test", Reason = "Arranged by a test" };
        db.TeamAllocations.Add(allocation);
        await db.SaveChangesAsync();
        return allocation.Id;
    });

    private Task<List<Row>> RowsOf(DatabaseProvider provider, Guid personId) => app.QueryAsync(provider, db => db.TeamPeopleSearch
        .Where(s => s.PersonId == personId)
        .Select(s => new Row(s.TeamId, s.PersonId, s.SearchName, s.LegalLastName, s.LegalFirstName, s.KeyWorkerId))
        .ToListAsync());

    /// <summary>The whole read table against the join it stands for (the access rule's own query).</summary>
    private async Task ShouldMatchTheJoin(DatabaseProvider provider)
    {
        var (expected, actual) = await app.QueryAsync(provider, async db =>
        {
            var expected = await db.TeamAllocations.Where(a => a.EndedAt == null)
                .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new Row(a.TeamId, p.Id, p.SearchName, p.LegalLastName, p.LegalFirstName, p.KeyWorkerId))
                .ToListAsync();
            var actual = await db.TeamPeopleSearch
                .Select(s => new Row(s.TeamId, s.PersonId, s.SearchName, s.LegalLastName, s.LegalFirstName, s.KeyWorkerId))
                .ToListAsync();
            return (expected, actual);
        });
        actual.ShouldNotBeEmpty();
        actual.OrderBy(r => r.PersonId).ThenBy(r => r.TeamId).ShouldBe(expected.OrderBy(r => r.PersonId).ThenBy(r => r.TeamId));
    }

    private static List<Guid> PeopleOn(HtmlPage results) =>
        results.Document.QuerySelectorAll("table a[href^='/People/']").Select(a => Guid.Parse(a.GetAttribute("href")!["/People/".Length..])).ToList();

    private static async Task<HtmlPage> Search(Browser browser, string query)
    {
        var form = await browser.GetAsync("/People");
        var redirect = await browser.SubmitAsync(form, ("Query", query));
        redirect.Status.ShouldBe(HttpStatusCode.Redirect);
        return await browser.FollowAsync(redirect);
    }
}
