using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>
/// Moves a person's pathway episode from stage to stage. Each move completes the current step (with how the person
/// took part), opens the next with one named owner and a due date from the service standards in force now, and
/// audits both. Features call it inside their own unit of work: it adds to the context and never saves, so the
/// work and the move are saved together or not at all.
/// </summary>
public sealed class PathwayService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock, IServiceProvider services)
{
    public const string RecordType = "Pathway";

    public DateOnly Today => clock.UkToday();

    /// <summary>The service standards in force: the newest published version, or the defaults.</summary>
    public async Task<ServiceStandards> StandardsAsync(CancellationToken cancellationToken = default) =>
        (await db.ServiceStandardsVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken))?.Standards
        ?? ServiceStandards.Default;

    /// <summary>
    /// The person's open episode (tracked), if any, including one added earlier in this unit of work and not yet saved
    /// (an assessment started and completed in one request).
    /// </summary>
    public async Task<PathwayEpisode?> OpenEpisodeAsync(Guid personId, CancellationToken cancellationToken = default) =>
        db.PathwayEpisodes.Local.Where(e => e.PersonId == personId && e.EndedAt == null && db.Entry(e).State == EntityState.Added).OrderByDescending(e => e.OpenedAt).FirstOrDefault()
        ?? await db.PathwayEpisodes.Where(e => e.PersonId == personId && e.EndedAt == null).OrderByDescending(e => e.OpenedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The open step of the episode (tracked), if any, including one added in this unit of work.</summary>
    public async Task<PathwayStep?> OpenStepAsync(Guid episodeId, CancellationToken cancellationToken = default) =>
        db.PathwaySteps.Local.Where(s => s.EpisodeId == episodeId && s.CompletedAt == null && db.Entry(s).State == EntityState.Added).OrderByDescending(s => s.OpenedAt).FirstOrDefault()
        ?? await db.PathwaySteps.Where(s => s.EpisodeId == episodeId && s.CompletedAt == null).OrderByDescending(s => s.OpenedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A staff member as an owner, or null if they do not exist or are no longer active.</summary>
    public async Task<StaffRef?> StaffAsync(Guid? userId, CancellationToken cancellationToken = default) =>
        userId is null ? null : await db.Users.Where(u => u.Id == userId && u.IsActive)
            .Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The person's key worker as an owner, if they have one.</summary>
    public async Task<StaffRef?> KeyWorkerAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var keyWorkerId = await db.People.Where(p => p.Id == personId).Select(p => p.KeyWorkerId).FirstOrDefaultAsync(cancellationToken);
        return await StaffAsync(keyWorkerId, cancellationToken);
    }

    /// <summary>
    /// Records a referral: opens an episode at referral with an owner (the key worker unless another is given) and a
    /// due date for the assessment. Refused while another episode is open. Saves.
    /// </summary>
    public async Task<PathwayStep> ReferAsync(Guid personId, DateOnly? referralDate, string? note, PersonsPart? part, IReadOnlyList<Core.People.FieldError> partErrors, Guid? ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partErrors);
        var errors = new List<Core.People.FieldError>(partErrors);
        if (referralDate is null)
        {
            errors.Add(new("ReferralDate", "Enter the date of the referral"));
        }
        else if (PlausibleDates.Referral(referralDate.Value, Today, await db.People.Where(p => p.Id == personId).Select(p => (DateOnly?)p.DateOfBirth).SingleOrDefaultAsync(cancellationToken)) is { } referralProblem)
        {
            errors.Add(referralProblem);
        }

        var owner = ownerId is null ? await KeyWorkerAsync(personId, cancellationToken) : await StaffAsync(ownerId, cancellationToken);
        if (ownerId is not null && owner is null)
        {
            errors.Add(new("OwnerId", "Select an active member of staff"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        if (await OpenEpisodeAsync(personId, cancellationToken) is { } open)
        {
            throw AlreadyOpen(open);
        }

        var episode = PathwayEpisode.Open(personId, referralDate!.Value, note, currentUser.Actor, clock.GetUtcNow());
        var standards = await StandardsAsync(cancellationToken);
        var step = PathwayStep.Open(episode, PathwayStage.Referral, owner, DueDates.For(PathwayStage.Referral, referralDate.Value, standards, EnglandBankHolidays.All, referralDate), null, currentUser.Actor, clock.GetUtcNow());
        step.RecordPersonsPart(part!, currentUser.Actor, clock.GetUtcNow());
        db.PathwayEpisodes.Add(episode);
        db.PathwaySteps.Add(step);
        audit.Add(AuditAction.Transitioned, RecordType, step.Id.ToString(), personId,
            summary: $"Referral recorded: owner {owner?.Name ?? "none yet"}, assessment due {UkFormat.Date(step.DueDate)}", reason: episode.ReferralNote);
        // Two referrals at the same moment both pass the check above; the one-open-episode index refuses the second.
        await db.SaveChangesOrConflictAsync(async (_, c) => await OpenEpisodeAsync(personId, c) is { } winner
            ? AlreadyOpen(winner)
            : new ConflictException(SaveChangesOrConflictExtensions.DuplicateCode, SaveChangesOrConflictExtensions.DuplicateMessage), cancellationToken);
        return step;
    }

    private static ConflictException AlreadyOpen(PathwayEpisode open) =>
        new("pathway-already-open", $"The person's pathway is already open, at {open.Stage.Label().ToLowerInvariant()}");

    /// <summary>
    /// Applies the pathway events raised by the records in this unit of work, through <see cref="PathwayPolicy"/>: each
    /// moves the person's pathway (completing the open step with how the person took part and opening the next with
    /// its owner and due date), attaches its record to the open step, ends the pathway, or is recorded against the
    /// pathway as work done outside it. A move the policy refuses throws. Features call this once, just before they
    /// save; it adds to the context and never saves. Returns the steps it opened.
    /// </summary>
    public async Task<IReadOnlyList<PathwayStep>> ApplyEventsAsync(CancellationToken cancellationToken = default)
    {
        var raisers = db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        var opened = new List<PathwayStep>();
        foreach (var raiser in raisers)
        {
            foreach (var pathwayEvent in raiser.TakeDomainEvents().OfType<PathwayEvent>())
            {
                PathwayStep? step;
                try
                {
                    step = await ApplyAsync(pathwayEvent, cancellationToken);
                }
                catch (DomainException)
                {
                    // The move may be refused only because someone else changed a record of this unit of work and moved
                    // the pathway between our read and now (two submits at once): that is a conflict, not a refusal.
                    if (await StaleAsync(cancellationToken) is { } conflict)
                    {
                        throw conflict;
                    }

                    throw;
                }

                if (step is not null)
                {
                    opened.Add(step);
                }

                // A person found eligible has their financial assessment started alongside the pathway (issue 14, ADR 0032).
                if (pathwayEvent is EligibilityDecided { Kind: Core.Assessments.AssessmentKind.Adult, Eligible: true })
                {
                    await services.GetRequiredService<Charging.FinancialAssessmentService>().StartOnEligibilityAsync(pathwayEvent.PersonId, cancellationToken);
                }

                // An approved plan with direct-payment elements starts the direct payment's set-up (issue 15, ADR 0034).
                if (pathwayEvent is ApprovalDecided { BudgetId: { } budgetId })
                {
                    await services.GetRequiredService<DirectPayments.DirectPaymentService>().StartOnApprovalAsync(pathwayEvent.PersonId, budgetId, cancellationToken);
                }

                // A revised plan's approval carries the person's commissioned services over to its elements (ADR 0038).
                if (pathwayEvent is ApprovalDecided { Outcome: Core.Approvals.ApprovalOutcome.Approved or Core.Approvals.ApprovalOutcome.ApprovedWithChanges } approved)
                {
                    await services.GetRequiredService<Providers.CommissioningService>().CarryOverOnApprovalAsync(approved.PersonId, approved.PlanId, cancellationToken);
                }
            }
        }

        return opened;
    }

    /// <summary>
    /// A conflict naming who changed a record this unit of work changes since we read it (its concurrency token moved
    /// on in the database), or null when none has.
    /// </summary>
    private async Task<Exception?> StaleAsync(CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified)
            .Select(e => (Entry: e, Token: e.Metadata.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken)))
            .Where(x => x.Token is not null).ToList();
        foreach (var (entry, token) in changed)
        {
            var saved = await entry.GetDatabaseValuesAsync(cancellationToken);
            if (saved is not null && Equals(saved[token!], entry.OriginalValues[token!]))
            {
                continue;
            }

            return saved is not null && saved.Properties.Count(p => p.Name is "UpdatedByName" or "UpdatedAt") == 2
                && saved["UpdatedByName"] is string by && saved["UpdatedAt"] is DateTimeOffset at
                ? new ConcurrencyConflictException(by, at)
                : new ConflictException(SaveChangesOrConflictExtensions.DuplicateCode, SaveChangesOrConflictExtensions.DuplicateMessage);
        }

        return null;
    }

    private async Task<PathwayStep?> ApplyAsync(PathwayEvent pathwayEvent, CancellationToken cancellationToken)
    {
        var personId = pathwayEvent.PersonId;
        var episode = await OpenEpisodeAsync(personId, cancellationToken);
        var decision = PathwayPolicy.Decide(episode?.Stage, pathwayEvent);
        switch (decision.Effect)
        {
            case PathwayEffect.Open:
                return await OpenAtAsync(personId, decision, cancellationToken);
            case PathwayEffect.Move:
                return await MoveAsync(episode!, decision, pathwayEvent.Part, cancellationToken);
            case PathwayEffect.Attach:
            {
                var step = await OpenStepAsync(episode!.Id, cancellationToken);
                step?.AttachSubject(decision.SubjectId!.Value);
                return null;
            }

            case PathwayEffect.End:
                await EndAsync(personId, decision.EndReason, decision.Note, pathwayEvent.Part, cancellationToken);
                return null;
            case PathwayEffect.Outside:
                // Visible in the person's history, never a silent no-op.
                audit.Add(AuditAction.Updated, RecordType, (episode?.Id ?? pathwayEvent.SubjectId).ToString(), personId,
                    summary: PathwayPolicy.OutsideSummary(episode?.Stage, pathwayEvent));
                return null;
            default:
                return null;
        }
    }

    /// <summary>With no open episode, opens one straight at the decision's stage (the referral dated today).</summary>
    private async Task<PathwayStep> OpenAtAsync(Guid personId, PathwayDecision decision, CancellationToken cancellationToken)
    {
        var stage = decision.To!.Value;
        var owner = await OwnerAsync(personId, decision.Owner!, null, cancellationToken);
        var episode = PathwayEpisode.Open(personId, Today, null, currentUser.Actor, clock.GetUtcNow(), stage);
        db.PathwayEpisodes.Add(episode);
        var due = await DueAsync(episode, stage, decision.Due!, cancellationToken);
        var step = PathwayStep.Open(episode, stage, owner, due, decision.SubjectId, currentUser.Actor, clock.GetUtcNow());
        db.PathwaySteps.Add(step);
        audit.Add(AuditAction.Transitioned, RecordType, step.Id.ToString(), personId,
            summary: $"Pathway opened at {stage.Label().ToLowerInvariant()}: owner {owner?.Name ?? "none yet"}, due {UkFormat.Date(due)}");
        return step;
    }

    /// <summary>
    /// Completes the open step with how the person took part (or the part recorded on the step earlier), moves the
    /// episode to the decision's stage and opens its step with the owner and due date the policy's rules give.
    /// </summary>
    private async Task<PathwayStep> MoveAsync(PathwayEpisode episode, PathwayDecision decision, PersonsPart? part, CancellationToken cancellationToken)
    {
        var from = episode.Stage;
        var to = decision.To!.Value;
        var now = clock.GetUtcNow();
        var actor = currentUser.Actor;
        var current = await OpenStepAsync(episode.Id, cancellationToken);
        if (decision.CloseCurrent)
        {
            current?.Close(decision.Note ?? "Closed", actor, now);
        }
        else
        {
            current?.Complete(part, decision.Note, actor, now);
        }

        episode.MoveTo(to, actor, now);

        var owner = await OwnerAsync(episode.PersonId, decision.Owner!, current, cancellationToken);
        var due = await DueAsync(episode, to, decision.Due!, cancellationToken);
        var step = PathwayStep.Open(episode, to, owner, due, decision.SubjectId, actor, now);
        db.PathwaySteps.Add(step);
        audit.Add(AuditAction.Transitioned, RecordType, step.Id.ToString(), episode.PersonId,
            summary: $"{from.Label()} completed{(current?.Participation is { } p ? $" (the person took part: {p.Label().ToLowerInvariant()})" : "")}; {to.Label().ToLowerInvariant()} opened: owner {owner?.Name ?? "none yet"}, due {UkFormat.Date(due)}",
            reason: decision.Note);
        return step;
    }

    /// <summary>The owner the policy's rule names, resolved to an active member of staff (or none, which the team manager sees).</summary>
    private async Task<StaffRef?> OwnerAsync(Guid personId, OwnerRule rule, PathwayStep? completed, CancellationToken cancellationToken) => rule.Kind switch
    {
        OwnerKind.Named => await StaffAsync(rule.StaffId, cancellationToken) ?? await KeyWorkerAsync(personId, cancellationToken) ?? await StaffAsync(completed?.OwnerId, cancellationToken),
        OwnerKind.Decider => await DeciderAsync(personId, rule.Route!.Value, rule.PlanAuthorId!.Value, rule.SubmittedById!.Value, cancellationToken),
        _ => await StaffAsync(completed?.OwnerId, cancellationToken) ?? await KeyWorkerAsync(personId, cancellationToken),
    };

    /// <summary>
    /// Who decides a plan: a team manager of the person's teams who neither wrote nor submitted it, or for a panel
    /// route a panel member of those teams (the panel decides as a body; the member records it).
    /// </summary>
    public async Task<StaffRef?> DeciderAsync(Guid personId, ApprovalRoute route, Guid planAuthorId, Guid submittedById, CancellationToken cancellationToken = default) =>
        route == ApprovalRoute.TeamManager
            ? (await TeamManagersAsync(personId, cancellationToken)).FirstOrDefault(s => !ApprovalRequest.WroteOrSubmitted(planAuthorId, submittedById, s.Id))
            : await PanelMembersAsync(personId, cancellationToken) is { Count: > 0 } panel ? panel[0] : null;

    /// <summary>The due date the policy's rule gives, from the service standards in force now.</summary>
    private async Task<DateOnly> DueAsync(PathwayEpisode episode, PathwayStage stage, DueRule rule, CancellationToken cancellationToken)
    {
        if (rule.Kind == DueKind.Fixed)
        {
            return rule.Date!.Value;
        }

        var opened = rule.Kind == DueKind.StandardFrom ? rule.Date!.Value : Today;
        if (rule.Kind == DueKind.StandardFromEligibility)
        {
            var eligibility = await db.PathwaySteps.Where(s => s.EpisodeId == episode.Id && s.Stage == PathwayStage.Eligibility && s.CompletedAt != null)
                .Select(s => s.CompletedAt).ToListAsync(cancellationToken);
            if (eligibility.Count > 0)
            {
                opened = UkTime.DateOf(eligibility.Max()!.Value);
            }
        }

        return DueDates.For(stage, opened, await StandardsAsync(cancellationToken), EnglandBankHolidays.All, episode.ReferralDate);
    }

    /// <summary>Ends the person's open episode, closing its open step. Does not save.</summary>
    public async Task<PathwayEpisode> EndAsync(Guid personId, PathwayEndReason? reason, string? note, PersonsPart? part, CancellationToken cancellationToken = default)
    {
        var episode = await OpenEpisodeAsync(personId, cancellationToken)
            ?? throw new ConflictException("pathway-not-open", "The person has no open pathway to end");
        var now = clock.GetUtcNow();
        var actor = currentUser.Actor;
        var from = episode.Stage;
        episode.End(reason, note, actor, now);
        var current = await OpenStepAsync(episode.Id, cancellationToken);
        if (current is not null)
        {
            if ((part ?? current.PersonsPart) is { } known)
            {
                current.Complete(known, $"Pathway ended: {reason!.Value.Label().ToLowerInvariant()}", actor, now);
            }
            else
            {
                current.Close($"Pathway ended: {reason!.Value.Label().ToLowerInvariant()}", actor, now);
            }
        }

        audit.Add(AuditAction.Transitioned, RecordType, episode.Id.ToString(), personId,
            summary: $"Pathway ended at {from.Label().ToLowerInvariant()}: {reason!.Value.Label().ToLowerInvariant()}", reason: episode.EndNote);
        return episode;
    }

    /// <summary>The team managers of the person's current teams, as owners (for approval within limit and escalation).</summary>
    public async Task<IReadOnlyList<StaffRef>> TeamManagersAsync(Guid personId, CancellationToken cancellationToken = default) =>
        await UsersInRoleForPersonAsync(personId, Role.TeamManager, cancellationToken);

    /// <summary>The panel members in the person's current teams.</summary>
    public async Task<IReadOnlyList<StaffRef>> PanelMembersAsync(Guid personId, CancellationToken cancellationToken = default) =>
        await UsersInRoleForPersonAsync(personId, Role.PanelMember, cancellationToken);

    private async Task<IReadOnlyList<StaffRef>> UsersInRoleForPersonAsync(Guid personId, Role role, CancellationToken cancellationToken)
    {
        var roleName = role.ToString();
        var teamIds = db.TeamAllocations.Where(a => a.PersonId == personId && a.EndedAt == null).Select(a => a.TeamId);
        var memberIds = db.TeamMemberships.Where(m => teamIds.Contains(m.TeamId)).Select(m => m.UserId);
        var roleUserIds = db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName)).Select(ur => ur.UserId);
        return await db.Users.Where(u => u.IsActive && memberIds.Contains(u.Id) && roleUserIds.Contains(u.Id))
            .OrderBy(u => u.DisplayName)
            .Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession))
            .ToListAsync(cancellationToken);
    }
}
