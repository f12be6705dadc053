using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>A previous owner of a step: who handed it on, when and why.</summary>
public sealed record OwnerChangeView(string? FromOwner, string ToOwner, DateTimeOffset ChangedAt, string ChangedBy, string? Reason);

/// <summary>One step on a person's timeline.</summary>
public sealed record StepView(
    Guid Id,
    PathwayStage Stage,
    Guid? SubjectId,
    Guid? OwnerId,
    string? OwnerName,
    Profession? OwnerProfession,
    DateTimeOffset OpenedAt,
    DateOnly DueDate,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    Participation? Participation,
    string? BestInterestsConsulted,
    string? Note,
    DateTimeOffset? EscalatedAt,
    int Revision,
    IReadOnlyList<OwnerChangeView> OwnerChanges,
    bool IsOverdue)
{
    public bool IsOpen => CompletedAt is null;
}

/// <summary>An episode with its steps, newest step first.</summary>
public sealed record EpisodeView(
    Guid Id,
    PathwayStage Stage,
    DateOnly ReferralDate,
    string? ReferralNote,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset? EndedAt,
    PathwayEndReason? EndReason,
    string? EndNote,
    IReadOnlyList<StepView> Steps)
{
    public bool IsOpen => EndedAt is null;

    public StepView? OpenStep => Steps.FirstOrDefault(s => s.IsOpen);
}

/// <summary>The person's pathway page: the open (or latest) episode and the earlier ones.</summary>
public sealed record PathwayView(PersonRecord Record, EpisodeView? Current, IReadOnlyList<EpisodeView> Earlier);

/// <summary>A member of staff who can own a step.</summary>
public sealed record OwnerOption(Guid Id, string Name, Profession Profession);

