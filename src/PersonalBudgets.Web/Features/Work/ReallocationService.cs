using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>A step to reallocate, with the revision the manager saw.</summary>
public sealed record StepSelection(Guid StepId, int Revision);

/// <summary>A step that could not be reallocated, and why.</summary>
public sealed record Refusal(Guid StepId, PathwayStage? Stage, string Message);

public sealed record BulkResult(IReadOnlyList<Guid> Reallocated, IReadOnlyList<Refusal> Refused)
{
    /// <summary>The people of the refused steps by step, for reporting which were refused.</summary>
    public IReadOnlyDictionary<Guid, string> PersonNames { get; init; } = new Dictionary<Guid, string>();
}

/// <summary>
/// Gives steps a new owner, one or many at once: each change keeps who owned it before, who changed it and why,
/// is audited, and tells the new owner in the service.
/// </summary>
public sealed class ReallocationService(
    PersonalBudgetsDbContext db,
    RecordAccessService access,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock,
    PageLinks links)
{
    public const string StepRecordType = "PathwayStep";

    /// <summary>The most steps one reallocation changes (a whole caseload is some hundreds).</summary>
    public const int MaxSteps = 2000;

    /// <summary>The step (access to its person is checked by the person-access filter for the route's step).</summary>
    public async Task<PathwayStep> LoadAsync(Guid stepId, CancellationToken ct = default) =>
        await db.PathwaySteps.AsNoTracking().SingleOrDefaultAsync(s => s.Id == stepId, ct) ?? throw new NotFoundException("The step");

    /// <summary>Reallocates one step. A stale revision is refused with who changed it and when.</summary>
    public async Task<PathwayStep> ReallocateAsync(Guid stepId, Guid? ownerId, string? reason, int? revision, CancellationToken ct = default)
    {
        var step = await db.PathwaySteps.SingleOrDefaultAsync(s => s.Id == stepId, ct) ?? throw new NotFoundException("The step");
        var owners = await OwnerOptionsForPeopleAsync([step.PersonId], ct);
        var owner = ownerId is { } id ? owners.GetValueOrDefault(step.PersonId)?.FirstOrDefault(o => o.Id == id) : null;
        var errors = new List<FieldError>();
        if (owner is null)
        {
            errors.Add(new FieldError("OwnerId", "Select the new owner from the staff in the person's teams"));
        }

        if (string.IsNullOrWhiteSpace(reason) && step.OwnerId is not null)
        {
            errors.Add(new FieldError("Reason", "Enter why the work is being reallocated"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Assign(step, owner!, reason, revision);
        await SaveAsync(step.Id, ct);
        return step;
    }

    /// <summary>
    /// Reallocates many steps to one owner. Each is refused on its own (changed meanwhile, completed, outside the
    /// manager's teams, the owner not in the person's teams) and the rest are saved together.
    /// </summary>
    public async Task<BulkResult> ReallocateManyAsync(IReadOnlyList<StepSelection> selections, Guid? ownerId, string? reason, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (selections.Count == 0)
        {
            errors.Add(new FieldError("Selected", "Select the work to reallocate"));
        }
        else if (selections.Count > MaxSteps)
        {
            errors.Add(new FieldError("Selected", $"Select {MaxSteps} pieces of work or fewer"));
        }

        if (ownerId is null)
        {
            errors.Add(new FieldError("OwnerId", "Select the new owner"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("Reason", "Enter why the work is being reallocated"));
        }
        else if (reason.Trim().Length > StepOwnerChange.ReasonMaxLength)
        {
            errors.Add(new FieldError("Reason", $"The reason must be {StepOwnerChange.ReasonMaxLength} characters or fewer"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var ids = selections.Select(s => s.StepId).Distinct().ToList();
        var steps = await db.PathwaySteps.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var accessible = await access.AccessiblePeople().Where(p => steps.Select(s => s.PersonId).Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var owners = await OwnerOptionsForPeopleAsync(steps.Select(s => s.PersonId).Distinct().ToList(), ct);
        var done = new List<Guid>();
        var refused = new List<Refusal>();
        foreach (var selection in selections.DistinctBy(s => s.StepId))
        {
            var step = steps.FirstOrDefault(s => s.Id == selection.StepId);
            if (step is null || !accessible.Contains(step.PersonId))
            {
                refused.Add(new Refusal(selection.StepId, step?.Stage, "This work is not in your teams"));
                continue;
            }

            var owner = owners.GetValueOrDefault(step.PersonId)?.FirstOrDefault(o => o.Id == ownerId);
            if (owner is null)
            {
                refused.Add(new Refusal(step.Id, step.Stage, "The new owner is not in the person's teams"));
                continue;
            }

            try
            {
                Assign(step, owner, reason, selection.Revision);
                done.Add(step.Id);
            }
            catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
            {
                refused.Add(new Refusal(step.Id, step.Stage, ex is ValidationFailedException v ? v.Errors[0].Message : ex.Message));
            }
        }

        if (done.Count == 0)
        {
            return await WithNamesAsync(new BulkResult(done, refused), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return await WithNamesAsync(new BulkResult(done, refused), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // One of them changed between our read and our write: save each on its own so only that one is refused.
            db.ChangeTracker.Clear();
            var saved = new List<Guid>();
            foreach (var id in done)
            {
                try
                {
                    var revision = selections.First(s => s.StepId == id).Revision;
                    await ReallocateAsync(id, ownerId, reason, revision, ct);
                    saved.Add(id);
                }
                catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
                {
                    db.ChangeTracker.Clear();
                    refused.Add(new Refusal(id, steps.First(s => s.Id == id).Stage, ex.Message));
                }
            }

            return await WithNamesAsync(new BulkResult(saved, refused), ct);
        }
    }

    /// <summary>Names the people of the refused steps (that the user may see), in one query.</summary>
    private async Task<BulkResult> WithNamesAsync(BulkResult result, CancellationToken ct)
    {
        if (result.Refused.Count == 0)
        {
            return result;
        }

        var ids = result.Refused.Select(r => r.StepId).ToList();
        var names = await db.PathwaySteps.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Join(access.AccessiblePeople(), s => s.PersonId, p => p.Id, (s, p) => new { s.Id, p.DisplayName })
            .ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        return result with { PersonNames = names };
    }

    private void Assign(PathwayStep step, OwnerOption owner, string? reason, int? revision)
    {
        var now = clock.GetUtcNow();
        var change = step.AssignOwner(new StaffRef(owner.Id, owner.Name, owner.Profession), reason, revision, currentUser.Actor, now);
        db.StepOwnerChanges.Add(change);
        audit.Add(AuditAction.Reallocated, StepRecordType, step.Id.ToString(), step.PersonId,
            [new FieldChange("Owner", change.FromOwnerName ?? "", change.ToOwnerName)],
            summary: $"{step.Stage.Label()} reallocated from {change.FromOwnerName ?? "nobody"} to {change.ToOwnerName}",
            reason: change.Reason);
        if (owner.Id != currentUser.Id)
        {
            db.Notifications.Add(Notification.Create(owner.Id, step.PersonId, step.Id,
                $"{step.Stage.Label()} for a person has been allocated to you by {currentUser.DisplayName}, due {UkFormat.Date(step.DueDate)}",
                links.PersonPathway(step.PersonId), now));
        }
    }

    private Task SaveAsync(Guid stepId, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(db.PathwaySteps.Where(s => s.Id == stepId).Select(s => new LastChange(s.UpdatedByName, s.UpdatedAt)), ct);

    /// <summary>For each person, the staff of their current teams who can own a step. One query for all of them.</summary>
    private async Task<Dictionary<Guid, List<OwnerOption>>> OwnerOptionsForPeopleAsync(IReadOnlyList<Guid> personIds, CancellationToken ct)
    {
        var allocations = await db.TeamAllocations.Where(a => personIds.Contains(a.PersonId) && a.EndedAt == null)
            .Select(a => new { a.PersonId, a.TeamId }).ToListAsync(ct);
        var teamIds = allocations.Select(a => a.TeamId).Distinct().ToList();
        var roles = Core.Security.RolePermissions.RolesGranting(Core.Security.Permission.PlanSupport).Select(r => r.ToString()).ToList();
        var plannerIds = db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => roles.Contains(x.Name!)).Select(x => x.UserId);
        var members = await db.TeamMemberships.Where(m => teamIds.Contains(m.TeamId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.TeamId, u.Id, u.DisplayName, u.Profession, u.IsActive })
            .Where(x => x.IsActive && plannerIds.Contains(x.Id))
            .ToListAsync(ct);
        return personIds.ToDictionary(p => p, p =>
        {
            var teams = allocations.Where(a => a.PersonId == p).Select(a => a.TeamId).ToHashSet();
            return members.Where(m => teams.Contains(m.TeamId)).DistinctBy(m => m.Id).Select(m => new OwnerOption(m.Id, m.DisplayName, m.Profession)).ToList();
        });
    }
}
