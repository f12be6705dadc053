using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// <see cref="OneAtATime"/>: on PostgreSQL, work under the same lock from two contexts at once runs one after the other,
/// and the second sees what the first committed (payment runs rely on it); SQLite, one writer at a time, runs it as it is.
/// </summary>
public sealed class OneAtATimeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const long LockId = 0x54_45_53_54_31; // any number the service does not use

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwoAtOnce_RunOneAfterTheOther_AndTheSecondSeesTheFirstsWrite(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = await app.FactoryAsync(provider);
        var inside = 0;
        var most = 0;
        var marker = "one-at-a-time " + Guid.NewGuid().ToString("N");
        var teamId = await app.QueryAsync(provider, db => db.Teams.Select(t => t.Id).FirstAsync(ct));

        async Task<int> RunAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
            return await db.OneAtATimeAsync(LockId, async token =>
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                // What an earlier holder committed is seen once the lock is granted.
                var before = await db.Teams.CountAsync(t => t.Description == marker, token);
                await Task.Delay(300, token);
                await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Description, marker), token);
                Interlocked.Decrement(ref inside);
                return before;
            }, ct);
        }

        var seen = await Task.WhenAll(RunAsync(), RunAsync());

        if (provider == DatabaseProvider.PostgreSQL)
        {
            most.ShouldBe(1, "the second waits for the first's lock");
            seen.Min().ShouldBe(0);
            seen.Max().ShouldBe(1, "the second sees the first's committed change");
        }
        else
        {
            seen.Length.ShouldBe(2);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
