using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Projections;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>
/// The read table of the teams' open steps is kept exact by the database's triggers: after every kind of change to
/// steps and allocations, by every write path (tracked saves, ExecuteUpdate, raw SQL), it holds exactly what the join of
/// open steps and current allocations gives; the application cannot write it; and on PostgreSQL a step and an allocation
/// of the same person written at once are not missed (docs/adr/0019-team-scoped-read-tables-kept-by-triggers.md).
/// </summary>
public sealed class TeamOpenStepsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => PathwayArrange.Today;

    private static readonly Actor Tester = new(Guid.Empty, "Test arrangement");

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReadTable_MatchesTheJoin_AfterEveryKindOfChange(DatabaseProvider provider)
    {
        await ShouldMatchTheJoinAsync(provider); // the demo data, as the migration's backfill or the triggers left it

        // Open: a person of North with an unowned step, a person of both teams with an owned one.
        var north = await app.NewNorthPersonAsync(provider);
        var both = await app.NewPerson(provider).InTeams(DemoTeams.North, DemoTeams.South).CreateAsync();
        var northStep = await app.OpenStepAsync(provider, north.Id, PathwayStage.NeedsAssessment, Today.AddDays(3), ownerEmail: null);
        var bothStep = await app.OpenStepAsync(provider, both.Id, PathwayStage.SupportPlanning, Today.AddDays(-2));
        (await RowsOfAsync(provider, bothStep)).Count.ShouldBe(2);
        await ShouldMatchTheJoinAsync(provider);

        // Reassign (a tracked save through the domain).
        await app.QueryAsync(provider, async db =>
        {
            var owner = await db.Users.Where(u => u.Email == DemoAccounts.NorthSocialWorker).Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession)).SingleAsync();
            var step = await db.PathwaySteps.SingleAsync(s => s.Id == northStep);
            db.StepOwnerChanges.Add(step.AssignOwner(owner, null, null, Tester, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        (await RowsOfAsync(provider, northStep)).ShouldAllBe(r => r.OwnerName == DemoAccounts.NorthSocialWorkerName && r.OwnerProfession != null);
        await ShouldMatchTheJoinAsync(provider);

        // Change the due date (ExecuteUpdate, no entity loaded).
        await app.QueryAsync(provider, db => db.PathwaySteps.Where(s => s.Id == bothStep).ExecuteUpdateAsync(u => u.SetProperty(s => s.DueDate, Today.AddDays(9))));
        (await RowsOfAsync(provider, bothStep)).ShouldAllBe(r => r.DueDate == Today.AddDays(9));
        await ShouldMatchTheJoinAsync(provider);

        // End the allocation to North: the person of both teams stays in South's rows only.
        await app.QueryAsync(provider, async db =>
        {
            var northId = await db.Teams.Where(t => t.Name == DemoTeams.North).Select(t => t.Id).SingleAsync();
            return await db.TeamAllocations.Where(a => a.PersonId == both.Id && a.TeamId == northId && a.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.EndedAt, DateTimeOffset.UtcNow).SetProperty(a => a.EndedByName, "Test arrangement"));
        });
        (await RowsOfAsync(provider, bothStep)).Count.ShouldBe(1);
        await ShouldMatchTheJoinAsync(provider);

        // Reallocate to another team: end North and start South in one tracked save.
        await app.QueryAsync(provider, async db =>
        {
            var southId = await db.Teams.Where(t => t.Name == DemoTeams.South).Select(t => t.Id).SingleAsync();
            var current = await db.TeamAllocations.SingleAsync(a => a.PersonId == north.Id && a.EndedAt == null);
            current.EndedAt = DateTimeOffset.UtcNow;
            current.EndedByName = "Test arrangement";
            db.TeamAllocations.Add(new TeamAllocation { Id = Guid.NewGuid(), PersonId = north.Id, TeamId = southId, StartedAt = DateTimeOffset.UtcNow, StartedByName = "Test arrangement" });
            return await db.SaveChangesAsync();
        });
        var moved = await RowsOfAsync(provider, northStep);
        moved.Count.ShouldBe(1);
        await ShouldMatchTheJoinAsync(provider);

        // Allocate again to North (the person is now in two teams once more).
        await app.QueryAsync(provider, async db =>
        {
            var northId = await db.Teams.Where(t => t.Name == DemoTeams.North).Select(t => t.Id).SingleAsync();
            db.TeamAllocations.Add(new TeamAllocation { Id = Guid.NewGuid(), PersonId = north.Id, TeamId = northId, StartedAt = DateTimeOffset.UtcNow, StartedByName = "Test arrangement" });
            return await db.SaveChangesAsync();
        });
        (await RowsOfAsync(provider, northStep)).Count.ShouldBe(2);
        await ShouldMatchTheJoinAsync(provider);

        // Complete (a tracked save through the domain): the step leaves every team.
        await app.QueryAsync(provider, async db =>
        {
            var step = await db.PathwaySteps.SingleAsync(s => s.Id == northStep);
            step.Complete(null, null, Tester, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        (await RowsOfAsync(provider, northStep)).ShouldBeEmpty();
        await ShouldMatchTheJoinAsync(provider);

        // Delete an allocation, and a step (raw SQL).
        await app.QueryAsync(provider, db => db.Database.ExecuteSqlAsync($"""DELETE FROM "TeamAllocations" WHERE "PersonId" = {north.Id} AND "EndedAt" IS NULL"""));
        await app.QueryAsync(provider, db => db.Database.ExecuteSqlAsync($"""DELETE FROM "PathwaySteps" WHERE "Id" = {bothStep}"""));
        (await RowsOfAsync(provider, bothStep)).ShouldBeEmpty();
        await ShouldMatchTheJoinAsync(provider);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReadTable_RefusesWritesFromTheApplication(DatabaseProvider provider)
    {
        var refused = await app.QueryAsync(provider, async db =>
        {
            db.TeamOpenSteps.Add(new TeamOpenStep { TeamId = Guid.NewGuid(), StepId = Guid.NewGuid(), PersonId = Guid.NewGuid(), DueDate = Today });
            return await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });

        refused.Message.ShouldContain("TeamOpenSteps");
    }

    [Fact]
    public async Task ReadTable_OnPostgreSql_MissesNothing_WhenAStepAndAnAllocationOfTheSamePersonAreWrittenAtOnce()
    {
        const DatabaseProvider provider = DatabaseProvider.PostgreSQL;
        var southId = await app.QueryAsync(provider, db => db.Teams.Where(t => t.Name == DemoTeams.South).Select(t => t.Id).SingleAsync());
        var people = new List<Guid>();
        for (var i = 0; i < Race.Runners; i++)
        {
            people.Add((await app.NewNorthPersonAsync(provider)).Id);
        }

        // Each pair: one transaction allocates the person to South, the other opens a step for them. Both write, then hold
        // their transaction open a moment before committing, so each would read the other's row before it commits.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = people.SelectMany(person => new[]
        {
            Task.Run(async () =>
            {
                await gate.Task;
                await InTransactionAsync(provider, db => db.TeamAllocations.Add(new TeamAllocation
                {
                    Id = Guid.NewGuid(), PersonId = person, TeamId = southId, StartedAt = DateTimeOffset.UtcNow, StartedByName = "Test arrangement",
                }));
            }),
            Task.Run(async () =>
            {
                await gate.Task;
                await InTransactionAsync(provider, db =>
                {
                    var now = DateTimeOffset.UtcNow;
                    var episode = PathwayEpisode.Open(person, Today.AddDays(-40), "Referred by the GP", Tester, now);
                    episode.MoveTo(PathwayStage.NeedsAssessment, Tester, now);
                    db.PathwayEpisodes.Add(episode);
                    db.PathwaySteps.Add(PathwayStep.Open(episode, PathwayStage.NeedsAssessment, null, Today.AddDays(5), null, Tester, now));
                });
            }),
        }).ToList();
        gate.SetResult();
        await Task.WhenAll(writers);

        var rows = await app.QueryAsync(provider, db => db.TeamOpenSteps.AsNoTracking().Where(r => people.Contains(r.PersonId)).ToListAsync());
        rows.Count(r => r.TeamId == southId).ShouldBe(Race.Runners);
        rows.Count.ShouldBe(2 * Race.Runners);
        await ShouldMatchTheJoinAsync(provider);
    }

    private async Task InTransactionAsync(DatabaseProvider provider, Action<PersonalBudgetsDbContext> write) => await app.QueryAsync(provider, async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        write(db);
        await db.SaveChangesAsync();
        await Task.Delay(150);
        await transaction.CommitAsync();
        return true;
    });

    private Task<List<TeamOpenStep>> RowsOfAsync(DatabaseProvider provider, Guid stepId) =>
        app.QueryAsync(provider, db => db.TeamOpenSteps.AsNoTracking().Where(r => r.StepId == stepId).ToListAsync());

    /// <summary>The whole read table is exactly the join the team work page used to run: open steps of currently allocated people.</summary>
    private async Task ShouldMatchTheJoinAsync(DatabaseProvider provider)
    {
        var (table, join) = await app.QueryAsync(provider, async db => (
            await db.TeamOpenSteps.AsNoTracking()
                .Select(r => new Row(r.TeamId, r.StepId, r.PersonId, r.OwnerId, r.OwnerName, r.OwnerProfession, r.DueDate)).ToListAsync(),
            await db.PathwaySteps.AsNoTracking().Where(s => s.CompletedAt == null)
                .Join(db.TeamAllocations.Where(a => a.EndedAt == null), s => s.PersonId, a => a.PersonId,
                    (s, a) => new Row(a.TeamId, s.Id, s.PersonId, s.OwnerId, s.OwnerName, s.OwnerProfession, s.DueDate)).ToListAsync()));
        table.Count.ShouldBeGreaterThan(0);
        table.OrderBy(r => r.TeamId).ThenBy(r => r.StepId).ShouldBe(join.OrderBy(r => r.TeamId).ThenBy(r => r.StepId));
    }

    private sealed record Row(Guid TeamId, Guid StepId, Guid PersonId, Guid? OwnerId, string? OwnerName, Profession? OwnerProfession, DateOnly DueDate);
}
