using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>
/// What the rules say before the practitioner's wellbeing judgement: the conditions that do not depend on it, and
/// whether the person would be eligible if the judgement is that there is a significant impact.
/// </summary>
public sealed record ProvisionalOutcome(IReadOnlyList<EligibilityReason> Conditions, bool EligibleIfSignificantImpact);

/// <summary>A completed or draft assessment with its eligibility decision, if there is one, and the offers made at eligibility.</summary>
public sealed record EligibilityView(
    PersonRecord Record,
    Assessment Assessment,
    EligibilityDetermination? Determination,
    ProvisionalOutcome? Provisional,
    IReadOnlyList<OfferView> Offers);

/// <summary>The s13 written record: the decision, the assessment it rests on, and the person it is for.</summary>
public sealed record WrittenRecordView(Person Person, Assessment Assessment, EligibilityDetermination Determination, IReadOnlyList<TeamRef> Teams);

/// <summary>
/// Eligibility determinations (reg 2 for adults, reg 3 for carers): the rules decide from the recorded facts, the
/// practitioner confirms with their wellbeing judgement. Every view and decision is audited against the person.
/// </summary>
public sealed class EligibilityService(
    PersonalBudgetsDbContext db,
    PersonService people,
    OfferService offers,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock,
    PathwayService pathway,
    RecordAccessService access)
{
    public const string RecordType = "Eligibility";

    /// <summary>The condition both rules name for the practitioner's judgement; every other condition follows from the facts.</summary>
    private const string WellbeingCondition = "Significant impact on wellbeing";

    /// <summary>The assessment and its decision for the eligibility page, auditing the view.</summary>
    public async Task<EligibilityView> ViewAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var view = await LoadAsync(assessmentId, cancellationToken);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, assessmentId.ToString(), view.Assessment.PersonId,
            summary: "Viewed the eligibility decision", cancellationToken: cancellationToken);
        return view;
    }

    /// <summary>The same, without a view entry: for re-showing a form after an error (the attempt is not a new view).</summary>
    public async Task<EligibilityView> LoadAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var assessment = await FindAssessmentAsync(assessmentId, cancellationToken);
        var record = await people.LoadForEditAsync(assessment.PersonId, cancellationToken);
        var determination = await db.EligibilityDeterminations.AsNoTracking().SingleOrDefaultAsync(d => d.AssessmentId == assessmentId, cancellationToken);
        var provisional = determination is null && assessment.Status == AssessmentStatus.Completed ? Provisional(assessment) : null;
        var offered = (await offers.ListForPersonAsync(assessment.PersonId, cancellationToken)).AsEnumerable();
        if (assessment.CarerPersonId is { } carerId && await access.RouteAsync(carerId, cancellationToken) is not null)
        {
            // Once the carer has a record of their own, the offer made to them is kept there (ADR 25).
            offered = offered.Concat(await offers.ListForPersonAsync(carerId, cancellationToken)).OrderByDescending(o => o.RecordedAt);
        }

        var offersAtEligibility = offered.Where(o => o.AssessmentId == assessmentId).ToList();
        return new EligibilityView(record, assessment, determination, provisional, offersAtEligibility);
    }

    /// <summary>The decision for an assessment; 404 when it has not been decided. Audited as a view.</summary>
    public async Task<(Assessment Assessment, EligibilityDetermination Determination)> GetAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var assessment = await FindAssessmentAsync(assessmentId, cancellationToken);
        var determination = await db.EligibilityDeterminations.AsNoTracking().SingleOrDefaultAsync(d => d.AssessmentId == assessmentId, cancellationToken)
            ?? throw new NotFoundException("The eligibility decision");
        await audit.RecordAsync(AuditAction.Viewed, RecordType, determination.Id.ToString(), assessment.PersonId,
            summary: "Viewed the eligibility decision", cancellationToken: cancellationToken);
        return (assessment, determination);
    }

    /// <summary>The written record (s13) for the person or carer. Audited: the record holds personal data.</summary>
    public async Task<WrittenRecordView> WrittenRecordAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var assessment = await FindAssessmentAsync(assessmentId, cancellationToken);
        var determination = await db.EligibilityDeterminations.AsNoTracking().SingleOrDefaultAsync(d => d.AssessmentId == assessmentId, cancellationToken)
            ?? throw new NotFoundException("The written record of the eligibility decision");
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == assessment.PersonId, cancellationToken);
        var teams = await db.TeamAllocations.Where(a => a.PersonId == person.Id && a.EndedAt == null)
            .Join(db.Teams, a => a.TeamId, t => t.Id, (a, t) => t)
            .OrderBy(t => t.Name)
            .Select(t => new TeamRef(t.Id, t.Name))
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, determination.Id.ToString(), person.Id,
            summary: "Viewed the written record of the eligibility decision", cancellationToken: cancellationToken);
        return new WrittenRecordView(person, assessment, determination, teams);
    }

    /// <summary>
    /// Decides with the rules and records the practitioner's confirmation. Refuses drafts, a second decision for the
    /// same assessment (409), a missing judgement or reason, and a "not eligible" decision without advice.
    /// </summary>
    public async Task<(Assessment Assessment, EligibilityDetermination Determination)> ConfirmAsync(Guid assessmentId, bool? significantImpact, string? impactReason, string? advice, bool confirmedDespiteNoAreaAffected = false, CancellationToken cancellationToken = default)
    {
        var assessment = await FindAssessmentAsync(assessmentId, cancellationToken);
        await EnsureNotDecidedAsync(assessmentId, cancellationToken);

        EligibilityDetermination determination;
        try
        {
            determination = EligibilityDetermination.Confirm(assessment, significantImpact, impactReason, advice, currentUser.Actor, clock.GetUtcNow(), confirmedDespiteNoAreaAffected);
        }
        catch (ValidationFailedException ex) when (string.IsNullOrWhiteSpace(advice) && ex.Errors.All(e => e.Field != "Advice")
            && assessment.Status == AssessmentStatus.Completed && !Provisional(assessment).EligibleIfSignificantImpact)
        {
            // The judgement is missing, but the person cannot be eligible whatever it is: say now that advice is needed too.
            throw new ValidationFailedException([.. ex.Errors, new FieldError("Advice", "Enter the advice and information given on preventing or reducing needs")]);
        }

        db.EligibilityDeterminations.Add(determination);
        audit.Add(AuditAction.Created, RecordType, determination.Id.ToString(), assessment.PersonId,
            summary: $"Eligibility decided: {(determination.Eligible ? "eligible" : "not eligible")} ({assessment.Kind.Label().ToLowerInvariant()})"
                + (determination.ConfirmedImpactDespiteNoAreaAffected == true ? "; a significant impact on wellbeing confirmed although every wellbeing area was recorded as no impact" : ""),
            reason: determination.SignificantImpactReason);
        // An adult's decision moves their pathway in the same save: eligible opens the indicative budget; not eligible ends it.
        await pathway.ApplyEventsAsync(cancellationToken);
        // The unique index on the assessment catches a decision saved by someone else at the same moment.
        await db.SaveChangesOrConflictAsync(async (_, c) =>
        {
            await EnsureNotDecidedAsync(assessmentId, c);
            return new ConflictException("duplicate", SaveChangesOrConflictExtensions.DuplicateMessage);
        }, cancellationToken);

        return (assessment, determination);
    }

    /// <summary>The conditions the facts decide on their own, and whether a judgement of significant impact would make the person eligible.</summary>
    public static ProvisionalOutcome Provisional(Assessment assessment)
    {
        // Only the wellbeing condition depends on the judgement, so decide as if it were "significant" and set it aside.
        const string hypothetical = "Provisional";
        var decision = assessment.Kind == AssessmentKind.Adult
            ? AdultEligibility.Determine(assessment.ToEligibilityFacts(true, hypothetical))
            : CarerEligibility.Determine(assessment.ToCarerEligibilityFacts(true, hypothetical));
        return new ProvisionalOutcome(decision.Reasons.Where(r => r.Condition != WellbeingCondition).ToList(), decision.Eligible);
    }

    private async Task EnsureNotDecidedAsync(Guid assessmentId, CancellationToken cancellationToken)
    {
        var existing = await db.EligibilityDeterminations.AsNoTracking().Where(d => d.AssessmentId == assessmentId)
            .Select(d => new { d.ConfirmedByName, d.ConfirmedAt }).SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            throw new ConflictException("eligibility-already-decided",
                $"Eligibility has already been decided for this assessment, by {existing.ConfirmedByName} on {UkFormat.DateTime(existing.ConfirmedAt)}");
        }
    }

    private async Task<Assessment> FindAssessmentAsync(Guid assessmentId, CancellationToken cancellationToken) =>
        await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken)
        ?? throw new NotFoundException("The assessment");
}
