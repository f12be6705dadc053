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

    /// <summary>
    /// A North person (North team only) for a test, by index 0 to 13, so tests do not share people. Higher indexes reach the
    /// demo people that come with pathway demo data (NM100025 onwards).
    /// </summary>
    public static async Task<DemoPerson> NorthOnlyPersonAsync(this AppFixture app, DatabaseProvider provider, int index) =>
        (await app.AllAsync(provider)).Where(p => p.InTeam(DemoDataSeeder.NorthTeam) && !p.InTeam(DemoDataSeeder.SouthTeam)).ElementAt(index);

    /// <summary>A South person (South team only), by index.</summary>
    public static async Task<DemoPerson> SouthOnlyPersonAsync(this AppFixture app, DatabaseProvider provider, int index) =>
        (await app.AllAsync(provider)).Where(p => p.InTeam(DemoDataSeeder.SouthTeam) && !p.InTeam(DemoDataSeeder.NorthTeam)).ElementAt(index);

    public static Task<Guid> UserIdAsync(this AppFixture app, DatabaseProvider provider, string email) =>
        app.QueryAsync(provider, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>
    /// Opens an episode for the person with one open step at <paramref name="stage"/>, owned by the account given (or
    /// nobody) and due on <paramref name="due"/>. Returns the step's id.
    /// </summary>
    public static Task<Guid> OpenStepAsync(this AppFixture app, DatabaseProvider provider, Guid personId, PathwayStage stage, DateOnly due,
        string? ownerEmail = DemoAccounts.NorthNurse, DateOnly? referral = null, Guid? subjectId = null) => app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.Empty, "Test arrangement");
            var now = DateTimeOffset.UtcNow;
            var owner = ownerEmail is null ? null : await db.Users.Where(u => u.Email == ownerEmail).Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession)).SingleAsync();
            var episode = PathwayEpisode.Open(personId, referral ?? Today.AddDays(-40), "Referred by the GP", actor, now);
            foreach (var next in Path(stage))
            {
                episode.MoveTo(next, actor, now);
            }

            var step = PathwayStep.Open(episode, stage, owner, due, subjectId, actor, now);
            step.RecordPersonsPart(new PersonsPart(Participation.InPerson, null), actor, now);
            db.PathwayEpisodes.Add(episode);
            db.PathwaySteps.Add(step);
            await db.SaveChangesAsync();
            return step.Id;
        });

    /// <summary>The legal moves from referral to <paramref name="stage"/>.</summary>
    private static IEnumerable<PathwayStage> Path(PathwayStage stage)
    {
        var order = new[] { PathwayStage.Referral, PathwayStage.NeedsAssessment, PathwayStage.Eligibility, PathwayStage.IndicativeBudget, PathwayStage.SupportPlanning, PathwayStage.Approval, PathwayStage.BudgetInPlace, PathwayStage.Review };
        return order.Skip(1).TakeWhile(s => s <= stage && stage != PathwayStage.Referral);
    }

    /// <summary>The person's steps, oldest first.</summary>
    public static Task<List<PathwayStep>> StepsAsync(this AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, async db => (await db.PathwaySteps.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync())
            .OrderBy(s => s.OpenedAt).ThenBy(s => s.Stage).ToList());

    public static Task<List<PathwayEpisode>> EpisodesAsync(this AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, async db => (await db.PathwayEpisodes.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync())
            .OrderBy(s => s.OpenedAt).ToList());
}
