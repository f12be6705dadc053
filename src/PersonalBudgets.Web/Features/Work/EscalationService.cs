using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Observability;

namespace PersonalBudgets.Web.Features.Work;

public sealed record EscalationResult(int Steps, int Notifications)
{
    /// <summary>Nothing was escalated because another instance's claim got in the way: run again.</summary>
    public bool Retry { get; init; }
}

/// <summary>
/// Escalates overdue work once: a notification in the service to the step's owner and to each team manager of the
/// person's teams, the step marked as escalated, and one audit entry per step by the service itself.
/// </summary>
public sealed class EscalationService(PersonalBudgetsDbContext db, TimeProvider clock, PageLinks links)
{
    public const int BatchSize = 500;

    /// <summary>The service itself, as the actor of what it does on its own.</summary>
    public static Actor SystemActor { get; } = new(Guid.Empty, "System");

    /// <summary>Escalates one batch of overdue steps not yet escalated. A fixed number of queries per batch.</summary>
    public async Task<EscalationResult> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.DateOf(now);

        // Claim the batch in the same transaction as the notifications, so that two instances of the service never
        // escalate the same step twice: the update skips rows another run has claimed, and the stamp tells ours apart.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var candidates = await db.PathwaySteps.AsNoTracking()
            .Where(s => s.CompletedAt == null && s.DueDate < today && s.EscalatedAt == null)
            .OrderBy(s => s.DueDate).ThenBy(s => s.Id)
            .Select(s => s.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return new EscalationResult(0, 0);
        }

        var stamp = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var claimed = await db.PathwaySteps.Where(s => candidates.Contains(s.Id) && s.EscalatedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EscalatedAt, stamp), ct);
        var steps = await db.PathwaySteps.AsNoTracking().Where(s => candidates.Contains(s.Id) && s.EscalatedAt == stamp).ToListAsync(ct);
        if (steps.Count != claimed)
        {
            // Another instance claimed some of these in the same microsecond, so the stamp does not tell its rows from
            // ours: give ours back (the rollback) and let the next batch claim them with a stamp of its own.
            await transaction.RollbackAsync(ct);
            return new EscalationResult(0, 0) { Retry = true };
        }

        var personIds = steps.Select(s => s.PersonId).Distinct().ToList();
        var allocations = await db.TeamAllocations.Where(a => personIds.Contains(a.PersonId) && a.EndedAt == null)
            .Select(a => new { a.PersonId, a.TeamId }).ToListAsync(ct);
        var teamIds = allocations.Select(a => a.TeamId).Distinct().ToList();
        var managerRole = nameof(Role.TeamManager);
        var managerIds = db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == managerRole).Select(x => x.UserId);
        var managers = await db.TeamMemberships.Where(m => teamIds.Contains(m.TeamId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.TeamId, u.Id, u.IsActive })
            .Where(x => x.IsActive && managerIds.Contains(x.Id))
            .Select(x => new { x.TeamId, x.Id })
            .ToListAsync(ct);

        var notifications = 0;
        foreach (var step in steps)
        {
            var teams = allocations.Where(a => a.PersonId == step.PersonId).Select(a => a.TeamId).ToHashSet();
            var recipients = managers.Where(m => teams.Contains(m.TeamId)).Select(m => m.Id).ToHashSet();
            if (step.OwnerId is { } owner)
            {
                recipients.Add(owner);
            }

            // No names of the person: the link leads to the record, where access is checked.
            var message = $"{step.Stage.Label()} for a person is overdue since {UkFormat.Date(step.DueDate)}";
            foreach (var recipient in recipients)
            {
                db.Notifications.Add(Notification.Create(recipient, step.PersonId, step.Id, message, links.PersonPathway(step.PersonId), now));
                notifications++;
            }

            db.AuditEntries.Add(new AuditEntry
            {
                OccurredAt = now,
                UserId = null,
                UserName = SystemActor.DisplayName,
                Action = AuditAction.Updated,
                RecordType = ReallocationService.StepRecordType,
                RecordId = step.Id.ToString(),
                PersonId = step.PersonId,
                Summary = $"{step.Stage.Label()} overdue since {UkFormat.Date(step.DueDate)}: escalated to {(step.OwnerId is null ? "" : "the owner and ")}{recipients.Count - (step.OwnerId is null ? 0 : 1)} team manager(s)",
            });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new EscalationResult(steps.Count, notifications);
    }
}

/// <summary>
/// Runs escalation every <c>Pathway:EscalationIntervalMinutes</c> (default 15) in its own scope; never stops the app.
/// Every instance of the service runs it: the claim in <see cref="EscalationService.RunOnceAsync"/> makes each step
/// escalate once however many instances run at the same moment.
/// </summary>
public sealed partial class EscalationBackgroundService(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<EscalationBackgroundService> logger) : BackgroundService
{
    public const string IntervalKey = "Pathway:EscalationIntervalMinutes";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Minutes, fractions allowed (0.5 is every 30 seconds); 0 or less switches escalation off.
        var minutes = configuration.GetValue(IntervalKey, 15.0);
        if (minutes <= 0)
        {
            LogDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(minutes, 0.001)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var activity = Telemetry.Source.StartActivity("Escalation run");
        try
        {
            // Full batches mean more may be waiting: carry on until a short one.
            EscalationResult result;
            do
            {
                await using var scope = scopes.CreateAsyncScope();
                result = await scope.ServiceProvider.GetRequiredService<EscalationService>().RunOnceAsync(stoppingToken);
                if (result.Steps > 0)
                {
                    LogEscalated(logger, result.Steps, result.Notifications);
                    Telemetry.StepsEscalated.Add(result.Steps);
                }
            }
            while ((result.Steps == EscalationService.BatchSize || result.Retry) && !stoppingToken.IsCancellationRequested);
            Telemetry.EscalationRuns.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Type only: messages can carry data values. The next tick tries again.
            LogFailed(logger, ex.GetType().Name);
            Telemetry.EscalationRuns.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Steps} overdue steps with {Notifications} notifications")]
    private static partial void LogEscalated(ILogger logger, int steps, int notifications);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation run failed with {ExceptionType}; will retry at the next interval")]
    private static partial void LogFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation of overdue work is switched off")]
    private static partial void LogDisabled(ILogger logger);
}
