using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Work;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>Overdue work escalates once, to the owner and the team managers of the person's teams.</summary>
public sealed class EscalationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<EscalationResult> RunOnceAsync(DatabaseProvider provider)
    {
        var factory = await app.FactoryAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EscalationService>().RunOnceAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RunOnce_NotifiesTheOwnerAndTheTeamManagerOnce_AndNotAgainOnTheNextRun(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var unownedPerson = await app.NewNorthPersonAsync(provider);
        var notDuePerson = await app.NewNorthPersonAsync(provider);
        var due = PathwayArrange.Today.AddDays(-4);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.SupportPlanning, due, DemoAccounts.NorthNurse);
        var unownedId = await app.OpenStepAsync(provider, unownedPerson.Id, PathwayStage.Referral, due, ownerEmail: null);
        var notDueId = await app.OpenStepAsync(provider, notDuePerson.Id, PathwayStage.Referral, PathwayArrange.Today, DemoAccounts.NorthNurse);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        var managerId = await app.UserIdAsync(provider, DemoAccounts.NorthManager);

        var first = await RunOnceAsync(provider);

        first.Steps.ShouldBeGreaterThanOrEqualTo(2);
        var notes = await app.QueryAsync(provider, db => db.Notifications.AsNoTracking().Where(n => n.StepId == stepId).ToListAsync());
        notes.Select(n => n.RecipientId).ShouldBe([nurseId, managerId], ignoreOrder: true);
        notes.ShouldAllBe(n => n.Message == $"Support planning for a person is overdue since {UkFormat.Date(due)}" && n.Link == $"/People/{person.Id}/Pathway");
        notes.ShouldAllBe(n => !n.Message.Contains(person.DisplayName));
        var unowned = await app.QueryAsync(provider, db => db.Notifications.AsNoTracking().Where(n => n.StepId == unownedId).ToListAsync());
        unowned.ShouldHaveSingleItem().RecipientId.ShouldBe(managerId);
        (await app.QueryAsync(provider, db => db.Notifications.AnyAsync(n => n.StepId == notDueId))).ShouldBeFalse();
        var step = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(s => s.Id == stepId));
        step.EscalatedAt.ShouldNotBeNull();
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(e => e.RecordId == stepId.ToString()).ToListAsync());
        audit.ShouldHaveSingleItem().UserName.ShouldBe("System");

        var second = await RunOnceAsync(provider);

        second.Steps.ShouldBe(0);
        (await app.QueryAsync(provider, db => db.Notifications.CountAsync(n => n.StepId == stepId))).ShouldBe(2);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(e => e.RecordId == stepId.ToString()))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RunOnce_TwoRunsAtOnce_EscalateEachStepOnlyOnce(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.Approval, PathwayArrange.Today.AddDays(-2), DemoAccounts.NorthPsychologist);

        async Task<bool> TryRunAsync()
        {
            try
            {
                await RunOnceAsync(provider);
                return true;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                // SQLite may refuse the second writer outright ("database is locked"); the service retries on its next run.
                return false;
            }
        }

        var runs = await Task.WhenAll(TryRunAsync(), TryRunAsync());
        if (!runs.All(r => r))
        {
            await RunOnceAsync(provider);
        }

        runs.ShouldContain(true);
        (await app.QueryAsync(provider, db => db.Notifications.CountAsync(n => n.StepId == stepId))).ShouldBe(2);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(e => e.RecordId == stepId.ToString()))).ShouldBe(1);
    }

    /// <summary>
    /// Another instance claims a step with the very stamp this run uses (the same microsecond) and commits while this run
    /// waits on that row: the run must not take the other's step for its own, so it gives its whole claim back.
    /// PostgreSQL only: SQLite has one writer at a time, so there the two cannot interleave.
    /// </summary>
    [Fact]
    public async Task RunOnce_AnotherInstanceClaimsWithTheSameStamp_GivesItsClaimBackRatherThanEscalateTheOthersStep()
    {
        const DatabaseProvider provider = DatabaseProvider.PostgreSQL;
        var ct = TestContext.Current.CancellationToken;
        var due = PathwayArrange.Today.AddDays(-3);
        var theirs = await app.OpenStepAsync(provider, (await app.NewNorthPersonAsync(provider)).Id, PathwayStage.Referral, due, DemoAccounts.NorthNurse);
        var ours = await app.OpenStepAsync(provider, (await app.NewNorthPersonAsync(provider)).Id, PathwayStage.Referral, due, DemoAccounts.NorthNurse);
        var factory = await app.FactoryAsync(provider);
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero));

        await using var otherScope = factory.Services.CreateAsyncScope();
        var otherDb = otherScope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
        await using var otherClaim = await otherDb.Database.BeginTransactionAsync(ct);
        await otherDb.PathwaySteps.Where(s => s.Id == theirs).ExecuteUpdateAsync(u => u.SetProperty(s => s.EscalatedAt, clock.GetUtcNow()), ct);

        await using var scope = factory.Services.CreateAsyncScope();
        var run = new EscalationService(scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>(), clock, scope.ServiceProvider.GetRequiredService<PageLinks>())
            .RunOnceAsync(ct);
        for (var wait = 0; wait < 300 && !run.IsCompleted && await LockWaitsAsync(provider) == 0; wait++)
        {
            await Task.Delay(20, ct);
        }

        (await LockWaitsAsync(provider)).ShouldBe(1, "the run waits on the row the other instance claimed");
        await otherClaim.CommitAsync(ct);
        var result = await run;

        result.ShouldBe(new EscalationResult(0, 0) { Retry = true });
        (await app.QueryAsync(provider, db => db.Notifications.CountAsync(n => n.StepId == theirs || n.StepId == ours, ct))).ShouldBe(0);
        (await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(s => s.Id == ours, ct))).EscalatedAt.ShouldBeNull("given back");

        clock.Advance(TimeSpan.FromSeconds(1));
        await using var nextScope = factory.Services.CreateAsyncScope();
        var next = await new EscalationService(nextScope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>(), clock, nextScope.ServiceProvider.GetRequiredService<PageLinks>())
            .RunOnceAsync(ct);

        next.Retry.ShouldBeFalse();
        (await app.QueryAsync(provider, db => db.Notifications.CountAsync(n => n.StepId == ours, ct))).ShouldBeGreaterThan(0);
        (await app.QueryAsync(provider, db => db.Notifications.CountAsync(n => n.StepId == theirs, ct))).ShouldBe(0, "the other instance notifies for its own claim");
    }

    private Task<int> LockWaitsAsync(DatabaseProvider provider) => app.QueryAsync(provider, db => db.Database
        .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
        .SingleAsync());

    [Fact]
    public async Task BackgroundService_RunsEveryIntervalOnTheInjectedClock_AndKeepsGoingAfterAFailure()
    {
        var attempts = 0;
        var services = new ServiceCollection();
        services.AddScoped<EscalationService>(_ =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("The database is down");
        });
        await using var provider = services.BuildServiceProvider();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [EscalationBackgroundService.IntervalKey] = "5" }).Build();
        using var service = new EscalationBackgroundService(provider.GetRequiredService<IServiceScopeFactory>(), configuration, clock, NullLogger<EscalationBackgroundService>.Instance);
        var ct = TestContext.Current.CancellationToken;

        await service.StartAsync(ct);
        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(100, ct);
        attempts.ShouldBe(0);
        for (var expected = 1; expected <= 2; expected++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            for (var wait = 0; wait < 100 && Volatile.Read(ref attempts) < expected; wait++)
            {
                await Task.Delay(20, ct);
            }

            Volatile.Read(ref attempts).ShouldBe(expected);
        }

        service.ExecuteTask.ShouldNotBeNull().IsFaulted.ShouldBeFalse();
        await service.StopAsync(ct);
    }
}
