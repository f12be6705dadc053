using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Carers;

/// <summary>An eligible carer's assessment, and whether the carer's own pathway can start from it.</summary>
public sealed record CarerPathwayView(PersonRecord CaredFor, Assessment Assessment, EligibilityDetermination? Determination)
{
    /// <summary>Why the carer's own pathway cannot start from this assessment, or null when it can.</summary>
    public string? CannotStart => Assessment.Kind != AssessmentKind.Carer
        ? "Only a carer's assessment starts a carer's pathway"
        : Assessment.Status != AssessmentStatus.Completed
            ? "The carer's assessment must be completed, and its eligibility decided, first"
            : Determination is null
                ? "Decide the carer's eligibility first"
                : !Determination.Eligible
                    ? "The carer's needs were found not eligible: the written record gives them advice and information instead"
                    : Assessment.CarerPersonId is not null
                        ? "The carer's own pathway has already been started"
                        : null;
}

/// <summary>A carer with a record of their own, as the record of the person they care for lists them.</summary>
/// <param name="MayView">Whether the current user may open the carer's record; only then are its link and stage shown.</param>
public sealed record CarerListing(Guid Id, string Name, string? Relationship, PathwayStage? Stage, bool MayView);

/// <summary>
/// The carer's route to a personal budget (ADR 21): an eligible carer gets a record of their own, linked to the
/// person they care for and seen by that person's teams, and a pathway on it that starts at the indicative budget.
/// From there the same indicative budget, plan, approval, personal budget and review work as everyone's applies.
/// </summary>
public sealed class CarerPathwayService(
    PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock, PathwayService pathway, RecordAccessService access)
{
    /// <summary>
    /// The carers of a person who have records of their own, with the stage of each one's pathway. The caller has
    /// checked access to the person; each carer the user may see is audited as viewed (listed), as any list of people is.
    /// </summary>
    public async Task<IReadOnlyList<CarerListing>> CarersOfAsync(Guid personId, CancellationToken ct = default)
    {
        var carers = await db.People.AsNoTracking().Where(p => p.CaresForPersonId == personId)
            .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName })
            .ToListAsync(ct);
        if (carers.Count == 0)
        {
            return [];
        }

        var ids = carers.Select(c => c.Id).ToList();
        var relationships = await db.Assessments.AsNoTracking().IgnoreAutoIncludes()
            .Where(a => a.CarerPersonId != null && ids.Contains(a.CarerPersonId.Value))
            .Select(a => new { CarerId = a.CarerPersonId!.Value, a.CarerRelationship, a.StartedAt })
            .ToListAsync(ct);
        var stages = await db.PathwayEpisodes.AsNoTracking().Where(e => ids.Contains(e.PersonId) && e.EndedAt == null)
            .Select(e => new { e.PersonId, e.Stage, e.OpenedAt })
            .ToListAsync(ct);
        var list = new List<CarerListing>();
        foreach (var c in carers.OrderBy(c => c.LegalLastName).ThenBy(c => c.LegalFirstName))
        {
            var mayView = await access.RouteAsync(c.Id, ct) is not null;
            var name = string.IsNullOrWhiteSpace(c.PreferredName) ? $"{c.LegalFirstName} {c.LegalLastName}" : $"{c.PreferredName} {c.LegalLastName}";
            var relationship = relationships.Where(r => r.CarerId == c.Id).OrderByDescending(r => r.StartedAt).Select(r => r.CarerRelationship).FirstOrDefault();
            var stage = stages.Where(s => s.PersonId == c.Id).OrderByDescending(s => s.OpenedAt).Select(s => (PathwayStage?)s.Stage).FirstOrDefault();
            list.Add(new CarerListing(c.Id, name, relationship, mayView ? stage : null, mayView));
            if (mayView)
            {
                audit.Add(AuditAction.Viewed, "Person", c.Id.ToString(), c.Id, summary: "Listed among the carers on the record of the person they care for");
            }
        }

        await db.SaveChangesAsync(ct);
        return list;
    }

    public async Task<CarerPathwayView> LoadAsync(Guid assessmentId, CancellationToken ct = default)
    {
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, ct) ?? throw new NotFoundException("The assessment");
        var caredFor = await people.LoadForEditAsync(assessment.PersonId, ct);
        var determination = await db.EligibilityDeterminations.AsNoTracking().SingleOrDefaultAsync(d => d.AssessmentId == assessmentId, ct);
        return new CarerPathwayView(caredFor, assessment, determination);
    }

    /// <summary>Creates the carer's record and starts their pathway; returns the carer's record.</summary>
    public async Task<Person> StartAsync(Guid assessmentId, PersonDetails input, CancellationToken ct = default)
    {
        var view = await LoadAsync(assessmentId, ct);
        if (view.CannotStart is { } why)
        {
            throw view.Assessment.CarerPersonId is not null
                ? new ConflictException("carer-pathway-already-started", why)
                : new DomainException("carer-pathway-cannot-start", why);
        }

        var errors = await people.CheckAsync(input, null, ct);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var (details, _) = PersonDetailsRules.Validate(input, clock.UkToday());
        var now = clock.GetUtcNow();
        var actor = currentUser.Actor;
        var caredFor = view.CaredFor.Person;
        var carer = Person.CreateCarer(Guid.NewGuid(), details, caredFor.Id, caredFor.KeyWorkerId, actor, now);
        db.People.Add(carer);
        foreach (var team in view.CaredFor.Teams)
        {
            db.TeamAllocations.Add(new TeamAllocation
            {
                Id = Guid.NewGuid(), PersonId = carer.Id, TeamId = team.Id, StartedAt = now, StartedByName = actor.DisplayName,
                Reason = "Carer of a person the team works with",
            });
        }

        var assessment = await db.Assessments.SingleAsync(a => a.Id == assessmentId, ct);
        assessment.StartCarerPathway(carer.Id, view.Determination!.Eligible, currentUser.Id, actor, now);
        audit.Add(AuditAction.Created, "Person", carer.Id.ToString(), carer.Id,
            PersonDetailsRules.Compare(new PersonDetails(), details), summary: "Carer's record created from an eligible carer's assessment, linked to the person they care for");
        audit.Add(AuditAction.Updated, "Assessment", assessment.Id.ToString(), caredFor.Id,
            summary: "The carer's own pathway was started from this carer's assessment");
        await pathway.ApplyEventsAsync(ct);
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(
            new ConflictException("carer-pathway-already-started", "The carer's own pathway has just been started by someone else, or the identifier is already in use")), ct);
        return carer;
    }
}
