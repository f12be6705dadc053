using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>A row of a person's list of assessments.</summary>
public sealed record AssessmentSummary(
    Guid Id,
    AssessmentKind Kind,
    int VersionNumber,
    AssessmentStatus Status,
    string OwnerName,
    DateOnly DueDate,
    bool IsOverdue,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? CarerName);

/// <summary>An assessment with what its pages show around it.</summary>
public sealed record AssessmentView(
    Assessment Assessment,
    PersonRecord Person,
    string OwnerName,
    bool IsOverdue,
    bool HasEligibilityDetermination,
    Guid? LaterVersionId,
    string? LinkedCarerAssessment)
{
    public bool IsBreakGlass => Person.Route == AccessRoute.BreakGlass;
}

public sealed record OwnerOption(Guid Id, string Name, string Profession);

public sealed record CarerAssessmentOption(Guid Id, string Label);

public sealed record AssessmentVersion(Guid Id, int VersionNumber, AssessmentStatus Status, DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? CompletedAt, string? CompletedBy, string? CorrectionReason);

public sealed record AssessmentHistory(AssessmentView View, IReadOnlyList<AssessmentVersion> Versions, IReadOnlyList<AuditEntry> Entries);

/// <summary>
/// Needs and carer's assessments: starting, section-by-section drafts, completion and corrections. Every page and
/// endpoint comes through here, so the legitimate-relationship rule and the audit apply to all of them.
/// </summary>
public sealed class AssessmentService(
    PersonalBudgetsDbContext db,
    PersonService people,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock,
    PathwayService pathway)
{
    public const string RecordType = "Assessment";

    /// <summary>The due date suggested when starting an assessment.</summary>
    public const int SuggestedDueInDays = 28;

    public DateOnly Today => clock.UkToday();

    public DateOnly SuggestedDueDate => Today.AddDays(SuggestedDueInDays);

    /// <summary>A person's assessments, newest first. The caller has already checked access to the person.</summary>
    public async Task<IReadOnlyList<AssessmentSummary>> ListAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Assessments.AsNoTracking().IgnoreAutoIncludes()
            .Where(a => a.PersonId == personId)
            .Select(a => new { a.Id, a.Kind, a.VersionNumber, a.Status, a.OwnerId, a.DueDate, a.StartedAt, a.CompletedAt, a.CarerName })
            .ToListAsync(cancellationToken);
        var names = await StaffNamesAsync(rows.Select(r => r.OwnerId), cancellationToken);
        var today = Today;
        return rows
            .OrderByDescending(r => r.StartedAt)
            .Select(r => new AssessmentSummary(r.Id, r.Kind, r.VersionNumber, r.Status, names.GetValueOrDefault(r.OwnerId, "Unknown"), r.DueDate,
                r.Status == AssessmentStatus.Draft && r.DueDate < today, r.StartedAt, r.CompletedAt, r.CarerName))
            .ToList();
    }

    /// <summary>Loads an assessment for display, checking access and auditing the view.</summary>
    public async Task<AssessmentView> ViewAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var view = await LoadAsync(id, cancellationToken);
        await RecordViewAsync(view, cancellationToken);
        return view;
    }

    /// <summary>Audits a view of an assessment already loaded (with access checked) by <see cref="LoadAsync"/>.</summary>
    public Task RecordViewAsync(AssessmentView view, CancellationToken cancellationToken = default) =>
        audit.RecordAsync(AuditAction.Viewed, RecordType, view.Assessment.Id.ToString(), view.Assessment.PersonId,
            summary: $"Viewed {view.Assessment.Kind.Label().ToLowerInvariant()} (version {view.Assessment.VersionNumber})", cancellationToken: cancellationToken);

    /// <summary>Loads an assessment for a form, checking access (the change is audited when saved).</summary>
    public async Task<AssessmentView> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException("The assessment");
        var person = await people.LoadForEditAsync(assessment.PersonId, cancellationToken);
        var owner = await db.Users.Where(u => u.Id == assessment.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Unknown";
        var hasDetermination = await db.EligibilityDeterminations.AnyAsync(e => e.AssessmentId == id, cancellationToken);
        var later = await LaterVersionAsync(id, cancellationToken);
        string? linked = null;
        if (assessment.LinkedCarerAssessmentId is { } linkedId)
        {
            linked = (await CarerAssessmentOptionsAsync(assessment.PersonId, cancellationToken)).FirstOrDefault(o => o.Id == linkedId)?.Label ?? "A carer's assessment";
        }

        return new AssessmentView(assessment, person, owner,
            assessment.Status == AssessmentStatus.Draft && assessment.DueDate < Today, hasDetermination, later, linked);
    }

    /// <summary>Active staff in the person's current teams who can carry out assessments (any profession).</summary>
    public async Task<IReadOnlyList<OwnerOption>> OwnerOptionsAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var roles = RolePermissions.RolesGranting(Permission.AssessPeople).Select(r => r.ToString()).ToList();
        var teamIds = db.TeamAllocations.Where(a => a.PersonId == personId && a.EndedAt == null).Select(a => a.TeamId);
        var memberIds = db.TeamMemberships.Where(m => teamIds.Contains(m.TeamId)).Select(m => m.UserId);
        var assessorIds = db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => roles.Contains(x.Name!)).Select(x => x.UserId);
        var staff = await db.Users.Where(u => u.IsActive && memberIds.Contains(u.Id) && assessorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Profession })
            .ToListAsync(cancellationToken);
        return staff.OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).Select(s => new OwnerOption(s.Id, s.DisplayName, s.Profession.Label())).ToList();
    }

    /// <summary>The person's carer's assessments (the current version of each) that a needs assessment can link to.</summary>
    public async Task<IReadOnlyList<CarerAssessmentOption>> CarerAssessmentOptionsAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Assessments.AsNoTracking().IgnoreAutoIncludes()
            .Where(a => a.PersonId == personId && a.Kind == AssessmentKind.Carer && a.Status != AssessmentStatus.Superseded && a.Status != AssessmentStatus.Cancelled)
            .Select(a => new { a.Id, a.CarerName, a.CarerRelationship, a.StartedAt, a.Status, a.VersionNumber })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.StartedAt)
            .Select(r => new CarerAssessmentOption(r.Id,
                $"{(r.CarerName is null ? "Carer not yet named" : r.CarerName + (r.CarerRelationship is null ? "" : $" ({r.CarerRelationship})"))}, started {UkFormat.Date(UkTime.DateOf(r.StartedAt))}, {r.Status.Label().ToLowerInvariant()}"))
            .ToList();
    }

    public async Task<Assessment> StartAsync(Guid personId, AssessmentKind kind, Guid? ownerId, DateOnly? dueDate, CancellationToken cancellationToken = default)
    {
        var assessment = await NewAsync(personId, kind, ownerId, dueDate, cancellationToken);
        await SaveAsync(assessment, cancellationToken);
        return assessment;
    }

    /// <summary>
    /// Cancels a draft with a reason: the owner, or a team manager. The pathway's needs assessment step stays open for
    /// the next assessment (a cancelled correction leaves the pathway where it is, recorded as work outside it).
    /// </summary>
    public async Task CancelAsync(Guid id, int revision, string? reason, CancellationToken cancellationToken = default)
    {
        var assessment = await LoadTrackedAsync(id, cancellationToken);
        await people.LoadForEditAsync(assessment.PersonId, cancellationToken);
        assessment.Cancel(reason, currentUser.Principal.Has(Permission.ManageTeamWork), revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, assessment.Id.ToString(), assessment.PersonId,
            [new FieldChange("Status", AssessmentStatus.Draft.Label(), AssessmentStatus.Cancelled.Label())],
            summary: $"Cancelled the draft {assessment.Kind.Label().ToLowerInvariant()} (version {assessment.VersionNumber})",
            reason: assessment.CancellationReason);
        await pathway.ApplyEventsAsync(cancellationToken);
        await SaveAsync(assessment, cancellationToken);
    }

    /// <summary>The person's open (draft) assessment of this kind, for the one-open rule; carers' assessments have none.</summary>
    public async Task<OpenAssessment?> OpenAssessmentAsync(Guid personId, AssessmentKind kind, CancellationToken cancellationToken = default) =>
        kind != AssessmentKind.Adult
            ? null
            : await db.Assessments.AsNoTracking().IgnoreAutoIncludes()
                .Where(a => a.PersonId == personId && a.Kind == AssessmentKind.Adult && a.Status == AssessmentStatus.Draft)
                .Select(a => new OpenAssessment(a.Id, a.StartedAt, a.StartedByName))
                .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The correction of this version, if one has been started and not cancelled.</summary>
    private Task<Guid?> LaterVersionAsync(Guid id, CancellationToken cancellationToken) =>
        db.Assessments.IgnoreAutoIncludes().Where(a => a.PreviousVersionId == id && a.Status != AssessmentStatus.Cancelled)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);

    private async Task<Assessment> NewAsync(Guid personId, AssessmentKind kind, Guid? ownerId, DateOnly? dueDate, CancellationToken cancellationToken)
    {
        Assessment.EnsureNoneOpen(kind, await OpenAssessmentAsync(personId, kind, cancellationToken));
        var errors = new List<FieldError>();
        if (ownerId is null || (await OwnerOptionsAsync(personId, cancellationToken)).All(o => o.Id != ownerId))
        {
            errors.Add(new FieldError("OwnerId", "Select who owns the assessment from the staff in the person's teams"));
        }

        if (dueDate is null)
        {
            errors.Add(new FieldError("DueDate", "Enter the due date"));
        }
        else if (PlausibleDates.Due(dueDate.Value, Today) is { } dueProblem)
        {
            errors.Add(dueProblem);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var now = clock.GetUtcNow();
        var assessment = Assessment.Start(personId, kind, ownerId!.Value, dueDate!.Value, currentUser.Actor, now);
        db.Assessments.Add(assessment);
        var owner = await db.Users.Where(u => u.Id == ownerId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        audit.Add(AuditAction.Created, RecordType, assessment.Id.ToString(), personId,
            [new FieldChange("Owner", "", owner), new FieldChange("Due date", "", UkFormat.Date(assessment.DueDate))],
            summary: $"Started a {kind.Label().ToLowerInvariant()}");
        // The pathway moves in the same save (the policy leaves carer's assessments outside the person's pathway).
        await pathway.ApplyEventsAsync(cancellationToken);

        return assessment;
    }

    public Task UpdateAboutAsync(Guid id, int revision, AssessmentType type, Guid? ownerId, DateOnly dueDate, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.About, async (a, actor, now) =>
        {
            await EnsureOwnerAsync(a, ownerId, cancellationToken);
            a.UpdateAbout(type, ownerId!.Value, dueDate, revision, actor, now);
        }, cancellationToken);

    public Task UpdateParticipationAsync(Guid id, int revision, string? whoTookPart, Participation participation, string? bestInterestsConsulted, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Participation, (a, actor, now) =>
        {
            a.UpdateParticipation(whoTookPart, participation, bestInterestsConsulted, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task UpdateWhatMattersAsync(Guid id, int revision, string? inOwnWords, string? outcomesWanted, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.WhatMatters, (a, actor, now) =>
        {
            a.UpdateWhatMatters(inOwnWords, outcomesWanted, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task UpdateNeedsOriginAsync(Guid id, int revision, bool arisesFromImpairmentOrIllness, ImpairmentKinds kinds, string? other, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Outcomes, (a, actor, now) =>
        {
            EnsureAdult(a);
            a.UpdateNeedsOrigin(arisesFromImpairmentOrIllness, kinds, other, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task SetOutcomeAsync(Guid id, int revision, SpecifiedOutcome outcome, IReadOnlyCollection<HowManaged> howManaged, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Outcomes, (a, actor, now) =>
        {
            EnsureAdult(a);
            a.SetOutcome(outcome, howManaged, note, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Adds the person's own words from their self-assessment to an outcome's note (ADR 0031); the caller checked the person.</summary>
    public Task AddPersonsWordsAsync(Guid id, int revision, SpecifiedOutcome outcome, string personsWords, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Outcomes, (a, actor, now) =>
        {
            EnsureAdult(a);
            a.AddPersonsWords(outcome, personsWords, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task UpdateFluctuationAsync(Guid id, int revision, bool needsFluctuate, string? period, string? description, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Fluctuation, (a, actor, now) =>
        {
            a.UpdateFluctuation(needsFluctuate, period, description, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task SetWellbeingAsync(Guid id, int revision, IReadOnlyDictionary<WellbeingArea, (WellbeingImpact Impact, string? Note)> findings, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Wellbeing, (a, actor, now) =>
        {
            a.SetWellbeing(findings, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task UpdateCarerAsync(Guid id, int revision, YesNoUnknown hasUnpaidCarer, Guid? linkedCarerAssessmentId, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Carer, async (a, actor, now) =>
        {
            EnsureAdult(a);
            await EnsureCarerLinkAsync(a, hasUnpaidCarer, linkedCarerAssessmentId, cancellationToken);
            a.UpdateCarer(hasUnpaidCarer, linkedCarerAssessmentId, revision, actor, now);
        }, cancellationToken);

    public Task UpdateAdvocacyAsync(Guid id, int revision, bool advocateNeeded, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.Advocacy, (a, actor, now) =>
        {
            a.UpdateAdvocacy(advocateNeeded, note, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task UpdateCarerNeedsAsync(Guid id, int revision, string? carerName, string? relationship, bool needsFromProvidingCare, bool healthAtRisk, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.CarerNeeds, (a, actor, now) =>
        {
            a.UpdateCarerNeeds(carerName, relationship, needsFromProvidingCare, healthAtRisk, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task SetCarerOutcomeAsync(Guid id, int revision, CarerOutcome outcome, IReadOnlyCollection<CarerHowManaged> howManaged, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AssessmentSection.CarerNeeds, (a, actor, now) =>
        {
            a.SetCarerOutcome(outcome, howManaged, note, revision, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Completes the assessment; completing a correction marks the version it corrects as replaced, in the same save.</summary>
    public async Task CompleteAsync(Guid id, int revision, CancellationToken cancellationToken = default)
    {
        var assessment = await LoadTrackedAsync(id, cancellationToken);
        var now = clock.GetUtcNow();
        Complete(assessment, revision, now);
        await pathway.ApplyEventsAsync(cancellationToken);
        await SupersedePreviousAsync(assessment, cancellationToken);
        await SaveAsync(assessment, cancellationToken);
    }

    private void Complete(Assessment assessment, int revision, DateTimeOffset now)
    {
        assessment.Complete(revision, currentUser.Actor, now);
        audit.Add(AuditAction.Updated, RecordType, assessment.Id.ToString(), assessment.PersonId,
            [new FieldChange("Status", AssessmentStatus.Draft.Label(), AssessmentStatus.Completed.Label())],
            summary: $"Completed the {assessment.Kind.Label().ToLowerInvariant()} (version {assessment.VersionNumber})",
            reason: assessment.CorrectionReason);
    }

    private async Task SupersedePreviousAsync(Assessment correction, CancellationToken cancellationToken)
    {
        if (correction.PreviousVersionId is not { } previousId)
        {
            return;
        }

        var previous = await db.Assessments.SingleAsync(a => a.Id == previousId, cancellationToken);
        previous.Supersede(currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, previous.Id.ToString(), previous.PersonId,
            [new FieldChange("Status", AssessmentStatus.Completed.Label(), AssessmentStatus.Superseded.Label())],
            summary: $"Replaced by a correction (version {correction.VersionNumber})", reason: correction.CorrectionReason);
    }

    /// <summary>Starts a correction of a completed assessment: a new draft version that records why.</summary>
    public async Task<Assessment> StartCorrectionAsync(Guid id, string? reason, CancellationToken cancellationToken = default)
    {
        var assessment = await LoadTrackedAsync(id, cancellationToken);
        var existing = await LaterVersionAsync(id, cancellationToken);
        if (existing is not null)
        {
            throw new DomainException("assessment-correction-exists", "This assessment already has a correction. Open the latest version to change it");
        }

        Assessment.EnsureNoneOpen(assessment.Kind, await OpenAssessmentAsync(assessment.PersonId, assessment.Kind, cancellationToken));

        var correction = assessment.StartCorrection(reason, currentUser.Actor, clock.GetUtcNow());
        db.Assessments.Add(correction);
        audit.Add(AuditAction.Created, RecordType, correction.Id.ToString(), correction.PersonId,
            summary: $"Started a correction of the {assessment.Kind.Label().ToLowerInvariant()} (version {correction.VersionNumber})",
            reason: correction.CorrectionReason);
        await SaveAsync(correction, cancellationToken);
        return correction;
    }

    /// <summary>The versions of an assessment (all corrections of the same original) and their audit entries.</summary>
    public async Task<AssessmentHistory> HistoryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var view = await ViewAsync(id, cancellationToken);
        var all = await db.Assessments.AsNoTracking().IgnoreAutoIncludes()
            .Where(a => a.PersonId == view.Assessment.PersonId && a.Kind == view.Assessment.Kind)
            .Select(a => new { a.Id, a.PreviousVersionId, v = new AssessmentVersion(a.Id, a.VersionNumber, a.Status, a.StartedAt, a.StartedByName, a.CompletedAt, a.CompletedByName, a.CorrectionReason) })
            .ToListAsync(cancellationToken);
        var chain = new List<AssessmentVersion>();
        var first = all.Single(a => a.Id == id);
        while (first.PreviousVersionId is { } p && all.FirstOrDefault(a => a.Id == p) is { } prev)
        {
            first = prev;
        }

        // A cancelled correction stays in the chain, before the correction that followed it.
        for (var current = first; current is not null; current = all.Where(a => a.PreviousVersionId == current.Id).OrderBy(a => a.v.StartedAt).FirstOrDefault(a => a.v.Status == AssessmentStatus.Cancelled && !chain.Contains(a.v)) ?? all.FirstOrDefault(a => a.PreviousVersionId == current.Id && a.v.Status != AssessmentStatus.Cancelled))
        {
            chain.Add(current.v);
        }

        var ids = chain.Select(c => c.Id.ToString()).ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == RecordType && e.RecordId != null && ids.Contains(e.RecordId))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return new AssessmentHistory(view, chain, entries);
    }

    /// <summary>
    /// Creates a whole assessment in one request (for other systems): starts it, records each section given and, when
    /// asked, completes it. Nothing is saved unless all of it succeeds.
    /// </summary>
    public async Task<Assessment> CreateAsync(AssessmentSubmission s, CancellationToken cancellationToken = default)
    {
        if (s.Kind is null)
        {
            throw new ValidationFailedException([new FieldError("Kind", "Give the kind of assessment: Adult or Carer")]);
        }

        var a = await NewAsync(s.PersonId, s.Kind.Value, s.OwnerId, s.DueDate, cancellationToken);
        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();

        async Task Apply(string section, Func<Task> change)
        {
            try
            {
                await change();
            }
            catch (ValidationFailedException ex)
            {
                errors.AddRange(ex.Errors.Select(e => new FieldError($"{Camel(section)}.{Camel(e.Field)}", e.Message)));
            }
            catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
            {
                errors.Add(new FieldError(ex.Field is null ? Camel(section) : $"{Camel(section)}.{Camel(ex.Field)}", ex.Message));
            }
        }

        Task Sync(Action change)
        {
            change();
            return Task.CompletedTask;
        }

        if (s.Type is { } type)
        {
            await Apply("Type", () => Sync(() => a.UpdateAbout(type, a.OwnerId, a.DueDate, a.Revision, actor, now)));
        }

        if (s.Participation is { } p)
        {
            await Apply("Participation", () => p.Participation is { } how
                ? Sync(() => a.UpdateParticipation(p.WhoTookPart, how, p.BestInterestsConsulted, a.Revision, actor, now))
                : throw new ValidationFailedException([new FieldError("Participation", "Give how the person took part")]));
        }

        if (s.WhatMatters is { } w)
        {
            await Apply("WhatMatters", () => Sync(() => a.UpdateWhatMatters(w.InOwnWords, w.OutcomesWanted, a.Revision, actor, now)));
        }

        if (s.NeedsAriseFromImpairmentOrIllness is { } origin)
        {
            await Apply("NeedsAriseFromImpairmentOrIllness", () => Sync(() => { EnsureAdult(a); a.UpdateNeedsOrigin(origin, (s.ImpairmentKinds ?? []).Aggregate(ImpairmentKinds.None, (all, k) => all | k), s.ImpairmentOther, a.Revision, actor, now); }));
        }

        foreach (var (o, i) in (s.Outcomes ?? []).Select((o, i) => (o, i)))
        {
            await Apply($"Outcomes[{i}]", () => o.Outcome is { } outcome
                ? Sync(() => { EnsureAdult(a); a.SetOutcome(outcome, o.HowManaged, o.Note, a.Revision, actor, now); })
                : throw new ValidationFailedException([new FieldError("Outcome", "Give the outcome")]));
        }

        if (s.Fluctuation is { } f)
        {
            await Apply("Fluctuation", () => f.NeedsFluctuate is { } fluctuate
                ? Sync(() => a.UpdateFluctuation(fluctuate, f.PeriodConsidered, f.Description, a.Revision, actor, now))
                : throw new ValidationFailedException([new FieldError("NeedsFluctuate", "Give whether the needs fluctuate")]));
        }

        if (s.Wellbeing is { Count: > 0 } wellbeing)
        {
            await Apply("Wellbeing", () =>
            {
                if (wellbeing.Any(x => x.Area is null || x.Impact is null))
                {
                    throw new ValidationFailedException([new FieldError("Area", "Give the area and the impact for every wellbeing finding")]);
                }

                if (wellbeing.GroupBy(x => x.Area).Any(g => g.Count() > 1))
                {
                    throw new ValidationFailedException([new FieldError("Area", "Give each wellbeing area once")]);
                }

                return Sync(() => a.SetWellbeing(wellbeing.ToDictionary(x => x.Area!.Value, x => (x.Impact!.Value, x.Note)), a.Revision, actor, now));
            });
        }

        if (s.UnpaidCarer is { } c)
        {
            await Apply("UnpaidCarer", async () =>
            {
                EnsureAdult(a);
                if (c.HasUnpaidCarer is not { } has)
                {
                    throw new ValidationFailedException([new FieldError("HasUnpaidCarer", "Give whether the person has an unpaid carer")]);
                }

                await EnsureCarerLinkAsync(a, has, c.LinkedCarerAssessmentId, cancellationToken);
                a.UpdateCarer(has, c.LinkedCarerAssessmentId, a.Revision, actor, now);
            });
        }

        if (s.Advocacy is { } adv)
        {
            await Apply("Advocacy", () => adv.AdvocateNeeded is { } needed
                ? Sync(() => a.UpdateAdvocacy(needed, adv.Note, a.Revision, actor, now))
                : throw new ValidationFailedException([new FieldError("AdvocateNeeded", "Give whether an independent advocate is needed")]));
        }

        if (s.CarerNeeds is { } cn)
        {
            await Apply("CarerNeeds", () => cn.NeedsFromProvidingCare is { } fromCare && cn.HealthAtRisk is { } atRisk
                ? Sync(() => a.UpdateCarerNeeds(cn.CarerName, cn.Relationship, fromCare, atRisk, a.Revision, actor, now))
                : throw new ValidationFailedException([new FieldError("NeedsFromProvidingCare", "Give whether the needs arise from providing care and whether the carer's health is at risk")]));
            if (cn.OutcomesNotAchieved is { Count: > 0 })
            {
                // The yes or no lost how the carer is unable (reg 3(3)): ask for the ways instead.
                errors.Add(new FieldError("carerNeeds.outcomesNotAchieved", "Give each carer outcome in outcomes, with how the carer manages it (howManaged)"));
            }

            foreach (var (o, i) in (cn.Outcomes ?? []).Select((o, i) => (o, i)))
            {
                await Apply($"carerNeeds.outcomes[{i}]", () => o.Outcome is { } outcome && Enum.IsDefined(outcome)
                    ? Sync(() => a.SetCarerOutcome(outcome, o.HowManaged ?? [], o.Note, a.Revision, actor, now))
                    : throw new ValidationFailedException([new FieldError("Outcome", "Give the carer outcome")]));
            }
        }

        if (errors.Count == 0 && s.Complete)
        {
            var missing = a.Missing();
            if (missing.Count > 0)
            {
                errors.AddRange(missing.Select(m => new FieldError($"missing.{Camel(m.Section.ToString())}", m.Message)));
            }
            else
            {
                Complete(a, a.Revision, now);
                await pathway.ApplyEventsAsync(cancellationToken);
            }
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw new ValidationFailedException(errors);
        }

        await SaveAsync(a, cancellationToken);
        return a;
    }

    /// <summary>Loads the assessment for a change, applies it, audits what changed and saves.</summary>
    private async Task ChangeAsync(Guid id, AssessmentSection section, Func<Assessment, Actor, DateTimeOffset, Task> change, CancellationToken cancellationToken)
    {
        var assessment = await LoadTrackedAsync(id, cancellationToken);
        var before = AssessmentDescription.Describe(assessment);
        await change(assessment, currentUser.Actor, clock.GetUtcNow());
        var after = AssessmentDescription.Describe(assessment);
        var changes = before.Where(kv => after[kv.Key] != kv.Value).Select(kv => new FieldChange(kv.Key, kv.Value, after[kv.Key])).ToList();
        var ownerChange = changes.FindIndex(c => c.Field == AssessmentDescription.OwnerField);
        if (ownerChange >= 0)
        {
            var ids = new[] { changes[ownerChange].Before, changes[ownerChange].After }.Select(Guid.Parse).ToList();
            var names = await StaffNamesAsync(ids, cancellationToken);
            changes[ownerChange] = new FieldChange(AssessmentDescription.OwnerField, names.GetValueOrDefault(ids[0], "Unknown"), names.GetValueOrDefault(ids[1], "Unknown"));
        }

        audit.Add(AuditAction.Updated, RecordType, id.ToString(), assessment.PersonId, changes,
            summary: changes.Count == 0 ? $"Saved {section.Label().ToLowerInvariant()} with no changes" : $"Changed {section.Label().ToLowerInvariant()}");
        await SaveAsync(assessment, cancellationToken);
    }

    private async Task<Assessment> LoadTrackedAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Assessments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("The assessment");

    /// <summary>Saves; if someone saved between our read and our write, reports who, and keeps nothing of ours.</summary>
    private Task SaveAsync(Assessment assessment, CancellationToken cancellationToken) =>
        db.SaveChangesOrConflictAsync(db.Assessments.IgnoreAutoIncludes().Where(a => a.Id == assessment.Id)
            .Select(a => new LastChange(a.UpdatedByName, a.UpdatedAt)), cancellationToken);

    private async Task EnsureOwnerAsync(Assessment a, Guid? ownerId, CancellationToken cancellationToken)
    {
        // The current owner stays allowed even if they have since moved team, so other changes can still be saved.
        if (ownerId is null || (ownerId != a.OwnerId && (await OwnerOptionsAsync(a.PersonId, cancellationToken)).All(o => o.Id != ownerId)))
        {
            throw new ValidationFailedException([new FieldError("OwnerId", "Select who owns the assessment from the staff in the person's teams")]);
        }
    }

    private async Task EnsureCarerLinkAsync(Assessment a, YesNoUnknown hasUnpaidCarer, Guid? linkedId, CancellationToken cancellationToken)
    {
        if (hasUnpaidCarer == YesNoUnknown.Yes && linkedId is { } id && (await CarerAssessmentOptionsAsync(a.PersonId, cancellationToken)).All(o => o.Id != id))
        {
            throw new ValidationFailedException([new FieldError("LinkedCarerAssessmentId", "Select one of the person's carer's assessments, or none")]);
        }
    }

    /// <summary>API error keys follow the JSON property names.</summary>
    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    private static void EnsureAdult(Assessment a)
    {
        if (a.Kind != AssessmentKind.Adult)
        {
            throw new DomainException("assessment-not-adult", "Only a needs assessment records this. A carer's assessment records the carer's needs instead");
        }
    }

    private async Task<Dictionary<Guid, string>> StaffNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}

/// <summary>A whole assessment submitted at once, e.g. by another system through the API.</summary>
public sealed record AssessmentSubmission(
    Guid PersonId,
    AssessmentKind? Kind,
    Guid? OwnerId,
    DateOnly? DueDate,
    AssessmentType? Type,
    AssessmentSubmission.ParticipationPart? Participation,
    AssessmentSubmission.WhatMattersPart? WhatMatters,
    bool? NeedsAriseFromImpairmentOrIllness,
    IReadOnlyList<ImpairmentKinds>? ImpairmentKinds,
    string? ImpairmentOther,
    IReadOnlyList<AssessmentSubmission.OutcomePart>? Outcomes,
    AssessmentSubmission.FluctuationPart? Fluctuation,
    IReadOnlyList<AssessmentSubmission.WellbeingPart>? Wellbeing,
    AssessmentSubmission.UnpaidCarerPart? UnpaidCarer,
    AssessmentSubmission.AdvocacyPart? Advocacy,
    AssessmentSubmission.CarerNeedsPart? CarerNeeds,
    bool Complete)
{
    public sealed record ParticipationPart(string? WhoTookPart, Participation? Participation, string? BestInterestsConsulted);

    public sealed record WhatMattersPart(string? InOwnWords, string? OutcomesWanted);

    /// <summary>An outcome and how the person manages it: "WithoutDifficulty", or the ways they are unable to achieve it.</summary>
    public sealed record OutcomePart(SpecifiedOutcome? Outcome, IReadOnlyCollection<HowManaged> HowManaged, string? Note);

    public sealed record FluctuationPart(bool? NeedsFluctuate, string? PeriodConsidered, string? Description);

    public sealed record WellbeingPart(WellbeingArea? Area, WellbeingImpact? Impact, string? Note);

    public sealed record UnpaidCarerPart(YesNoUnknown? HasUnpaidCarer, Guid? LinkedCarerAssessmentId);

    public sealed record AdvocacyPart(bool? AdvocateNeeded, string? Note);

    /// <summary>
    /// The carer's needs (reg 3). Each carer outcome is given with how the carer manages it: "WithoutDifficulty", or
    /// the ways of reg 3(3). <c>OutcomesNotAchieved</c> is given back, worked out from them; it is not taken.
    /// </summary>
    public sealed record CarerNeedsPart(string? CarerName, string? Relationship, bool? NeedsFromProvidingCare, bool? HealthAtRisk,
        IReadOnlyList<CarerOutcomePart>? Outcomes = null, IReadOnlyCollection<CarerOutcome>? OutcomesNotAchieved = null);

    /// <summary>A carer outcome and how the carer manages it (reg 3(3)).</summary>
    public sealed record CarerOutcomePart(CarerOutcome? Outcome, IReadOnlyCollection<CarerHowManaged> HowManaged, string? Note);
}
