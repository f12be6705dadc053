using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Charging.Uprating;

/// <summary>
/// Does an April uprating run's work (ADR 0032), with no request behind it: the background service calls it, and so do
/// tests. Each person is processed in a transaction of their own that writes the run's item (unique per run and
/// assessment), the new version, the contribution in the plan and budget, the audit entries and the run's progress, so a
/// run stopped at any point carries on where it stopped and never makes two versions for one person.
/// </summary>
public sealed class UpratingProcessor(PersonalBudgetsDbContext db, TimeProvider clock)
{
    public const int BatchSize = 50;

    /// <summary>Processes up to <paramref name="max"/> people of a running run; returns how many it processed. Completes the run when nobody is left.</summary>
    public async Task<int> ProcessAsync(Guid runId, int max = BatchSize, CancellationToken ct = default)
    {
        var run = await db.UpratingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException("The uprating run");
        if (run.Status != UpratingRunStatus.Running)
        {
            return 0;
        }

        var policy = await db.ChargingPolicyVersions.AsNoTracking().SingleAsync(v => v.Id == run.PolicyVersionId, ct);
        var todo = await RemainingAsync(run).OrderBy(f => f.Id).Select(f => f.Id).Take(max).ToListAsync(ct);
        var processed = 0;
        foreach (var id in todo)
        {
            ct.ThrowIfCancellationRequested();
            if (await ProcessOneAsync(run, policy, id, ct))
            {
                processed++;
            }
        }

        if (todo.Count < max && !await RemainingAsync(run).AnyAsync(ct))
        {
            var now = clock.GetUtcNow();
            await db.UpratingRuns.Where(r => r.Id == run.Id && r.Status == UpratingRunStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, UpratingRunStatus.Completed).SetProperty(r => r.CompletedAt, now).SetProperty(r => r.Total, r => r.Done), ct);
        }

        return processed;
    }

    /// <summary>The ids of running runs, for the background service.</summary>
    public async Task<IReadOnlyList<Guid>> RunningAsync(CancellationToken ct = default) =>
        await db.UpratingRuns.AsNoTracking().Where(r => r.Status == UpratingRunStatus.Running).OrderBy(r => r.StartedAt).Select(r => r.Id).ToListAsync(ct);

    /// <summary>Completed assessments the run applies to that it has not yet processed.</summary>
    private IQueryable<FinancialAssessment> RemainingAsync(UpratingRun run)
    {
        var from = run.EffectiveFrom;
        var runId = run.Id;
        return db.FinancialAssessments.AsNoTracking()
            .Where(f => f.Status == FinancialAssessmentStatus.Completed && f.EffectiveFrom < from)
            .Where(f => !db.UpratingRunItems.Any(i => i.RunId == runId && i.AssessmentId == f.Id));
    }

    private async Task<bool> ProcessOneAsync(UpratingRun run, ChargingPolicyVersion policy, Guid assessmentId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var actor = run.StartedBy;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var old = await db.FinancialAssessments.SingleAsync(f => f.Id == assessmentId, ct);
            if (!UpratingRules.Applies(old, run.FinancialYearStart)
                || await db.UpratingRunItems.AnyAsync(i => i.RunId == run.Id && i.AssessmentId == old.Id, ct))
            {
                return false;
            }

            UpratingRunItem item;
            if (await db.FinancialAssessments.AnyAsync(f => f.PersonId == old.PersonId && f.Status == FinancialAssessmentStatus.InProgress, ct))
            {
                item = UpratingRunItem.Skipped(run, old, "A correction is in progress: complete it from 1 April under the new policy", now);
                db.UpratingRunItems.Add(item);
                Audit(old.PersonId, old.Id, actor, now, $"{run.Reason}: financial assessment version {old.Version} not recalculated, as a correction is in progress", null);
            }
            else
            {
                var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == old.PersonId, ct);
                var section117 = person.Section117InForceOn(run.EffectiveFrom);
                var costs = await ContributionFlow.ChargeableWeeklyCostsAsync(db, [old.PersonId], ct);
                var cost = costs.TryGetValue(old.PersonId, out var c) ? c : old.Input.WeeklyCost;
                var next = old.Correct(run.Reason, old.OwnerId, old.OwnerName, run.EffectiveFrom, actor, now);
                var result = next.Complete(policy, cost, run.EffectiveFrom, section117, next.Revision, actor, now, old);
                next.TakeDomainEvents();
                // The unique "one completed per person" index is checked row by row on PostgreSQL: the version replaced
                // leaves it before the new one joins it. The tracked update that follows repeats the status with its revision check.
                await db.FinancialAssessments.Where(f => f.Id == old.Id && f.Status == FinancialAssessmentStatus.Completed)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FinancialAssessmentStatus.Replaced), ct);
                db.FinancialAssessments.Add(next);
                item = UpratingRunItem.Recalculated(run, old, next, now);
                db.UpratingRunItems.Add(item);
                Audit(old.PersonId, next.Id, actor, now,
                    $"{run.Reason}: financial assessment version {next.Version} under charging policy version {policy.Number}: {UkFormat.Money(result.Weekly)} a week from {UkFormat.Date(run.EffectiveFrom)}",
                    new FieldChange("Weekly contribution", UkFormat.Money(item.Before), UkFormat.Money(result.Weekly)));
                await ContributionFlow.ApplyAsync(db, next, result.Weekly, run.EffectiveFrom, section117, actor, now,
                    (type, id, change, summary) => Audit(old.PersonId, id, actor, now, summary, change, type), ct);
            }

            await db.SaveChangesAsync(ct);
            await db.UpratingRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Done, r => r.Done + 1), ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another worker processed this person first (the run's unique item, or the assessment's revision): nothing of ours was kept.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private void Audit(Guid personId, Guid recordId, Actor actor, DateTimeOffset now, string summary, FieldChange? change, string recordType = FinancialAssessmentService.RecordType) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = now,
            UserId = actor.UserId,
            UserName = $"{actor.DisplayName} (uprating run)",
            ActorKind = ActorKind.Staff,
            Action = AuditAction.Updated,
            RecordType = recordType,
            RecordId = recordId.ToString(),
            PersonId = personId,
            Changes = change is null ? null : JsonSerializer.Serialize(new[] { change }),
            Summary = summary,
        });
}
