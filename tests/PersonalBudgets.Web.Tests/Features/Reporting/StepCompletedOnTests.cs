using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data.Reporting;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>
/// The UK day a step was completed (<c>PathwaySteps.CompletedOn</c>), on both databases: the migration's backfill of steps
/// completed before the column existed, either side of UK midnight in winter and summer time and of the clock changes;
/// and the dashboard's count of steps due in the period that were done late, which compares it with the due day.
/// </summary>
public sealed class StepCompletedOnTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Completion instants and the UK day each fell on, worked out by hand.</summary>
    private static readonly (DateTimeOffset At, DateOnly UkDay)[] Instants =
    [
        (new(2026, 3, 28, 23, 30, 0, TimeSpan.Zero), new(2026, 3, 28)), // winter: UK time is UTC
        (new(2026, 3, 29, 0, 59, 59, TimeSpan.Zero), new(2026, 3, 29)), // the second before the clocks go forward
        (new(2026, 3, 29, 23, 30, 0, TimeSpan.Zero), new(2026, 3, 30)), // summer: 00:30 BST the next day
        (new(2026, 6, 30, 22, 59, 59, TimeSpan.Zero), new(2026, 6, 30)),
        (new(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), new(2026, 7, 1)), // midnight BST
        (new(2026, 10, 24, 23, 30, 0, TimeSpan.Zero), new(2026, 10, 25)),
        (new(2026, 10, 25, 0, 59, 59, TimeSpan.Zero), new(2026, 10, 25)), // 01:59:59 BST, just before the clocks go back
        (new(2026, 10, 25, 23, 30, 0, TimeSpan.Zero), new(2026, 10, 25)), // winter again
        (new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero), new(2026, 12, 31)),
        (new(2026, 7, 1, 0, 30, 0, TimeSpan.FromHours(1)), new(2026, 7, 1)), // recorded with an offset: 23:30 UTC on 30 June
        (new(2026, 1, 1, 20, 0, 0, TimeSpan.FromHours(-5)), new(2026, 1, 2)), // 01:00 UTC on 2 January
    ];

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Backfill_GivesTheUkDayOfEachCompletion(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ids = await app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.Empty, "Test arrangement");
            var episode = PathwayEpisode.Open(person.Id, new DateOnly(2026, 1, 1), "Referred by the GP", actor, Instants[0].At);
            db.PathwayEpisodes.Add(episode);
            var steps = Instants.Select(i =>
            {
                // SQLite keeps the offset an instant was recorded with (in the binary form the backfill reads); PostgreSQL takes UTC only.
                var at = provider == DatabaseProvider.PostgreSQL ? i.At.ToUniversalTime() : i.At;
                var step = PathwayStep.Open(episode, PathwayStage.Referral, null, i.UkDay, null, actor, at);
                step.Close("Closed for the test", actor, at);
                return step;
            }).ToList();
            db.PathwaySteps.AddRange(steps);
            await db.SaveChangesAsync(Ct);
            // As steps completed before the column existed.
            var stepIds = steps.Select(s => s.Id).ToList();
            await db.PathwaySteps.Where(s => stepIds.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.CompletedOn, (DateOnly?)null), Ct);
            return stepIds;
        });

        await app.QueryAsync(provider, db => db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSQL ? StepCompletedOnSql.PostgreSql : StepCompletedOnSql.Sqlite, Ct));

        var filled = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.CompletedOn }).ToListAsync(Ct));
        for (var i = 0; i < Instants.Length; i++)
        {
            filled.Single(s => s.Id == ids[i]).CompletedOn.ShouldBe(Instants[i].UkDay, $"completed at {Instants[i].At:O}");
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Dashboard_CountsStepsDoneAfterTheirDueUkDay_AsLate(DatabaseProvider provider)
    {
        var name = "Lateness team " + TestData.UniqueLetters();
        var teamId = await app.QueryAsync(provider, async db =>
        {
            var team = new Team { Id = Guid.NewGuid(), Name = name };
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
            return team.Id;
        });
        var person = await app.NewPerson(provider).InTeams(name).CreateAsync();
        var due = PathwayArrange.Today.AddDays(-10);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        DateTimeOffset Uk(DateOnly day, int hour, int minute)
        {
            var local = day.ToDateTime(new TimeOnly(hour, minute));
            return new DateTimeOffset(local, london.GetUtcOffset(local));
        }

        await app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.Empty, "Test arrangement");
            var episode = PathwayEpisode.Open(person.Id, due.AddDays(-30), "Referred by the GP", actor, Uk(due.AddDays(-30), 9, 0));
            db.PathwayEpisodes.Add(episode);
            PathwayStep Step(DateTimeOffset? doneAt)
            {
                var step = PathwayStep.Open(episode, PathwayStage.Referral, null, due, null, actor, Uk(due.AddDays(-20), 9, 0));
                if (doneAt is { } at)
                {
                    step.Close("Done", actor, at);
                }

                return step;
            }

            db.PathwaySteps.AddRange(
                Step(Uk(due.AddDays(-1), 12, 0)), // early
                Step(Uk(due, 23, 30)), // on the due day, late in the evening: on time
                Step(Uk(due.AddDays(1), 0, 30)), // half past midnight the next day: late
                Step(null)); // still open: late
            await db.SaveChangesAsync(Ct);
            return true;
        });
        using var analyst = await app.SignedInAsync(provider, "analyst@northmoor.example");

        var page = await analyst.GetAsync($"/Dashboard?team={teamId}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        var row = page.Document.QuerySelectorAll("#table-ownership tbody tr").Single(r => HtmlPage.Text(r.QuerySelector("th")) == "Steps due in the period that went overdue");
        HtmlPage.Text(row.QuerySelector("td")).ShouldStartWith("2 of 4 (50%)");
    }
}