/// <summary>
/// A person's pathway as a timeline, and the person-level actions on it: a referral, ending the pathway. Every view
/// and change checks the legitimate relationship and is audited against the person.
/// </summary>
public sealed class PersonPathwayService(
    PersonalBudgetsDbContext db,
    PersonService people,
    PathwayService pathway,
    AuditLog audit,
    TimeProvider clock)
{
    private DateOnly Today => clock.UkToday();

    /// <summary>The timeline, auditing the view. Two queries for the pathway, whatever its length.</summary>
    public async Task<PathwayView> ViewAsync(Guid personId, CancellationToken ct = default)
    {
        var view = await LoadAsync(personId, ct);
        await audit.RecordAsync(AuditAction.Viewed, PathwayService.RecordType, personId.ToString(), personId,
            summary: "Viewed the pathway", cancellationToken: ct);
        return view;
    }

    /// <summary>The timeline without a view entry (for re-showing a form).</summary>
    public async Task<PathwayView> LoadAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        var rows = await db.PathwaySteps.AsNoTracking()
            .Where(s => s.PersonId == personId)
            .Join(db.PathwayEpisodes, s => s.EpisodeId, e => e.Id, (s, e) => new { Step = s, Episode = e })
            .ToListAsync(ct);
        var changes = await db.StepOwnerChanges.AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(ct);
        var byStep = changes.GroupBy(c => c.StepId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.ChangedAt).ToList());
        var today = Today;
        var episodes = rows.GroupBy(r => r.Episode.Id).Select(g =>
        {
            var e = g.First().Episode;
            var steps = g.Select(r => r.Step).OrderByDescending(s => s.OpenedAt).ThenByDescending(s => s.Stage).Select(s => new StepView(
                s.Id, s.Stage, s.SubjectId, s.OwnerId, s.OwnerName, s.OwnerProfession, s.OpenedAt, s.DueDate, s.CompletedAt, s.CompletedByName,
                s.Participation, s.BestInterestsConsulted, s.Note, s.EscalatedAt, s.Revision,
                byStep.GetValueOrDefault(s.Id)?.Select(c => new OwnerChangeView(c.FromOwnerName, c.ToOwnerName, c.ChangedAt, c.ChangedByName, c.Reason)).ToList() ?? [],
                s.IsOverdue(today))).ToList();
            return new EpisodeView(e.Id, e.Stage, e.ReferralDate, e.ReferralNote, e.OpenedAt, e.OpenedByName, e.EndedAt, e.EndReason, e.EndNote, steps);
        }).OrderByDescending(e => e.IsOpen).ThenByDescending(e => e.OpenedAt).ToList();
        return new PathwayView(record, episodes.FirstOrDefault(), episodes.Skip(1).ToList());
    }

    /// <summary>Active staff of the person's current teams who plan support (practitioners and team managers, any profession).</summary>
    public async Task<IReadOnlyList<OwnerOption>> OwnerOptionsAsync(Guid personId, CancellationToken ct = default)
    {
        var teamIds = db.TeamAllocations.Where(a => a.PersonId == personId && a.EndedAt == null).Select(a => a.TeamId);
        return await OwnersInTeamsAsync(db, teamIds, ct);
    }

    /// <summary>Active members of the given teams holding a role that plans support, by name.</summary>
    internal static async Task<IReadOnlyList<OwnerOption>> OwnersInTeamsAsync(PersonalBudgetsDbContext db, IQueryable<Guid> teamIds, CancellationToken ct)
    {
        var roles = RolePermissions.RolesGranting(Permission.PlanSupport).Select(r => r.ToString()).ToList();
        var memberIds = db.TeamMemberships.Where(m => teamIds.Contains(m.TeamId)).Select(m => m.UserId);
        var plannerIds = db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => roles.Contains(x.Name!)).Select(x => x.UserId);
        var staff = await db.Users.Where(u => u.IsActive && memberIds.Contains(u.Id) && plannerIds.Contains(u.Id))
            .Select(u => new OwnerOption(u.Id, u.DisplayName, u.Profession))
            .ToListAsync(ct);
        return staff.OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Records a referral (opens a new episode). The owner must be one of the person's teams' staff.</summary>
    public async Task<PathwayStep> ReferAsync(Guid personId, DateOnly? referralDate, string? note, Participation? participation, string? consulted, Guid? ownerId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var partErrors = new List<FieldError>();
        PersonsPart.From(participation, consulted, partErrors);
        if (ownerId is { } id && (await OwnerOptionsAsync(personId, ct)).All(o => o.Id != id))
        {
            var errors = new List<FieldError>(partErrors);
            if (referralDate is null)
            {
                errors.Add(new("ReferralDate", "Enter the date of the referral"));
            }
            else if (PlausibleDates.Referral(referralDate.Value, Today) is { } referralProblem)
            {
                errors.Add(referralProblem);
            }

            errors.Add(new("OwnerId", "Select who owns the referral from the staff in the person's teams"));
            throw new ValidationFailedException(errors);
        }

        var part = partErrors.Count == 0 ? PersonsPart.From(participation, consulted, []) : null;
        return await pathway.ReferAsync(personId, referralDate, note, part, partErrors, ownerId, ct);
    }

    /// <summary>Ends the person's open pathway with a reason; how the person took part is optional here.</summary>
    public async Task<PathwayEpisode> EndAsync(Guid personId, PathwayEndReason? reason, string? note, Participation? participation, string? consulted, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        PersonsPart? part = null;
        if (participation is not null)
        {
            var errors = new List<FieldError>();
            part = PersonsPart.From(participation, consulted, errors);
            if (errors.Count > 0)
            {
                if (reason is null)
                {
                    errors.Insert(0, new FieldError("EndReason", "Select why the pathway is ending"));
                }

                throw new ValidationFailedException(errors);
            }
        }

        var episode = await pathway.EndAsync(personId, reason, note, part, ct);
        // Someone may have moved or ended the pathway between our read and our write.
        await db.SaveChangesOrConflictAsync(db.PathwayEpisodes.Where(e => e.Id == episode.Id).Select(e => new LastChange(e.UpdatedByName, e.UpdatedAt)), ct);

        return episode;
    }
}
