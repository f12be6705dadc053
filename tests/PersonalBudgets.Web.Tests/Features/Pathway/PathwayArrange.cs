using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Pathway;

/// <summary>Arranges pathways straight through the domain, as the North nurse would have recorded them.</summary>
public static class PathwayArrange
{
    public static DateOnly Today => PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow);

    public static Task<Guid> UserIdAsync(this AppFixture app, DatabaseProvider provider, string email) =>
        app.QueryAsync(provider, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>
    /// Opens an episode for the person with one open step at <paramref name="stage"/>, owned by the account given (or
    /// nobody) and due on <paramref name="due"/>. Returns the step's id.
    /// </summary>
    public static Task<Guid> OpenStepAsync(this AppFixture app, DatabaseProvider provider, Guid personId, PathwayStage stage, DateOnly due,
        string? ownerEmail = DemoAccounts.NorthNurse, DateOnly? referral = null, Guid? subjectId = null) =>
        app.OpenPathwayStepAsync(provider, personId, stage, due, ownerEmail, referral, subjectId);

    /// <summary>
    /// Adds an ended episode (its one step closed) to the person's history: a longer timeline without a second open
    /// episode, which the database refuses.
    /// </summary>
    public static Task<bool> EndedEpisodeAsync(this AppFixture app, DatabaseProvider provider, Guid personId, DateOnly due) =>
        app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.Empty, "Test arrangement");
            var now = DateTimeOffset.UtcNow;
            var episode = PathwayEpisode.Open(personId, Today.AddDays(-40), "Referred by the GP", actor, now);
            var step = PathwayStep.Open(episode, PathwayStage.Referral, null, due, null, actor, now);
            step.Close("Pathway ended: needs met otherwise", actor, now);
            episode.End(PathwayEndReason.NeedsMetOtherwise, null, actor, now);
            db.PathwayEpisodes.Add(episode);
            db.PathwaySteps.Add(step);
            await db.SaveChangesAsync();
            return true;
        });

    /// <summary>The person's steps, oldest first.</summary>
    public static Task<List<PathwayStep>> StepsAsync(this AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, async db => (await db.PathwaySteps.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync())
            .OrderBy(s => s.OpenedAt).ThenBy(s => s.Stage).ToList());

    public static Task<List<PathwayEpisode>> EpisodesAsync(this AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, async db => (await db.PathwayEpisodes.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync())
            .OrderBy(s => s.OpenedAt).ToList());
}
