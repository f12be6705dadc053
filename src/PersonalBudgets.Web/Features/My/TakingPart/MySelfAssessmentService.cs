using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>The person's self-assessment as they see it: the open one (being written or sent), else the last one checked.</summary>
public sealed record MySelfAssessment(SelfAssessment? Open, SelfAssessment? LastChecked)
{
    public int Revision => Open?.Revision ?? 0;
}

/// <summary>
/// The person's supported self-assessment (issue 13 item 4, ADR 0031): in their own words, for each outcome the
/// assessment records, how they manage now and what is hard, what matters to them and anything else. Saved as a draft
/// (optimistic concurrency), then sent to their worker, who gets it in My work with a due date. Always the signed-in
/// person's own record; every view and change audited with the person (or representative) as the actor; saving and
/// sending record that they took part, in writing, on the open needs assessment step.
/// </summary>
public sealed class MySelfAssessmentService(PersonalBudgetsDbContext db, MyPartService part, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "SelfAssessment";

    /// <summary>The outcomes in plain words, for the person's form (the staff pages use the regulation's words).</summary>
    public static string PlainLabel(SpecifiedOutcome outcome) => outcome switch
    {
        SpecifiedOutcome.Nutrition => "Eating and drinking",
        SpecifiedOutcome.PersonalHygiene => "Keeping clean",
        SpecifiedOutcome.ToiletNeeds => "Using the toilet",
        SpecifiedOutcome.BeingClothed => "Getting dressed",
        SpecifiedOutcome.UsingHomeSafely => "Being safe at home",
        SpecifiedOutcome.HabitableHome => "Keeping your home clean and in good order",
        SpecifiedOutcome.Relationships => "Family, friends and other people in your life",
        SpecifiedOutcome.WorkTrainingEducationVolunteering => "Work, learning or volunteering",
        SpecifiedOutcome.CommunityFacilities => "Going out: shops, buses, the doctor, things to do",
        _ => "Looking after a child",
    };

    /// <summary>The person's self-assessment. Audited.</summary>
    public async Task<MySelfAssessment> LoadAsync(Guid personId, CancellationToken ct = default)
    {
        var open = await OpenAsync(personId, tracked: false, ct);
        var last = open is null
            ? await db.SelfAssessments.AsNoTracking().Where(s => s.PersonId == personId && s.Status == SelfAssessmentStatus.Checked)
                .OrderByDescending(s => s.CheckedAt).FirstOrDefaultAsync(ct)
            : null;
        await audit.RecordAsync(AuditAction.Viewed, RecordType, (open ?? last)?.Id.ToString(), personId,
            summary: "The person viewed their self-assessment in their own area", cancellationToken: ct);
        return new MySelfAssessment(open, last);
    }

    /// <summary>
    /// Saves the person's words as a draft: a new one (revision 0) or a change to the open draft (its revision). With
    /// <paramref name="send"/>, sends it to their worker in the same save. A draft changed or sent since the form was
    /// opened is a conflict (409) that keeps the typed words on the page.
    /// </summary>
    public async Task<SelfAssessment> SaveAsync(Guid personId, IReadOnlyList<SelfAssessmentAnswerInput>? answers, string? whatMatters, string? anythingElse,
        int revision, bool send, CancellationToken ct = default)
    {
        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        var open = await OpenAsync(personId, tracked: true, ct);
        SelfAssessment saved;
        if (open is not null)
        {
            open.Change(answers, whatMatters, anythingElse, revision, actor, now);
            saved = open;
            audit.Add(AuditAction.Updated, RecordType, saved.Id.ToString(), personId, summary: "The person changed their self-assessment in their own area");
        }
        else if (revision != 0)
        {
            throw new ConflictException("my-self-assessment-gone", "Your self-assessment has changed since you opened this page. Open it again to see it");
        }
        else
        {
            saved = SelfAssessment.Write(personId, answers, whatMatters, anythingElse, actor, now);
            db.SelfAssessments.Add(saved);
            audit.Add(AuditAction.Created, RecordType, saved.Id.ToString(), personId, summary: "The person started their self-assessment in their own area");
        }

        if (send)
        {
            await SendTrackedAsync(saved, personId, saved.Revision, actor, now, ct);
        }

        await part.TookPartAsync(personId, PathwayStage.NeedsAssessment, actor, now, ct);
        await SaveAsync(personId, ct);
        return saved;
    }

    /// <summary>Sends the open draft, as it is, to the person's worker (the API's send). A second send is a conflict.</summary>
    public async Task<SelfAssessment> SendAsync(Guid personId, int revision, CancellationToken ct = default)
    {
        var open = await OpenAsync(personId, tracked: true, ct)
            ?? throw new DomainException("my-self-assessment-none", "Write your answers before you send them", "Revision");
        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        await SendTrackedAsync(open, personId, revision, actor, now, ct);
        await part.TookPartAsync(personId, PathwayStage.NeedsAssessment, actor, now, ct);
        await SaveAsync(personId, ct);
        return open;
    }

    private async Task SendTrackedAsync(SelfAssessment s, Guid personId, int revision, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        s.Send(await part.OwnerAsync(personId, ct), revision, actor, now);
        audit.Add(AuditAction.Updated, RecordType, s.Id.ToString(), personId, summary: "The person sent their self-assessment to their worker from their own area");
    }

    private Task SaveAsync(Guid personId, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(async (_, c) =>
            await db.SelfAssessments.AsNoTracking().Where(s => s.PersonId == personId && s.Status != SelfAssessmentStatus.Checked)
                .Select(s => new { s.UpdatedByName, s.UpdatedAt }).FirstOrDefaultAsync(c) is { } last
                ? new ConcurrencyConflictException(last.UpdatedByName, last.UpdatedAt)
                : new ConflictException(SaveChangesOrConflictExtensions.DuplicateCode, SaveChangesOrConflictExtensions.DuplicateMessage), ct);

    private Task<SelfAssessment?> OpenAsync(Guid personId, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.SelfAssessments : db.SelfAssessments.AsNoTracking();
        return query.SingleOrDefaultAsync(s => s.PersonId == personId && s.Status != SelfAssessmentStatus.Checked, ct);
    }
}
