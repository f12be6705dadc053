using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>One written part of the plan as the person sees it: what is in the plan now and who wrote it.</summary>
public sealed record MyPlanPart(string Label, string? Text, PlanContributor? WrittenBy, string? WrittenByName);

/// <summary>The plan as the person sees it in their own area, with what they have written for it and its state.</summary>
public sealed record MyPlan(
    Guid PlanId,
    int Number,
    PlanStatus Status,
    int Revision,
    bool CanWrite,
    IReadOnlyList<MyPlanPart> Sections,
    IReadOnlyList<MyPlanPart> Outcomes,
    PlanAgreement? Agreement,
    string? AgreementInOwnWords,
    string? AgreementByName,
    ActorKind? AgreementByKind,
    IReadOnlyList<PlanDraft> Drafts);

/// <summary>
/// What the person does in their own area (ADR 0031): writes parts of their plan as drafts, agrees the plan, asks for a
/// review and challenges a decision. Always their own record: the person id comes from their sign-in, never a route.
/// Each change is audited with the person as the actor, records that they took part (in writing) on the open pathway
/// step it belongs to, and gives the work one owner and a due date.
/// </summary>
public sealed class MyPartService(PersonalBudgetsDbContext db, PathwayService pathway, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string DraftRecordType = "PlanDraft";
    public const string RequestRecordType = "PersonRequest";

    /// <summary>The plan the person can see: the one being written, else the one waiting for approval, else the one in force. Audited.</summary>
    public async Task<MyPlan?> PlanAsync(Guid personId, CancellationToken ct = default)
    {
        var plan = await CurrentPlanAsync(personId, tracked: false, ct);
        await audit.RecordAsync(AuditAction.Viewed, "SupportPlan", plan?.Id.ToString(), personId, summary: "The person viewed their plan in their own area", cancellationToken: ct);
        if (plan is null)
        {
            return null;
        }

        var drafts = await db.PlanDrafts.AsNoTracking().Where(d => d.PlanId == plan.Id).OrderByDescending(d => d.WrittenAt).ToListAsync(ct);
        return new MyPlan(plan.Id, plan.Number, plan.Status, plan.Revision, plan.IsEditable,
            Enum.GetValues<PlanSection>().Select(s => plan.Sections.FirstOrDefault(x => x.Section == s) is { } t
                ? new MyPlanPart(s.Label(), t.Text, t.WrittenBy, t.WrittenByName)
                : new MyPlanPart(s.Label(), null, null, null)).ToList(),
            plan.Outcomes.OrderBy(o => o.Order).Select(o => new MyPlanPart("Outcome", o.Text, o.WrittenBy, o.WrittenByName)).ToList(),
            plan.Agreement, plan.AgreementInOwnWords, plan.AgreementByName, plan.AgreementByKind, drafts);
    }

    /// <summary>The person's waiting draft of a whole section, to carry on writing it; null when there is none.</summary>
    public async Task<PlanDraft?> WaitingDraftAsync(Guid personId, PlanDraftKind kind, CancellationToken ct = default)
    {
        if (!PlanDraft.IsOnePerPlan(kind))
        {
            return null;
        }

        var plan = await CurrentPlanAsync(personId, tracked: false, ct);
        return plan is null ? null : await db.PlanDrafts.AsNoTracking()
            .SingleOrDefaultAsync(d => d.PlanId == plan.Id && d.Kind == kind && d.Status == PlanDraftStatus.Waiting, ct);
    }

    /// <summary>
    /// Saves what the person wrote. A whole section has one waiting draft, rewritten with its revision (0 for a new
    /// one); if the worker answered it (or it changed in another window) since the form was opened, the save is a
    /// conflict that keeps the typed words on the page. Outcomes and ideas are added one at a time.
    /// </summary>
    public async Task<PlanDraft> WriteAsync(Guid personId, PlanDraftKind? kind, string? text, int revision, CancellationToken ct = default)
    {
        var plan = await CurrentPlanAsync(personId, tracked: false, ct);
        if (plan is not { IsEditable: true })
        {
            throw new DomainException("my-plan-not-being-written", "There is no plan being written with you just now. Ask your worker to start one", "Text");
        }

        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        PlanDraft draft;
        if (kind is { } k && PlanDraft.IsOnePerPlan(k))
        {
            var last = await db.PlanDrafts.Where(d => d.PlanId == plan.Id && d.Kind == k).OrderByDescending(d => d.WrittenAt).FirstOrDefaultAsync(ct);
            if (last is { IsWaiting: true })
            {
                last.Rewrite(text, revision, actor, now);
                draft = last;
                audit.Add(AuditAction.Updated, DraftRecordType, draft.Id.ToString(), personId, summary: $"The person rewrote their draft of {k.Label().ToLowerInvariant()}");
            }
            else if (revision != 0 && last is not null)
            {
                // They were changing a draft that the worker has answered since: nothing is lost, the page shows their words.
                throw new ConcurrencyConflictException(last.UpdatedByName, last.UpdatedAt);
            }
            else
            {
                draft = await NewDraftAsync(personId, plan.Id, kind, text, actor, now, ct);
            }
        }
        else
        {
            draft = await NewDraftAsync(personId, plan.Id, kind, text, actor, now, ct);
        }

        await TookPartAsync(personId, PathwayStage.SupportPlanning, actor, now, ct);
        await db.SaveChangesOrConflictAsync(db.PlanDrafts.Where(d => d.Id == draft.Id).Select(d => new LastChange(d.UpdatedByName, d.UpdatedAt)), ct);
        return draft;
    }

    /// <summary>
    /// The person agrees the plan (or says what they disagree with) in their own words. It is recorded on the plan as
    /// the person's agreement, exactly as staff record it, with the person as the author and "in writing" as how they
    /// took part.
    /// </summary>
    public async Task<SupportPlan> AgreeAsync(Guid personId, PlanAgreement? agreement, string? inOwnWords, int revision, CancellationToken ct = default)
    {
        var plan = await CurrentPlanAsync(personId, tracked: true, ct);
        if (plan is not { IsEditable: true })
        {
            throw new DomainException("my-plan-not-being-written", "There is no plan waiting for you to agree just now", "Agreement");
        }

        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        var part = new PersonsPart(Participation.InWriting, null);
        try
        {
            plan.RecordAgreement(agreement, inOwnWords, part, [], revision, actor, now);
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            throw;
        }

        audit.Add(AuditAction.Updated, "SupportPlan", plan.Id.ToString(), personId,
            summary: $"Plan version {plan.Number}: the person's agreement recorded by the person in their own area: {agreement!.Value.Label().ToLowerInvariant()}");
        await TookPartAsync(personId, PathwayStage.SupportPlanning, actor, now, ct);
        await db.SaveChangesOrConflictAsync(db.SupportPlans.Where(p => p.Id == plan.Id).Select(p => new LastChange(p.UpdatedByName, p.UpdatedAt)), ct);
        return plan;
    }

    /// <summary>Asks for a review or challenges a decision, with the reason. One open request of each kind (and decision).</summary>
    public async Task<PersonRequest> AskAsync(Guid personId, PersonRequestKind? kind, ChallengedDecision? decision, string? reason, CancellationToken ct = default)
    {
        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        var episode = await pathway.OpenEpisodeAsync(personId, ct);
        var request = PersonRequest.Make(personId, kind, decision, reason, episode?.Stage, await OwnerAsync(personId, ct), actor, now);
        var open = await db.PersonRequests.AsNoTracking()
            .Where(r => r.PersonId == personId && r.Status == PersonRequestStatus.Open && r.Kind == request.Kind && r.Decision == request.Decision)
            .Select(r => new { r.DueDate, r.OwnerName }).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            throw new ConflictException("my-request-open", AlreadyAsked(request.Kind, open.OwnerName, open.DueDate));
        }

        db.PersonRequests.Add(request);
        audit.Add(AuditAction.Created, RequestRecordType, request.Id.ToString(), personId,
            summary: request.Kind == PersonRequestKind.Review
                ? "The person asked for a review in their own area"
                : $"The person challenged a decision in their own area: {request.Decision!.Value.Label()}");
        if (episode?.Stage is { } stage)
        {
            await TookPartAsync(personId, stage, actor, now, ct);
        }

        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("my-request-open", AlreadyAsked(request.Kind, null, null))), ct);
        return request;
    }

    /// <summary>Everything the person has asked for, newest first. Audited.</summary>
    public async Task<IReadOnlyList<PersonRequest>> RequestsAsync(Guid personId, CancellationToken ct = default)
    {
        var list = await db.PersonRequests.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, RequestRecordType, null, personId, summary: "The person viewed what they have asked for in their own area", cancellationToken: ct);
        return list;
    }

    private static string AlreadyAsked(PersonRequestKind kind, string? owner, DateOnly? due) =>
        (kind == PersonRequestKind.Review ? "You have already asked for a review." : "You have already challenged this decision.")
        + (owner is null || due is null ? " Your worker will answer it." : $" {owner} will answer by {UkFormat.Date(due.Value)}.");

    private async Task<PlanDraft> NewDraftAsync(Guid personId, Guid planId, PlanDraftKind? kind, string? text, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var draft = PlanDraft.Write(personId, planId, kind, text, await OwnerAsync(personId, ct), actor, now);
        db.PlanDrafts.Add(draft);
        audit.Add(AuditAction.Created, DraftRecordType, draft.Id.ToString(), personId, summary: $"The person wrote a draft in their own area: {draft.Kind.Label().ToLowerInvariant()}");
        return draft;
    }

    /// <summary>Who deals with it: the key worker, else whoever owns the open step; due in the standard working days.</summary>
    internal async Task<PlanDraftOwner> OwnerAsync(Guid personId, CancellationToken ct)
    {
        var owner = await pathway.KeyWorkerAsync(personId, ct);
        if (owner is null && await pathway.OpenEpisodeAsync(personId, ct) is { } episode && await pathway.OpenStepAsync(episode.Id, ct) is { OwnerId: not null } step)
        {
            owner = new StaffRef(step.OwnerId.Value, step.OwnerName!, step.OwnerProfession!.Value);
        }

        return new PlanDraftOwner(owner?.Id, owner?.Name, PersonRequest.DueFrom(pathway.Today, EnglandBankHolidays.All));
    }

    /// <summary>Records on the open step of this stage that the person took part in writing, unless how they took part is recorded already.</summary>
    internal async Task TookPartAsync(Guid personId, PathwayStage stage, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (await pathway.OpenEpisodeAsync(personId, ct) is { } episode && await pathway.OpenStepAsync(episode.Id, ct) is { } step
            && step.Stage == stage && step.Participation is null)
        {
            step.RecordPersonsPart(new PersonsPart(Participation.InWriting, null), actor, now);
        }
    }

    private async Task<SupportPlan?> CurrentPlanAsync(Guid personId, bool tracked, CancellationToken ct)
    {
        var query = db.SupportPlans.AsSplitQuery().Where(p => p.PersonId == personId && p.Status != PlanStatus.Superseded);
        if (!tracked)
        {
            query = query.AsNoTracking();
        }

        var plans = await query.ToListAsync(ct);
        return plans.OrderBy(p => p.Status switch { PlanStatus.Draft => 0, PlanStatus.AwaitingApproval => 1, _ => 2 }).ThenByDescending(p => p.Number).FirstOrDefault();
    }
}
