using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin;

/// <summary>
/// Audit search filters. None of them is a person's name: a person is found by their record id only, so the filters
/// can travel in the URL.
/// </summary>
public sealed record AuditFilter(
    string? UserName = null,
    AuditAction? Action = null,
    DateOnly? From = null,
    DateOnly? To = null,
    bool BreakGlassOnly = false,
    Guid? PersonId = null);

public sealed record AuditRow(
    long Id,
    DateTimeOffset OccurredAt,
    string UserName,
    AuditAction Action,
    string RecordType,
    string? RecordId,
    Guid? PersonId,
    string? Summary,
    string? Reason,
    IReadOnlyList<FieldChange> Changes,
    string? IpAddress,
    bool IsBreakGlass);

public sealed record AuditResults(IReadOnlyList<AuditRow> Entries, int Page, int PageSize, int Total)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record BreakGlassItem(
    Guid Id,
    string UserName,
    bool IsOwn,
    Guid PersonId,
    string PersonIdentifier,
    string Reason,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    bool IsActive,
    DateTimeOffset? ReviewedAt,
    string? ReviewedByName,
    string? ReviewNote);

public sealed record BreakGlassOverview(IReadOnlyList<BreakGlassItem> Awaiting, IReadOnlyList<BreakGlassItem> Reviewed, int ReviewedPage, int ReviewedTotal, int PageSize)
{
    public int ReviewedTotalPages => Math.Max(1, (ReviewedTotal + PageSize - 1) / PageSize);
}

