using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Assessments;
using PersonalBudgets.Web.Features.My.TakingPart;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.PersonsWords;

/// <summary>The person's sent self-assessment beside their open needs assessment, for the practitioner.</summary>
public sealed record PersonsSelfAssessmentView(PersonRecord Record, SelfAssessment? SelfAssessment, Assessment? Assessment);

/// <summary>
/// The staff side of the person's self-assessment (ADR 0031): the practitioner reads what the person sent beside the
/// open needs assessment, copies the person's words for an outcome into the assessment's note (marked as the person's,
/// so who wrote what is kept) and marks it checked, which closes it. Drafts the person has not sent are theirs alone.
/// Every method checks the legitimate relationship with the person and audits.
/// </summary>
public sealed class PersonsSelfAssessmentService(PersonalBudgetsDbContext db, PersonService people, AssessmentService assessments, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The sent self-assessment waiting (else the last one checked) and the open needs assessment. Audited.</summary>
    public async Task<PersonsSelfAssessmentView> LoadAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        var sa = await SentAsync(personId, ct);
        var assessment = await OpenAssessmentAsync(personId, ct);
        await audit.RecordAsync(AuditAction.Viewed, MySelfAssessmentService.RecordType, sa?.Id.ToString(), personId,
            summary: "Viewed the person's self-assessment beside their assessment", cancellationToken: ct);
        return new PersonsSelfAssessmentView(record, sa, assessment);
    }

    /// <summary>The person's sent (waiting) self-assessment, for the staff assessment's outcome page (the caller checked access).</summary>
    public Task<SelfAssessment?> WaitingAsync(Guid personId, CancellationToken ct = default) =>
        db.SelfAssessments.AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == personId && s.Status == SelfAssessmentStatus.Sent, ct);

    /// <summary>Copies the person's words for one outcome into the open assessment's note for it, checked against the assessment's revision.</summary>
    public async Task CopyAsync(Guid personId, Guid selfAssessmentId, SpecifiedOutcome? outcome, Guid assessmentId, int assessmentRevision, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        if (outcome is not { } o || !Enum.IsDefined(o))
        {
            throw new ValidationFailedException([new Core.People.FieldError("Outcome", "Select which part of the person's words to copy")]);
        }

        var sa = await db.SelfAssessments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == selfAssessmentId && s.PersonId == personId, ct)
            ?? throw new NotFoundException("The self-assessment");
        var words = sa.NoteFor(o) ?? throw new ValidationFailedException([new Core.People.FieldError("Outcome", "The person did not write about this part")]);
        if (!await db.Assessments.AnyAsync(a => a.Id == assessmentId && a.PersonId == personId && a.Kind == AssessmentKind.Adult && a.Status == AssessmentStatus.Draft, ct))
        {
            throw new NotFoundException("The assessment");
        }

        await assessments.AddPersonsWordsAsync(assessmentId, assessmentRevision, o, words, ct);
    }

    /// <summary>Marks the self-assessment checked: the practitioner has read it and used what they need. It closes.</summary>
    public async Task CheckAsync(Guid personId, Guid selfAssessmentId, int revision, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var sa = await db.SelfAssessments.SingleOrDefaultAsync(s => s.Id == selfAssessmentId && s.PersonId == personId, ct) ?? throw new NotFoundException("The self-assessment");
        sa.MarkChecked(revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, MySelfAssessmentService.RecordType, sa.Id.ToString(), personId, summary: "Marked the person's self-assessment as checked");
        await db.SaveChangesOrConflictAsync(db.SelfAssessments.Where(s => s.Id == selfAssessmentId).Select(s => new LastChange(s.UpdatedByName, s.UpdatedAt)), ct);
    }

    private async Task<SelfAssessment?> SentAsync(Guid personId, CancellationToken ct) =>
        await WaitingAsync(personId, ct)
        ?? await db.SelfAssessments.AsNoTracking().Where(s => s.PersonId == personId && s.Status == SelfAssessmentStatus.Checked)
            .OrderByDescending(s => s.CheckedAt).FirstOrDefaultAsync(ct);

    private Task<Assessment?> OpenAssessmentAsync(Guid personId, CancellationToken ct) =>
        db.Assessments.AsNoTracking().Where(a => a.PersonId == personId && a.Kind == AssessmentKind.Adult && a.Status == AssessmentStatus.Draft)
            .OrderByDescending(a => a.StartedAt).FirstOrDefaultAsync(ct);
}
