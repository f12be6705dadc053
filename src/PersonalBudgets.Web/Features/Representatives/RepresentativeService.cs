using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Email;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Representatives;

/// <summary>One grant as the person and staff see it.</summary>
public sealed record GrantRow(
    Guid Id,
    string Name,
    Relationship Relationship,
    string Email,
    RepresentativeScopes Scopes,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    LegalBasis LegalBasis,
    string? LegalReference,
    DateOnly? LegalDate,
    string GrantedBy,
    ActorKind GrantedByKind,
    DateTimeOffset CreatedAt,
    GrantState State,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    int Uses,
    DateTimeOffset? LastUsedAt,
    int Version = 0,
    DateTimeOffset? ChangedAt = null,
    string? ChangedBy = null)
{
    /// <summary>Whether it can still be changed: not ended or expired (ADR 0033).</summary>
    public bool IsChangeable => State is not (GrantState.Ended or GrantState.Expired);
}

/// <summary>One thing a representative did with the person's record (from the audit log).</summary>
public sealed record GrantUse(DateTimeOffset At, string Who, AuditAction Action, string RecordType, string? Summary);

/// <summary>
/// Representatives (ADR 0030): the person gives someone access to their record, or a practitioner records a
/// representative with a legal basis for a person who lacks capacity; either way the representative is invited by
/// email (the one sender: the outbox in Development), and the grant can be ended. Every grant, end and use is audited,
/// and the person sees them all.
/// </summary>
public sealed class RepresentativeService(PersonalBudgetsDbContext db, ICurrentUser user, AuditLog audit, IEmailSender email, TimeProvider clock)
{
    public const string RecordType = "RecordGrant";
    public const string EmailSubject = "You have been given access to someone's care and support online";