/// <summary>
/// Searching the audit trail and reviewing break-glass access. Read-only over the audit trail: the only writes
/// are new entries recording that the trail was viewed and that a grant was reviewed.
/// </summary>
public sealed class AuditSearchService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int UserNameMaxLength = 200;
    public const int NoteMaxLength = 1000;

    /// <summary>Checks filters that do not depend on the database (dates are parsed by the page).</summary>
    public static IReadOnlyList<FieldError> Check(AuditFilter filter)
    {
        var errors = new List<FieldError>();
        if (filter.UserName?.Trim() is { Length: > UserNameMaxLength })
        {
            errors.Add(new FieldError(nameof(AuditFilter.UserName), $"User name must be {UserNameMaxLength} characters or fewer"));
        }

        if (filter.Action is { } action && !Enum.IsDefined(action))
        {
            errors.Add(new FieldError(nameof(AuditFilter.Action), "Select an action from the list"));
        }

        if (filter is { From: { } from, To: { } to } && to < from)
        {
            errors.Add(new FieldError(nameof(AuditFilter.To), "The ‘to’ date must be the same as or after the ‘from’ date"));
        }

        return errors;
    }

    /// <summary>Finds audit entries, newest first, and records that the trail was viewed.</summary>
    public async Task<AuditResults> SearchAsync(AuditFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var errors = Check(filter);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var query = db.AuditEntries.AsNoTracking();
        if (filter.UserName?.Trim().ToLowerInvariant() is { Length: > 0 } name)
        {
            // Lower-casing both sides gives the same case-insensitive match on SQLite and PostgreSQL.
            query = query.Where(a => a.UserName.ToLower().Contains(name));
        }

        if (filter.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (filter.From is { } from)
        {
            var start = UkTime.StartOf(from);
            query = query.Where(a => a.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = UkTime.StartOf(to.AddDays(1));
            query = query.Where(a => a.OccurredAt < end);
        }

        if (filter.BreakGlassOnly)
        {
            query = query.Where(a => a.IsBreakGlass);
        }

        if (filter.PersonId is { } personId)
        {
            query = query.Where(a => a.PersonId == personId);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(Paging.Offset(page, PageSize)).Take(PageSize)
            .ToListAsync(cancellationToken);
        var rows = entries.Select(e => new AuditRow(
                e.Id, e.OccurredAt, e.UserName, e.Action, e.RecordType, e.RecordId, e.PersonId, e.Summary, e.Reason,
                AuditLog.ReadChanges(e.Changes), e.IpAddress, e.IsBreakGlass))
            .ToList();

        await audit.RecordAsync(AuditAction.AuditViewed, "Audit", null, summary: Describe(filter, page), cancellationToken: cancellationToken);
        return new AuditResults(rows, page, PageSize, total);
    }

    public async Task<int> AwaitingReviewCountAsync(CancellationToken cancellationToken = default) =>
        await db.BreakGlassGrants.CountAsync(g => g.ReviewedAt == null, cancellationToken);

    /// <summary>Break-glass grants awaiting review (oldest first, so none waits for ever) and those already reviewed.</summary>
    public async Task<BreakGlassOverview> BreakGlassAsync(int reviewedPage, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var me = currentUser.Id;
        var grants = db.BreakGlassGrants.AsNoTracking()
            .Join(db.People, g => g.PersonId, p => p.Id, (g, p) => new { Grant = g, p.PersonIdentifier });

        var awaiting = (await grants.Where(x => x.Grant.ReviewedAt == null).ToListAsync(cancellationToken))
            .OrderBy(x => x.Grant.GrantedAt)
            .ToList();

        var reviewedTotal = await grants.CountAsync(x => x.Grant.ReviewedAt != null, cancellationToken);
        var pages = Math.Max(1, (reviewedTotal + PageSize - 1) / PageSize);
        reviewedPage = Math.Clamp(reviewedPage, 1, pages);
        var reviewed = await grants.Where(x => x.Grant.ReviewedAt != null)
            .OrderByDescending(x => x.Grant.ReviewedAt)
            .Skip(Paging.Offset(reviewedPage, PageSize)).Take(PageSize)
            .ToListAsync(cancellationToken);

        BreakGlassItem Item(Core.Security.BreakGlassGrant g, string identifier) => new(
            g.Id, g.UserName, g.UserId == me, g.PersonId, identifier, g.Reason, g.GrantedAt, g.ExpiresAt, g.IsActive(now),
            g.ReviewedAt, g.ReviewedByName, g.ReviewNote);

        return new BreakGlassOverview(
            awaiting.Select(x => Item(x.Grant, x.PersonIdentifier)).ToList(),
            reviewed.Select(x => Item(x.Grant, x.PersonIdentifier)).ToList(),
            reviewedPage,
            reviewedTotal,
            PageSize);
    }

    /// <summary>Marks a break-glass grant as reviewed, with an optional note. Nobody reviews their own access.</summary>
    public async Task ReviewAsync(Guid grantId, string? note, CancellationToken cancellationToken = default)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > NoteMaxLength })
        {
            throw new ValidationFailedException([new FieldError("Note", $"Review note must be {NoteMaxLength} characters or fewer")]);
        }

        var grant = await db.BreakGlassGrants.SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken)
            ?? throw new NotFoundException("The break-glass access");
        if (grant.UserId == currentUser.Id)
        {
            throw new DomainException("break-glass-own-review", "You cannot review your own break-glass access. Ask another administrator", "Note");
        }

        grant.MarkReviewed(currentUser.Actor, trimmed, clock.GetUtcNow());
        audit.Add(AuditAction.BreakGlassReviewed, "BreakGlass", grant.Id.ToString(), grant.PersonId,
            summary: $"Reviewed break-glass access by {grant.UserName} on {UkFormat.DateTime(grant.GrantedAt)}", reason: grant.ReviewNote);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Names the filters used, without their values where those could identify someone.</summary>
    private static string Describe(AuditFilter filter, int page)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(filter.UserName)) parts.Add("user name");
        if (filter.Action is { } action) parts.Add($"action {action.Label()}");
        if (filter.From is { } from) parts.Add($"from {UkFormat.Date(from)}");
        if (filter.To is { } to) parts.Add($"to {UkFormat.Date(to)}");
        if (filter.BreakGlassOnly) parts.Add("break-glass only");
        if (filter.PersonId is not null) parts.Add("person ID");
        return parts.Count == 0
            ? $"Viewed the audit trail, page {page}"
            : $"Searched the audit trail by {string.Join(", ", parts)}, page {page}";
    }
}
