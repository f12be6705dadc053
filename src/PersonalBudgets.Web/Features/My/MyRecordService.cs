using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.My;

/// <summary>Who has the next step, in words the person reads: a name, their job, and by when.</summary>
public sealed record MyNextStep(PathwayStage Stage, string? OwnerName, Profession? OwnerProfession, DateOnly DueDate, bool IsOverdue);

/// <summary>One thing that happened before.</summary>
public sealed record MyPastStep(PathwayStage Stage, DateTimeOffset CompletedAt, string? CompletedBy);

/// <summary>The person's own overview: where they are, who is doing what by when, how to reach the team, what happened before.</summary>
public sealed record MyOverview(
    string Name,
    PathwayStage? StageNow,
    bool PathwayEnded,
    MyNextStep? NextStep,
    string? KeyWorker,
    IReadOnlyList<string> Teams,
    TeamContact Contact,
    IReadOnlyList<MyPastStep> Before);

/// <summary>
/// What the person sees of their own record (ADR 0029). The person is always the signed-in person's own: there is no
/// person id in any route, and every query filters by the id from their cookie. Every view is audited with the
/// person as the actor.
/// </summary>
public sealed class MyRecordService(PersonalBudgetsDbContext db, AuditLog audit, IOptions<CouncilOptions> council, TimeProvider clock)
{
    public const string RecordType = "Pathway";

    public async Task<MyOverview> OverviewAsync(Guid personId, CancellationToken ct = default)
    {
        var overview = await LoadAsync(personId, ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, personId.ToString(), personId, summary: "Viewed the pathway in the person's own area", cancellationToken: ct);
        return overview;
    }

    public async Task<MyOverview> LoadAsync(Guid personId, CancellationToken ct = default)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { Name = (p.PreferredName ?? p.LegalFirstName) + " " + p.LegalLastName, p.KeyWorkerId })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Your record");
        var keyWorker = person.KeyWorkerId is { } kw
            ? await db.Users.AsNoTracking().Where(u => u.Id == kw).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        var teams = await db.TeamAllocations.AsNoTracking().Where(a => a.PersonId == personId && a.EndedAt == null)
            .Join(db.Teams, a => a.TeamId, t => t.Id, (a, t) => t.Name).OrderBy(n => n).ToListAsync(ct);
        var episode = (await db.PathwayEpisodes.AsNoTracking().Where(e => e.PersonId == personId).ToListAsync(ct))
            .OrderByDescending(e => e.EndedAt is null).ThenByDescending(e => e.OpenedAt).FirstOrDefault();
        var steps = episode is null ? [] : await db.PathwaySteps.AsNoTracking().Where(s => s.EpisodeId == episode.Id).ToListAsync(ct);
        var today = clock.UkToday();
        var open = steps.Where(s => s.CompletedAt == null).OrderBy(s => s.DueDate).FirstOrDefault();
        return new MyOverview(
            person.Name,
            episode?.Stage,
            episode?.EndedAt is not null,
            open is null ? null : new MyNextStep(open.Stage, open.OwnerName, open.OwnerProfession, open.DueDate, open.IsOverdue(today)),
            keyWorker,
            teams,
            council.Value.ContactFor(teams.FirstOrDefault()),
            steps.Where(s => s.CompletedAt != null).OrderByDescending(s => s.CompletedAt)
                .Select(s => new MyPastStep(s.Stage, s.CompletedAt!.Value, s.CompletedByName)).ToList());
    }

    /// <summary>What each stage means, in plain words (reading age about 9).</summary>
    public static string Explain(PathwayStage stage) => stage switch
    {
        PathwayStage.Referral => "We have been asked to help you. Someone will talk with you about what you need.",
        PathwayStage.NeedsAssessment => "We are finding out with you what help you need. This is called an assessment.",
        PathwayStage.Eligibility => "We are checking if the law says the council must help pay for your support.",
        PathwayStage.IndicativeBudget => "We are working out about how much money there might be for your support.",
        PathwayStage.SupportPlanning => "You and your worker are making a plan for your support.",
        PathwayStage.Approval => "Your plan has been sent to a manager or a group who say yes to plans.",
        PathwayStage.BudgetInPlace => "Your support and its money are in place.",
        PathwayStage.Review => "We are checking with you how your support is going. This is called a review.",
        PathwayStage.Ended => "This support has ended.",
        _ => "",
    };
}