    public async Task<IReadOnlyList<GrantRow>> ForPersonAsync(Guid personId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var grants = await db.RecordGrants.AsNoTracking().Where(g => g.PersonId == personId).ToListAsync(ct);
        var accounts = grants.Where(g => g.AccountId != null).Select(g => g.AccountId).ToList();
        var uses = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PersonId == personId && a.ActorKind == ActorKind.Representative && accounts.Contains(a.UserId))
            .GroupBy(a => a.UserId).Select(g => new { UserId = g.Key, Count = g.Count(), Last = g.Max(a => a.Id) }).ToListAsync(ct);
        var lastIds = uses.Select(u => u.Last).ToList();
        var lastAt = await db.AuditEntries.AsNoTracking().Where(a => lastIds.Contains(a.Id)).Select(a => new { a.Id, a.OccurredAt }).ToListAsync(ct);
        return grants.OrderByDescending(g => g.CreatedAt).Select(g =>
        {
            var use = uses.FirstOrDefault(u => u.UserId == g.AccountId);
            return new GrantRow(g.Id, g.RepresentativeName, g.Relationship, g.Email, g.Scopes, g.StartsOn, g.EndsOn, g.LegalBasis, g.LegalReference, g.LegalDate,
                g.GrantedByName, g.GrantedByKind, g.CreatedAt, g.StateAt(now), g.EndedAt, g.EndedByName, use?.Count ?? 0,
                use is null ? null : lastAt.FirstOrDefault(l => l.Id == use.Last)?.OccurredAt, g.Version, g.ChangedAt, g.ChangedByName);
        }).ToList();
    }

    /// <summary>What representatives did with the person's record, newest first.</summary>
    public async Task<IReadOnlyList<GrantUse>> UsesAsync(Guid personId, int take = 50, CancellationToken ct = default) =>
        (await db.AuditEntries.AsNoTracking().Where(a => a.PersonId == personId && a.ActorKind == ActorKind.Representative)
            .OrderByDescending(a => a.Id).Take(take).Select(a => new { a.OccurredAt, a.UserName, a.Action, a.RecordType, a.Summary }).ToListAsync(ct))
        .Select(a => new GrantUse(a.OccurredAt, a.UserName, a.Action, a.RecordType, a.Summary)).ToList();

    /// <summary>The person gives someone access to their record (on their consent, with an end date).</summary>
    public Task<RecordGrant> GrantAsync(Guid personId, GrantRequest request, string signUpAddress, CancellationToken ct = default) =>
        CreateAsync(personId, request with { LegalBasis = LegalBasis.PersonsConsent, LegalReference = null, LegalDate = null }, signUpAddress, ct);

    /// <summary>A practitioner records a representative with the legal basis they act on (the page has checked the relationship).</summary>
    public Task<RecordGrant> RecordAsync(Guid personId, GrantRequest request, string signUpAddress, CancellationToken ct = default) =>
        CreateAsync(personId, request, signUpAddress, ct);

    private async Task<RecordGrant> CreateAsync(Guid personId, GrantRequest request, string signUpAddress, CancellationToken ct)
    {
        var actor = user.Actor;
        var (grant, code) = RecordGrant.Create(personId, request, actor, clock.GetUtcNow());
        db.RecordGrants.Add(grant);
        audit.Add(AuditAction.AccessGranted, RecordType, grant.Id.ToString(), personId,
            summary: $"Gave {grant.RepresentativeName} ({grant.Relationship.Label().ToLowerInvariant()}) access: {Describe(grant.Scopes)}; from {UkFormat.Date(grant.StartsOn)}{(grant.EndsOn is { } e ? $" to {UkFormat.Date(e)}" : "")}"
                + (grant.LegalBasis == LegalBasis.PersonsConsent ? "" : $"; legal basis: {grant.LegalBasis.Label().ToLowerInvariant()}, reference {grant.LegalReference}, dated {UkFormat.Date(grant.LegalDate!.Value)}"));
        var firstName = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.PreferredName ?? p.LegalFirstName).SingleAsync(ct);
        await email.SendAsync(grant.Email, EmailSubject, EmailBody(grant.RepresentativeName, firstName, code, signUpAddress, grant.InvitationExpiresAt), ct);
        await db.SaveChangesOrDuplicateAsync(ct);
        return grant;
    }

    public static string Describe(RepresentativeScopes scopes) =>
        string.Join(", ", RecordGrant.Each(scopes).Select(s => s.Label().ToLowerInvariant()));

    public static string EmailBody(string name, string personFirstName, string code, string signUpAddress, DateTimeOffset expiresAt) =>
        $"""
        Hello {name},

        {personFirstName} has given you access to see their care and support online.

        1. Go to {signUpAddress}
        2. Enter this code: {code}

        If you already have an account, the code adds this access to it.
        The code works once. It stops working on {UkFormat.DateTime(expiresAt)}.
        If you did not expect this email, you can ignore it, or call the council.
        """;

    /// <summary>
    /// Changes what a representative may do, and until when (ADR 0033). The person changes the grants they gave; a
    /// practitioner (whose page has checked the relationship) those recorded by staff with a legal basis; any other
    /// grant is not found from that side. The representative's next request uses the new scopes and dates.
    /// </summary>
    public async Task<RecordGrant> ChangeAsync(Guid personId, Guid grantId, RepresentativeScopes scopes, DateOnly? endsOn, int version, CancellationToken ct = default)
    {
        var actor = user.Actor;
        var byStaff = actor.Kind == ActorKind.Staff;
        var grant = await db.RecordGrants.SingleOrDefaultAsync(g => g.Id == grantId && g.PersonId == personId, ct);
        if (grant is null || (grant.GrantedByKind == ActorKind.Staff) != byStaff)
        {
            throw new NotFoundException("The access");
        }

        var what = grant.Change(scopes, endsOn, version, actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, grant.Id.ToString(), personId, summary: $"Changed {grant.RepresentativeName}'s access: {what}");
        await db.SaveChangesOrConflictAsync(db.RecordGrants.Where(g => g.Id == grantId)
            .Select(g => new LastChange(g.ChangedByName ?? g.EndedByName ?? g.GrantedByName, g.ChangedAt ?? g.EndedAt ?? g.CreatedAt)), ct);
        return grant;
    }

    /// <summary>One grant of the person's that this side may change (see <see cref="ChangeAsync"/>), or not found.</summary>
    public async Task<GrantRow> ChangeableAsync(Guid personId, Guid grantId, CancellationToken ct = default) =>
        (await ForPersonAsync(personId, ct)).SingleOrDefault(g => g.Id == grantId && (g.GrantedByKind == ActorKind.Staff) == (user.Actor.Kind == ActorKind.Staff))
        ?? throw new NotFoundException("The access");

    /// <summary>Ends a grant of this person's: the representative's access stops on their next request.</summary>
    public async Task EndAsync(Guid personId, Guid grantId, CancellationToken ct = default)
    {
        var grant = await db.RecordGrants.SingleOrDefaultAsync(g => g.Id == grantId && g.PersonId == personId, ct)
            ?? throw new NotFoundException("The access");
        grant.End(user.Actor, clock.GetUtcNow());
        grant.Version++;
        audit.Add(AuditAction.AccessEnded, RecordType, grant.Id.ToString(), personId, summary: $"Ended {grant.RepresentativeName}'s access");
        await db.SaveChangesOrConflictAsync(db.RecordGrants.Where(g => g.Id == grantId).Select(g => new LastChange(g.EndedByName ?? g.GrantedByName, g.EndedAt ?? g.CreatedAt)), ct);
    }
}
