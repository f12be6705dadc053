using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>An offer as the pages and the API show it.</summary>
public sealed record OfferView(
    Guid Id,
    OfferStage Stage,
    Guid? AssessmentId,
    Guid? IndicativeBudgetId,
    bool Offered,
    OfferResponse? Response,
    NotOfferedReason? NotOfferedReason,
    string? Detail,
    DateTimeOffset RecordedAt,
    string RecordedByName,
    Profession RecordedByProfession,
    Guid? TeamId,
    string? TeamName)
{
    /// <summary>The person's response, or why it was not offered, in words.</summary>
    public string Outcome => Offered ? Response?.Label() ?? "" : NotOfferedReason?.Label() ?? "";
}

/// <summary>What an offer was recorded against: the eligibility decision or the indicative budget.</summary>
public sealed record OfferRequest(
    OfferStage? Stage,
    Guid? AssessmentId,
    Guid? IndicativeBudgetId,
    bool? Offered,
    OfferResponse? Response,
    NotOfferedReason? NotOfferedReason,
    string? Detail);

/// <summary>
/// Records that a personal budget and a direct payment were explained and offered (or why not) at eligibility and at
/// the indicative budget, with the recorder's profession and team for reporting.
/// </summary>
public sealed class OfferService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "Offer";

    /// <summary>The person's offers, newest first, auditing the view.</summary>
    public async Task<IReadOnlyList<OfferView>> ViewForPersonAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var list = await ListForPersonAsync(personId, cancellationToken);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, null, personId, summary: "Viewed personal budget offers", cancellationToken: cancellationToken);
        return list;
    }

    /// <summary>The person's offers, newest first. The caller has already checked access.</summary>
    internal async Task<IReadOnlyList<OfferView>> ListForPersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        var rows = await db.BudgetOffers.AsNoTracking().Where(o => o.PersonId == personId)
            .GroupJoin(db.Teams, o => o.TeamId, t => t.Id, (o, teams) => new { o, teams })
            .SelectMany(x => x.teams.DefaultIfEmpty(), (x, t) => new { x.o, TeamName = t == null ? null : t.Name })
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.o.RecordedAt).ThenByDescending(r => r.o.Id)
            .Select(r => new OfferView(r.o.Id, r.o.Stage, r.o.AssessmentId, r.o.IndicativeBudgetId, r.o.Offered, r.o.Response, r.o.NotOfferedReason,
                r.o.Detail, r.o.RecordedAt, r.o.RecordedByName, r.o.RecordedByProfession, r.o.TeamId, r.TeamName))
            .ToList();
    }

    /// <summary>
    /// Checks that the offer is tied to something of this person's at its stage: a decided eligibility for the
    /// assessment, or their indicative budget.
    /// </summary>
    public async Task EnsureContextAsync(Guid personId, OfferStage? stage, Guid? assessmentId, Guid? indicativeBudgetId, CancellationToken cancellationToken = default)
    {
        var errors = await ContextErrorsAsync(personId, stage, assessmentId, indicativeBudgetId, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    public async Task<OfferView> RecordAsync(Guid personId, OfferRequest request, CancellationToken cancellationToken = default)
    {
        var errors = await ContextErrorsAsync(personId, request.Stage, request.AssessmentId, request.IndicativeBudgetId, cancellationToken);
        if (request.Response is { } response && !Enum.IsDefined(response))
        {
            errors.Add(new FieldError("Response", "Select the person's response"));
        }

        if (request.NotOfferedReason is { } notOffered && !Enum.IsDefined(notOffered))
        {
            errors.Add(new FieldError("NotOfferedReason", "Select why a personal budget was not offered"));
        }

        var userId = currentUser.Id;
        var profession = await db.Users.Where(u => u.Id == userId).Select(u => u.Profession).SingleAsync(cancellationToken);

        // For reporting by team: the person's current team that the recorder belongs to (none under break-glass).
        var team = await db.TeamAllocations
            .Where(a => a.PersonId == personId && a.EndedAt == null && db.TeamMemberships.Any(m => m.UserId == userId && m.TeamId == a.TeamId))
            .Join(db.Teams, a => a.TeamId, t => t.Id, (a, t) => new { t.Id, t.Name })
            .OrderBy(t => t.Name)
            .FirstOrDefaultAsync(cancellationToken);

        var stage = request.Stage ?? OfferStage.Eligibility;
        BudgetOffer offer;
        try
        {
            offer = BudgetOffer.Record(personId, stage,
                stage == OfferStage.Eligibility ? request.AssessmentId : null,
                stage == OfferStage.IndicativeBudget ? request.IndicativeBudgetId : null,
                request.Offered, request.Response, request.NotOfferedReason, request.Detail,
                currentUser.Actor, profession, team?.Id, clock.GetUtcNow());
        }
        catch (ValidationFailedException ex)
        {
            // Report every problem at once: what the offer is about, and the answers.
            throw new ValidationFailedException([.. errors, .. ex.Errors.Where(e => errors.All(c => c.Field != e.Field))]);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        db.BudgetOffers.Add(offer);
        audit.Add(AuditAction.Created, RecordType, offer.Id.ToString(), personId,
            summary: offer.Offered
                ? $"Personal budget and direct payment offered {stage.Label().ToLowerInvariant()}: {offer.Response!.Value.Label().ToLowerInvariant()}"
                : $"Personal budget not offered {stage.Label().ToLowerInvariant()}: {offer.NotOfferedReason!.Value.Label().ToLowerInvariant()}",
            reason: offer.Detail);
        await db.SaveChangesAsync(cancellationToken);
        return new OfferView(offer.Id, offer.Stage, offer.AssessmentId, offer.IndicativeBudgetId, offer.Offered, offer.Response, offer.NotOfferedReason,
            offer.Detail, offer.RecordedAt, offer.RecordedByName, offer.RecordedByProfession, offer.TeamId, team?.Name);
    }

    private async Task<List<FieldError>> ContextErrorsAsync(Guid personId, OfferStage? stage, Guid? assessmentId, Guid? indicativeBudgetId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        switch (stage)
        {
            case null:
                errors.Add(new FieldError("Stage", "Select when the offer was made: at eligibility or at the indicative budget"));
                break;
            case OfferStage.Eligibility:
                if (assessmentId is null)
                {
                    errors.Add(new FieldError("AssessmentId", "Give the assessment whose eligibility decision the offer was made at"));
                }
                else if (await db.Assessments.Where(a => a.Id == assessmentId).Select(a => new { a.PersonId, a.CarerPersonId }).SingleOrDefaultAsync(cancellationToken) is not { } owner
                    || (owner.PersonId != personId && owner.CarerPersonId != personId))
                {
                    errors.Add(new FieldError("AssessmentId", "This person has no such assessment"));
                }
                else if (owner.CarerPersonId is { } carerId && carerId != personId)
                {
                    // A carer with a record of their own has their offers there, so that they count as the carer's (ADR 25).
                    errors.Add(new FieldError("AssessmentId", "This carer's assessment belongs to the carer's own record: record the offer there"));
                }
                else if (!await db.EligibilityDeterminations.AnyAsync(d => d.AssessmentId == assessmentId, cancellationToken))
                {
                    errors.Add(new FieldError("AssessmentId", "Decide eligibility before recording the offer made at eligibility"));
                }

                break;
            case OfferStage.IndicativeBudget:
                if (indicativeBudgetId is null)
                {
                    errors.Add(new FieldError("IndicativeBudgetId", "Give the indicative budget the offer was made at"));
                }
                else if (!await db.IndicativeBudgets.AnyAsync(b => b.Id == indicativeBudgetId && b.PersonId == personId, cancellationToken))
                {
                    errors.Add(new FieldError("IndicativeBudgetId", "This person has no such indicative budget"));
                }

                break;
            default:
                errors.Add(new FieldError("Stage", "Select when the offer was made: at eligibility or at the indicative budget"));
                break;
        }

        return errors;
    }
}
