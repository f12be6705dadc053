using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Approvals;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>
/// The read table TeamOpenApprovals, kept by triggers, holds exactly what the access join computes (open requests of
/// people currently allocated to each team) after every kind of write; the queue shows and counts a request once when
/// its person is in two of the manager's teams. In a class of its own: it compares whole tables and adds a membership.
/// </summary>
public sealed class TeamOpenApprovalsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record Row(Guid TeamId, Guid RequestId, Guid PersonId, ApprovalRoute Route, DateOnly DueDate, DateTimeOffset RequestedAt);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReadTable_IsWhatTheJoinComputes_AfterEveryKindOfChange(DatabaseProvider provider)
    {
        await ShouldBeExactAsync(provider);

        // Open: a request for a person of one team, and for a person of two.
        var north = await app.NewNorthPersonAsync(provider);
        var both = await app.NewPerson(provider).InTeams(DemoTeams.North, DemoTeams.South).CreateAsync();
        var first = await app.SubmittedPlanAsync(provider, north.Id);
        var second = await app.SubmittedPlanAsync(provider, both.Id);
        (await RowsOfAsync(provider, first.RequestId)).Count.ShouldBe(1);
        (await RowsOfAsync(provider, second.RequestId)).Count.ShouldBe(2);
        await ShouldBeExactAsync(provider);

        // Change the due date (ExecuteUpdate), the route (raw SQL), defer and then decide it.
        await app.QueryAsync(provider, db => db.ApprovalRequests.Where(r => r.Id == second.RequestId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DueDate, r => r.DueDate.AddDays(3))));
        await ShouldBeExactAsync(provider);
        await app.QueryAsync(provider, db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"ApprovalRequests\" SET \"Route\" = 'FundingPanel' WHERE \"Id\" = {second.RequestId}"));
        (await RowsOfAsync(provider, second.RequestId)).ShouldAllBe(r => r.Route == ApprovalRoute.FundingPanel);
        await ShouldBeExactAsync(provider);
        await SetOutcomeAsync(provider, second.RequestId, ApprovalOutcome.Deferred);
        (await RowsOfAsync(provider, second.RequestId)).Count.ShouldBe(2);
        await ShouldBeExactAsync(provider);
        await SetOutcomeAsync(provider, second.RequestId, ApprovalOutcome.Approved);
        (await RowsOfAsync(provider, second.RequestId)).ShouldBeEmpty();
        await ShouldBeExactAsync(provider);

        // End an allocation (a tracked save), allocate to another team, and come back to the first.
        await EndAllocationAsync(provider, north.Id, DemoTeams.North);
        (await RowsOfAsync(provider, first.RequestId)).ShouldBeEmpty();
        await ShouldBeExactAsync(provider);
        await AllocateAsync(provider, north.Id, DemoTeams.South);
        (await RowsOfAsync(provider, first.RequestId)).Count.ShouldBe(1);
        await ShouldBeExactAsync(provider);
        await AllocateAsync(provider, north.Id, DemoTeams.North);
        (await RowsOfAsync(provider, first.RequestId)).Count.ShouldBe(2);
        await ShouldBeExactAsync(provider);

        // Deleting the ended allocation leaves the current one's rows; moving a current allocation to another team (raw SQL) moves them.
        await app.QueryAsync(provider, db => db.TeamAllocations.Where(a => a.PersonId == north.Id && a.EndedAt != null).ExecuteDeleteAsync());
        (await RowsOfAsync(provider, first.RequestId)).Count.ShouldBe(2);
        await ShouldBeExactAsync(provider);
        var other = await app.NewPerson(provider).InTeams(DemoTeams.South).CreateAsync();
        var third = await app.SubmittedPlanAsync(provider, other.Id, authorEmail: DemoAccounts.SouthOt);
        var northId = await TeamIdAsync(provider, DemoTeams.North);
        await app.QueryAsync(provider, db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"TeamAllocations\" SET \"TeamId\" = {northId} WHERE \"PersonId\" = {other.Id}"));
        (await RowsOfAsync(provider, third.RequestId)).ShouldHaveSingleItem().TeamId.ShouldBe(northId);
        await ShouldBeExactAsync(provider);

        // Deleting a current allocation removes its rows.
        await app.QueryAsync(provider, db => db.TeamAllocations.Where(a => a.PersonId == other.Id).ExecuteDeleteAsync());
        (await RowsOfAsync(provider, third.RequestId)).ShouldBeEmpty();
        await ShouldBeExactAsync(provider);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Queue_APersonInTwoOfTheManagersTeams_IsShownAndCountedOnce(DatabaseProvider provider)
    {
        // The North manager also manages South here (this class's own database).
        await app.QueryAsync(provider, async db =>
        {
            var manager = await db.Users.Where(u => u.Email == DemoAccounts.NorthManager).Select(u => u.Id).SingleAsync();
            var south = await TeamIdAsync(db, DemoTeams.South);
            if (!await db.TeamMemberships.AnyAsync(m => m.UserId == manager && m.TeamId == south))
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = south, UserId = manager });
                await db.SaveChangesAsync();
            }

            return true;
        });
        var both = new List<Guid>();
        for (var i = 0; i < ApprovalService.PageSize + 1; i++)
        {
            var person = await app.NewPerson(provider).InTeams(DemoTeams.North, DemoTeams.South).CreateAsync();
            both.Add((await app.SubmittedPlanAsync(provider, person.Id, route: ApprovalRoute.TeamManager)).RequestId);
        }

        var southOnly = await app.SubmittedPlanAsync(provider, (await app.NewSouthPersonAsync(provider)).Id, authorEmail: DemoAccounts.SouthOt, route: ApprovalRoute.TeamManager);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var first = await QueueAsync(manager, 1);
        var total = first.GetProperty("totalCount").GetInt32();
        var expected = await app.QueryAsync(provider, async db =>
        {
            var manager = await db.Users.Where(u => u.Email == DemoAccounts.NorthManager).Select(u => u.Id).SingleAsync();
            var teams = db.TeamMemberships.Where(m => m.UserId == manager).Select(m => m.TeamId);
            return await db.ApprovalRequests.CountAsync(r => (r.Outcome == null || r.Outcome == ApprovalOutcome.Deferred) && r.Route == ApprovalRoute.TeamManager
                && db.TeamAllocations.Any(a => a.PersonId == r.PersonId && a.EndedAt == null && teams.Contains(a.TeamId)));
        });
        total.ShouldBe(expected);
        var shown = new List<Guid>();
        for (var page = 1; page <= first.GetProperty("totalPages").GetInt32(); page++)
        {
            shown.AddRange((await QueueAsync(manager, page)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }

        shown.Count.ShouldBe(total);
        shown.Distinct().Count().ShouldBe(total);
        both.ShouldBeSubsetOf(shown);
        shown.ShouldContain(southOnly.RequestId);

        var html = await manager.GetAsync("/Approvals");
        html.Status.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// Twenty pairs at once, each an allocation and a request of one person in two transactions that overlap: the first
    /// writes and stays open a while, the second writes meanwhile. Half hold an allocation open while the request is
    /// submitted; half hold a change of the request's due date open while the allocation is made. Without the person's
    /// lock in the triggers each second writer reads the other table before the first commits, and the row is lost or stale.
    /// </summary>
    [Fact]
    public async Task ReadTable_StaysExact_WhenAnAllocationAndARequestOfOnePersonAreWrittenAtOnce()
    {
        const DatabaseProvider provider = DatabaseProvider.PostgreSQL;
        var northId = await TeamIdAsync(provider, DemoTeams.North);
        var pairs = new List<(Guid Person, Guid? Request)>();
        for (var i = 0; i < Race.Runners; i++)
        {
            var person = (await app.NewPerson(provider).InTeams().CreateAsync()).Id;
            pairs.Add((person, i % 2 == 0 ? null : (await app.SubmittedPlanAsync(provider, person)).RequestId));
        }

        var held = TimeSpan.FromMilliseconds(600);
        var meanwhile = TimeSpan.FromMilliseconds(200);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = pairs.SelectMany(pair => pair.Request is not { } request
            ? new[]
            {
                Task.Run(async () =>
                {
                    await gate.Task;
                    await app.QueryAsync(provider, async db =>
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync();
                        db.TeamAllocations.Add(NewAllocation(pair.Person, northId));
                        await db.SaveChangesAsync();
                        await Task.Delay(held);
                        await transaction.CommitAsync();
                        return true;
                    });
                }),
                Task.Run(async () =>
                {
                    await gate.Task;
                    await Task.Delay(meanwhile);
                    await app.SubmittedPlanAsync(provider, pair.Person);
                }),
            }
            : new[]
            {
                Task.Run(async () =>
                {
                    await gate.Task;
                    await app.QueryAsync(provider, async db =>
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync();
                        await db.ApprovalRequests.Where(r => r.Id == request).ExecuteUpdateAsync(s => s.SetProperty(r => r.DueDate, r => r.DueDate.AddDays(1)));
                        await Task.Delay(held);
                        await transaction.CommitAsync();
                        return true;
                    });
                }),
                Task.Run(async () =>
                {
                    await gate.Task;
                    await Task.Delay(meanwhile);
                    await app.QueryAsync(provider, db =>
                    {
                        db.TeamAllocations.Add(NewAllocation(pair.Person, northId));
                        return db.SaveChangesAsync();
                    });
                }),
            }).ToList();
        gate.SetResult();
        await Task.WhenAll(writes);

        foreach (var (person, _) in pairs)
        {
            (await app.QueryAsync(provider, db => db.TeamOpenApprovals.CountAsync(t => t.PersonId == person))).ShouldBe(1);
        }

        await ShouldBeExactAsync(provider);
    }

    private static TeamAllocation NewAllocation(Guid personId, Guid teamId) => new()
    {
        Id = Guid.NewGuid(), PersonId = personId, TeamId = teamId, StartedAt = DateTimeOffset.UtcNow, StartedByName = "Test arrangement", Reason = "A race",
    };

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReadTable_CannotBeWrittenByTheApplication(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var request = await app.SubmittedPlanAsync(provider, person.Id);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => app.QueryAsync(provider, async db =>
        {
            var row = await db.TeamOpenApprovals.SingleAsync(t => t.RequestId == request.RequestId);
            db.TeamOpenApprovals.Remove(row);
            return await db.SaveChangesAsync();
        }));

        refused.Message.ShouldContain("TeamOpenApprovals");
        (await RowsOfAsync(provider, request.RequestId)).Count.ShouldBe(1);
    }

    /// <summary>The read table equals the access join over the whole database, row for row.</summary>
    private async Task ShouldBeExactAsync(DatabaseProvider provider)
    {
        var (table, join) = await app.QueryAsync(provider, async db =>
        {
            var table = await db.TeamOpenApprovals.AsNoTracking()
                .Select(t => new Row(t.TeamId, t.RequestId, t.PersonId, t.Route, t.DueDate, t.RequestedAt)).ToListAsync();
            var join = await db.ApprovalRequests.AsNoTracking()
                .Where(r => r.Outcome == null || r.Outcome == ApprovalOutcome.Deferred)
                .Join(db.TeamAllocations.Where(a => a.EndedAt == null), r => r.PersonId, a => a.PersonId,
                    (r, a) => new Row(a.TeamId, r.Id, r.PersonId, r.Route, r.DueDate, r.RequestedAt))
                .ToListAsync();
            return (table, join);
        });
        table.Count.ShouldBe(table.Distinct().Count());
        table.OrderBy(r => r.TeamId).ThenBy(r => r.RequestId).ToList()
            .ShouldBe(join.Distinct().OrderBy(r => r.TeamId).ThenBy(r => r.RequestId).ToList());
    }

    private Task<List<Row>> RowsOfAsync(DatabaseProvider provider, Guid requestId) => app.QueryAsync(provider, db => db.TeamOpenApprovals.AsNoTracking()
        .Where(t => t.RequestId == requestId).Select(t => new Row(t.TeamId, t.RequestId, t.PersonId, t.Route, t.DueDate, t.RequestedAt)).ToListAsync());

    private Task<int> SetOutcomeAsync(DatabaseProvider provider, Guid requestId, ApprovalOutcome outcome) => app.QueryAsync(provider, db =>
        db.ApprovalRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, outcome)));

    private Task<Guid> TeamIdAsync(DatabaseProvider provider, string team) => app.QueryAsync(provider, db => TeamIdAsync(db, team));

    private static Task<Guid> TeamIdAsync(PersonalBudgetsDbContext db, string team) => db.Teams.Where(t => t.Name == team).Select(t => t.Id).SingleAsync();

    private Task<int> EndAllocationAsync(DatabaseProvider provider, Guid personId, string team) => app.QueryAsync(provider, async db =>
    {
        var teamId = await TeamIdAsync(db, team);
        var allocation = await db.TeamAllocations.SingleAsync(a => a.PersonId == personId && a.TeamId == teamId && a.EndedAt == null);
        allocation.EndedAt = DateTimeOffset.UtcNow;
        allocation.EndedByName = "Test arrangement";
        return await db.SaveChangesAsync();
    });

    private Task<int> AllocateAsync(DatabaseProvider provider, Guid personId, string team) => app.QueryAsync(provider, async db =>
    {
        db.TeamAllocations.Add(new TeamAllocation
        {
            Id = Guid.NewGuid(), PersonId = personId, TeamId = await TeamIdAsync(db, team), StartedAt = DateTimeOffset.UtcNow, StartedByName = "Test arrangement", Reason = "A test",
        });
        return await db.SaveChangesAsync();
    });

    private static async Task<JsonElement> QueueAsync(Browser browser, int page)
    {
        using var response = await browser.Http.GetAsync($"/api/v1/approvals?page={page}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("teamManager").Clone();
    }
}
