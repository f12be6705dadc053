using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.My.TakingPart;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.PersonsWords;

/// <summary>A piece of the person's own work waiting for staff, for My work and the person's record.</summary>
public sealed record PersonsWaitingItem(Guid Id, Guid PersonId, string PersonName, string What, string? OwnerName, DateOnly DueDate, bool IsOverdue, string Link);

/// <summary>The person's drafts for a plan, with the plan they would go into.</summary>
public sealed record PlanDraftsView(PersonRecord Record, SupportPlan Plan, IReadOnlyList<PlanDraft> Drafts);

/// <summary>The person's requests (reviews asked for, challenges), for their record.</summary>
public sealed record PersonRequestsView(PersonRecord Record, IReadOnlyList<PersonRequest> Requests);

/// <summary>
/// The staff side of what the person writes and asks for in their own area (ADR 0031): the practitioner takes a draft
/// into the plan (keeping who wrote it) or answers it to talk about; answers a request; and sees all of it waiting in My
/// work and on the person's record. Every method checks the legitimate relationship with the person and audits.
/// </summary>
public sealed class PersonsWordsService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock, PageLinks links)
{
    public async Task<PlanDraftsView> PlanDraftsAsync(Guid planId, CancellationToken ct = default)
    {
        var plan = await db.SupportPlans.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("The support plan");
        var record = await people.LoadForEditAsync(plan.PersonId, ct);
        var drafts = await db.PlanDrafts.AsNoTracking().Where(d => d.PlanId == planId).OrderBy(d => d.Status == PlanDraftStatus.Waiting ? 0 : 1).ThenByDescending(d => d.WrittenAt).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, MyPartService.DraftRecordType, null, plan.PersonId, summary: $"Viewed what the person wrote for plan version {plan.Number}", cancellationToken: ct);
        return new PlanDraftsView(record, plan, drafts);
    }

    /// <summary>How many of the person's drafts for the plan wait for an answer (the plan page has checked access).</summary>
    public Task<int> WaitingCountAsync(Guid planId, CancellationToken ct = default) =>
        db.PlanDrafts.CountAsync(d => d.PlanId == planId && d.Status == PlanDraftStatus.Waiting, ct);

    /// <summary>Takes the person's words into the plan: the plan and the draft are saved together, each checked against the revision the page showed.</summary>
    public async Task AcceptAsync(Guid planId, Guid draftId, int draftRevision, int planRevision, CancellationToken ct = default)
    {
        var (plan, draft) = await TrackedAsync(planId, draftId, ct);
        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        try
        {
            draft.Accept(draftRevision, actor, now);
            if (PlanDraft.SectionOf(draft.Kind) is { } section)
            {
                plan.TakePersonsSection(section, draft.Text, draft.AuthorName, planRevision, actor, now);
            }
            else if (draft.Kind == PlanDraftKind.Outcome)
            {
                plan.AddPersonsOutcome(draft.Text, draft.AuthorName, planRevision, actor, now);
            }
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            throw;
        }

        audit.Add(AuditAction.Updated, "SupportPlan", plan.Id.ToString(), plan.PersonId,
            summary: $"Plan version {plan.Number}: the person's own words taken into the plan ({draft.Kind.Label().ToLowerInvariant()}, written by {draft.AuthorName})");
        await db.SaveChangesOrConflictAsync(db.SupportPlans.Where(p => p.Id == planId).Select(p => new LastChange(p.UpdatedByName, p.UpdatedAt)), ct);
    }

    /// <summary>Answers a draft to talk about it: a short reply the person reads.</summary>
    public async Task DiscussAsync(Guid planId, Guid draftId, string? reply, int draftRevision, CancellationToken ct = default)
    {
        var (plan, draft) = await TrackedAsync(planId, draftId, ct);
        try
        {
            draft.Discuss(reply, draftRevision, currentUser.Actor, clock.GetUtcNow());
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            throw;
        }

        audit.Add(AuditAction.Updated, MyPartService.DraftRecordType, draft.Id.ToString(), plan.PersonId, summary: $"Replied to the person's draft ({draft.Kind.Label().ToLowerInvariant()}) to talk about it");
        await db.SaveChangesOrConflictAsync(db.PlanDrafts.Where(d => d.Id == draftId).Select(d => new LastChange(d.UpdatedByName, d.UpdatedAt)), ct);
    }

    public async Task<PersonRequestsView> RequestsAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        var requests = await db.PersonRequests.AsNoTracking().Where(r => r.PersonId == personId)
            .OrderBy(r => r.Status == PersonRequestStatus.Open ? 0 : 1).ThenByDescending(r => r.CreatedAt).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, MyPartService.RequestRecordType, null, personId, summary: "Viewed the person's requests", cancellationToken: ct);
        return new PersonRequestsView(record, requests);
    }

    public async Task AnswerAsync(Guid personId, Guid requestId, string? answer, int revision, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var request = await db.PersonRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.PersonId == personId, ct) ?? throw new NotFoundException("The request");
        try
        {
            request.AnswerWith(answer, revision, currentUser.Actor, clock.GetUtcNow());
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            throw;
        }

        audit.Add(AuditAction.Decided, MyPartService.RequestRecordType, request.Id.ToString(), personId, summary: $"Answered the person's request: {request.Kind.Label().ToLowerInvariant()}");
        await db.SaveChangesOrConflictAsync(db.PersonRequests.Where(r => r.Id == requestId).Select(r => new LastChange(r.UpdatedByName, r.UpdatedAt)), ct);
    }

    /// <summary>What the person has written or asked for that is waiting, on their record (the record page's access check has run).</summary>
    public async Task<IReadOnlyList<PersonsWaitingItem>> WaitingForPersonAsync(Guid personId, CancellationToken ct = default) =>
        await WaitingAsync(d => d.PersonId == personId, r => r.PersonId == personId, s => s.PersonId == personId, ct);

    /// <summary>What people's own work the signed-in member owns, for My work. Audited as a list.</summary>
    public async Task<IReadOnlyList<PersonsWaitingItem>> MineAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var items = await WaitingAsync(d => d.OwnerId == me, r => r.OwnerId == me, s => s.OwnerId == me, ct);
        if (items.Count > 0)
        {
            await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed what people wrote or asked for in their own area: {items.Count}", cancellationToken: ct);
        }

        return items;
    }

    private async Task<IReadOnlyList<PersonsWaitingItem>> WaitingAsync(System.Linq.Expressions.Expression<Func<PlanDraft, bool>> drafts,
        System.Linq.Expressions.Expression<Func<PersonRequest, bool>> requests, System.Linq.Expressions.Expression<Func<SelfAssessment, bool>> selfAssessments, CancellationToken ct)
    {
        var today = clock.UkToday();
        var d = await db.PlanDrafts.AsNoTracking().Where(drafts).Where(x => x.Status == PlanDraftStatus.Waiting)
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.Id, x.PersonId, x.PlanId, x.Kind, x.OwnerName, x.DueDate, Name = (p.PreferredName ?? p.LegalFirstName) + " " + p.LegalLastName })
            .Take(200).ToListAsync(ct);
        var r = await db.PersonRequests.AsNoTracking().Where(requests).Where(x => x.Status == PersonRequestStatus.Open)
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.Id, x.PersonId, x.Kind, x.Decision, x.OwnerName, x.DueDate, Name = (p.PreferredName ?? p.LegalFirstName) + " " + p.LegalLastName })
            .Take(200).ToListAsync(ct);
        var s = await db.SelfAssessments.AsNoTracking().Where(selfAssessments).Where(x => x.Status == SelfAssessmentStatus.Sent)
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.Id, x.PersonId, x.OwnerName, x.DueDate, Name = (p.PreferredName ?? p.LegalFirstName) + " " + p.LegalLastName })
            .Take(200).ToListAsync(ct);
        return d.Select(x => new PersonsWaitingItem(x.Id, x.PersonId, x.Name, "Draft for the plan: " + Describe(x.Kind), x.OwnerName, x.DueDate, x.DueDate < today, links.PlanPersonsWords(x.PlanId)))
            .Concat(r.Select(x => new PersonsWaitingItem(x.Id, x.PersonId, x.Name,
                x.Kind == PersonRequestKind.Review ? "Asked for a review" : $"Challenged a decision: {x.Decision!.Value.Label().ToLowerInvariant()}",
                x.OwnerName, x.DueDate, x.DueDate < today, links.PersonRequests(x.PersonId))))
            .Concat(s.Select(x => new PersonsWaitingItem(x.Id, x.PersonId, x.Name, "Sent their self-assessment", x.OwnerName, x.DueDate!.Value, x.DueDate < today, links.PersonSelfAssessment(x.PersonId))))
            .OrderBy(x => x.DueDate).ThenBy(x => x.PersonName, StringComparer.Ordinal).ToList();
    }

    /// <summary>A draft's kind in the middle of a sentence.</summary>
    public static string Describe(PlanDraftKind kind) => kind switch
    {
        PlanDraftKind.AboutMe => "about me",
        PlanDraftKind.WhatMatters => "what matters to me",
        PlanDraftKind.Outcome => "an outcome they want",
        _ => "an idea for how their needs could be met",
    };

    private async Task<(SupportPlan Plan, PlanDraft Draft)> TrackedAsync(Guid planId, Guid draftId, CancellationToken ct)
    {
        var personId = await db.SupportPlans.Where(p => p.Id == planId).Select(p => (Guid?)p.PersonId).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("The support plan");
        await people.EnsureAccessAsync(personId, ct);
        var draft = await db.PlanDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.PlanId == planId, ct) ?? throw new NotFoundException("The draft");
        var plan = await db.SupportPlans.AsSplitQuery().SingleAsync(p => p.Id == planId, ct);
        return (plan, draft);
    }
}
