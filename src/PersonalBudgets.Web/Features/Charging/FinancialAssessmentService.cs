using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging;

/// <summary>What the person's Finance tab shows. Evidence (income, capital, their proof) only to finance staff.</summary>
public sealed record FinanceOverview(
    PersonRecord Record,
    IReadOnlyList<FinancialAssessment> Versions,
    bool MaySeeEvidence,
    bool MayAssess,
    bool MayDecideReview,
    decimal? ChargeableWeeklyCost,
    bool Section117Today)
{
    public FinancialAssessment? InProgress => Versions.FirstOrDefault(v => v.Status == FinancialAssessmentStatus.InProgress);

    public FinancialAssessment? InForce => Versions.FirstOrDefault(v => v.Status == FinancialAssessmentStatus.Completed);
}

/// <summary>One financial assessment with its person, and what the signed-in user may see and do.</summary>
public sealed record FinanceView(PersonRecord Record, FinancialAssessment Assessment, ChargingPolicyVersion? Policy, bool MaySeeEvidence, bool MayAssess, bool MayDecideReview, decimal? ChargeableWeeklyCost);

/// <summary>The person's latest financial assessment at a glance (outcome only), for the Pathway tab.</summary>
public sealed record FinanceSummary(Guid Id, int Version, FinancialAssessmentStatus Status, FinancialAssessmentType Type, string? OwnerName, DateOnly DueDate, bool IsOverdue, decimal? WeeklyContribution, DateOnly? EffectiveFrom, bool ReviewOpen);

/// <summary>An open financial assessment in a worklist.</summary>
public sealed record FinanceWorkItem(Guid Id, Guid PersonId, string PersonName, string PersonIdentifier, int Version, string? OwnerName, DateOnly DueDate, bool IsOverdue, bool ReviewOpen);

/// <summary>
/// Financial assessments (issue 14, ADR 0032): started when a person is found eligible (nil under section 117), owned by
/// a finance officer with a due date, completed under the charging policy in force, corrected by new versions, reviewed
/// on the person's request. Completing one fixes the contribution in the person's draft plans and the budget in place.
/// Staff see only people their teams work with (the person service checks); every view and change is audited.
/// </summary>
public sealed class FinancialAssessmentService(
    PersonalBudgetsDbContext db, PersonService people, ChargingPolicyService policies, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "FinancialAssessment";

    /// <summary>Days from the start of a financial assessment to its due date.</summary>
    public const int DueInDays = 28;

    private DateOnly Today => clock.UkToday();

    private bool MaySeeEvidence => currentUser.Principal.Has(Permission.AssessFinances);

    public async Task<FinanceOverview> OverviewAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.ViewAsync(personId, ct);
        var versions = await db.FinancialAssessments.AsNoTracking().Where(f => f.PersonId == personId).OrderByDescending(f => f.Version).ToListAsync(ct);
        return new FinanceOverview(record, versions, MaySeeEvidence, MaySeeEvidence, currentUser.Principal.Has(Permission.DecideFinanceReviews),
            await ChargeableWeeklyCostAsync(personId, ct), record.Person.Section117InForceOn(Today));
    }

    public async Task<FinanceView> GetAsync(Guid personId, Guid id, CancellationToken ct = default)
    {
        var record = await people.ViewAsync(personId, ct);
        var fa = await db.FinancialAssessments.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.PersonId == personId, ct)
            ?? throw new NotFoundException("The financial assessment");
        var policy = fa.PolicyVersionId is { } pid ? await db.ChargingPolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == pid, ct) : null;
        if (MaySeeEvidence)
        {
            await audit.RecordAsync(AuditAction.Viewed, RecordType, fa.Id.ToString(), personId, summary: $"Viewed financial assessment version {fa.Version} with its evidence", cancellationToken: ct);
        }

        return new FinanceView(record, fa, policy, MaySeeEvidence, MaySeeEvidence, currentUser.Principal.Has(Permission.DecideFinanceReviews), await ChargeableWeeklyCostAsync(personId, ct));
    }

    /// <summary>A finance officer starts a financial assessment (when none is in progress), owning it.</summary>
    public async Task<FinancialAssessment> StartAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        if (await db.FinancialAssessments.AnyAsync(f => f.PersonId == personId && f.Status == FinancialAssessmentStatus.InProgress, ct))
        {
            throw new ConflictException("financial-assessment-in-progress", "A financial assessment is already in progress for this person");
        }

        if (await db.FinancialAssessments.AnyAsync(f => f.PersonId == personId && f.Status == FinancialAssessmentStatus.Completed, ct))
        {
            throw new DomainException("financial-assessment-exists", "This person has a completed financial assessment: correct it instead (a correction is a new version with a reason)");
        }

        var fa = FinancialAssessment.Start(personId, record.Person.Section117InForceOn(Today), currentUser.Id, currentUser.DisplayName, Today.AddDays(DueInDays), currentUser.Actor, clock.GetUtcNow());
        db.FinancialAssessments.Add(fa);
        audit.Add(AuditAction.Created, RecordType, fa.Id.ToString(), personId, summary: $"Started a financial assessment, owned by {fa.OwnerName}, due {UkFormat.Date(fa.DueDate)}");
        await SaveAsync(fa, ct);
        return fa;
    }

    /// <summary>
    /// Called as a person is found eligible (in the eligibility decision's unit of work, which saves): starts their financial
    /// assessment unless one exists, owned by a finance officer of their teams with the fewest open ones (else unowned, for
    /// the finance team manager to allocate). Section 117 aftercare starts as a nil assessment.
    /// </summary>
    public async Task StartOnEligibilityAsync(Guid personId, CancellationToken ct = default)
    {
        if (await db.FinancialAssessments.AnyAsync(f => f.PersonId == personId && f.Status != FinancialAssessmentStatus.Replaced, ct)
            || db.ChangeTracker.Entries<FinancialAssessment>().Any(e => e.Entity.PersonId == personId))
        {
            return;
        }

        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        var owner = await FinanceOfficerForAsync(personId, ct);
        var fa = FinancialAssessment.Start(personId, person.Section117InForceOn(Today), owner?.Id, owner?.Name, Today.AddDays(DueInDays), currentUser.Actor, clock.GetUtcNow());
        db.FinancialAssessments.Add(fa);
        audit.Add(AuditAction.Created, RecordType, fa.Id.ToString(), personId,
            summary: $"Started a financial assessment as the person was found eligible: {(owner is null ? "no finance officer in the person's teams, so unowned" : $"owned by {owner.Name}")}, due {UkFormat.Date(fa.DueDate)}");
    }

    public async Task<FinancialAssessment> RecordAsync(Guid personId, Guid id, int revision, FinancialAssessmentInput input, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var fa = await LoadAsync(personId, id, ct);
        fa.Record(input, revision);
        audit.Add(AuditAction.Updated, RecordType, fa.Id.ToString(), personId,
            summary: $"Recorded the financial assessment ({input.Type.Label()}): {input.IncomeItems.Count} income, {input.CapitalItems.Count} capital, {input.HousingCosts.Count} housing and {input.DreItems.Count} disability-related items");
        await SaveAsync(fa, ct);
        return fa;
    }

    /// <summary>
    /// Completes the assessment from a date: the contribution is fixed under that year's policy, goes into the person's
    /// draft plans and the budget in place (from that date), and replaces the version this one corrects.
    /// </summary>
    public async Task<FinancialAssessment> CompleteAsync(Guid personId, Guid id, int revision, DateOnly? effectiveFrom, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        if (effectiveFrom is not { } from)
        {
            throw new ValidationFailedException([new("EffectiveFrom", "Enter the date the contribution starts")]);
        }

        var fa = await LoadAsync(personId, id, ct);
        var policy = await policies.InForceOnAsync(from, ct)
            ?? throw new DomainException("charging-policy-missing", $"There is no published charging policy for {ChargingPolicyDefinition.FinancialYearLabel(ChargingPolicyVersion.FinancialYearOf(from))}: a finance team manager publishes it first", "EffectiveFrom");
        var replacing = fa.PreviousId is { } prev ? await db.FinancialAssessments.SingleOrDefaultAsync(f => f.Id == prev, ct) : null;
        var cost = await ChargeableWeeklyCostAsync(personId, ct) ?? 0m;
        var section117 = record.Person.Section117InForceOn(from);
        var before = replacing?.WeeklyContribution;
        var result = fa.Complete(policy, cost, from, section117, revision, currentUser.Actor, clock.GetUtcNow(), replacing);
        audit.Add(AuditAction.Decided, RecordType, fa.Id.ToString(), personId,
            changes: [new FieldChange("Weekly contribution", before is { } b ? UkFormat.Money(b) : "None", UkFormat.Money(result.Weekly))],
            summary: $"Completed financial assessment version {fa.Version} ({fa.Type.Label()}) under charging policy version {policy.Number}: {UkFormat.Money(result.Weekly)} a week from {UkFormat.Date(from)}");
        await ApplyContributionAsync(fa, result.Weekly, from, section117, ct);
        fa.TakeDomainEvents();
        if (replacing is null)
        {
            await SaveAsync(fa, ct);
            return fa;
        }

        // PostgreSQL checks the "one completed per person" index row by row: the version replaced leaves it before this one
        // joins it, in one transaction (the tracked update repeats the status with its revision check).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.FinancialAssessments.Where(f => f.Id == replacing.Id && f.Status == FinancialAssessmentStatus.Completed)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Status, FinancialAssessmentStatus.Replaced), ct);
        await SaveAsync(fa, ct);
        await transaction.CommitAsync(ct);
        return fa;
    }

    public async Task<FinancialAssessment> CorrectAsync(Guid personId, Guid id, string? reason, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var fa = await LoadAsync(personId, id, ct);
        var correction = fa.Correct(reason, currentUser.Id, currentUser.DisplayName, Today.AddDays(DueInDays), currentUser.Actor, clock.GetUtcNow());
        db.FinancialAssessments.Add(correction);
        audit.Add(AuditAction.Created, RecordType, correction.Id.ToString(), personId, summary: $"Started version {correction.Version} to correct version {fa.Version}", reason: correction.CorrectionReason);
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(
            new ConflictException("financial-assessment-in-progress", "A correction of this assessment is already in progress")), ct);
        return correction;
    }

    public async Task<FinancialAssessment> RequestReviewAsync(Guid personId, Guid id, int revision, string? reason, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var fa = await LoadAsync(personId, id, ct);
        fa.RequestReview(reason, revision, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, fa.Id.ToString(), personId, summary: $"The person asked for a review of financial assessment version {fa.Version}", reason: fa.ReviewReason);
        await SaveAsync(fa, ct);
        return fa;
    }

    /// <summary>A finance team manager decides a review; "correct" starts a correction for the assessment's owner.</summary>
    public async Task<FinancialAssessment> DecideReviewAsync(Guid personId, Guid id, int revision, FinanceReviewOutcome? outcome, string? reason, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var fa = await LoadAsync(personId, id, ct);
        fa.DecideReview(outcome, reason, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, RecordType, fa.Id.ToString(), personId, summary: $"Decided the review of financial assessment version {fa.Version}: {fa.ReviewOutcome!.Value.Label()}", reason: fa.ReviewDecisionReason);
        if (fa.ReviewOutcome == FinanceReviewOutcome.Correct)
        {
            var correction = fa.Correct($"Review decided by {currentUser.DisplayName}: {fa.ReviewDecisionReason}", fa.OwnerId, fa.OwnerName, Today.AddDays(DueInDays), currentUser.Actor, clock.GetUtcNow());
            db.FinancialAssessments.Add(correction);
            audit.Add(AuditAction.Created, RecordType, correction.Id.ToString(), personId, summary: $"Started version {correction.Version} to correct version {fa.Version} after the review");
        }

        await SaveAsync(fa, ct);
        return fa;
    }

    /// <summary>Open financial assessments the user owns, and unowned ones of people in their teams, overdue first.</summary>
    public async Task<IReadOnlyList<FinanceWorkItem>> MineAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me).Select(m => m.TeamId);
        var inMyTeams = db.TeamAllocations.Where(a => a.EndedAt == null && myTeams.Contains(a.TeamId)).Select(a => a.PersonId);
        var query = db.FinancialAssessments.AsNoTracking()
            .Where(f => (f.Status == FinancialAssessmentStatus.InProgress && (f.OwnerId == me || (f.OwnerId == null && inMyTeams.Contains(f.PersonId))))
                || (f.Status == FinancialAssessmentStatus.Completed && f.ReviewRequestedAt != null && f.ReviewOutcome == null && inMyTeams.Contains(f.PersonId)));
        var items = await ItemsAsync(query, ct);
        await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed my financial assessments: {items.Count}", cancellationToken: ct);
        return items;
    }

    /// <summary>Overdue financial assessments of people in the user's teams (Team work).</summary>
    public async Task<IReadOnlyList<FinanceWorkItem>> OverdueInMyTeamsAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var today = Today;
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me).Select(m => m.TeamId);
        var inMyTeams = db.TeamAllocations.Where(a => a.EndedAt == null && myTeams.Contains(a.TeamId)).Select(a => a.PersonId);
        var items = await ItemsAsync(db.FinancialAssessments.AsNoTracking()
            .Where(f => f.Status == FinancialAssessmentStatus.InProgress && f.DueDate < today && inMyTeams.Contains(f.PersonId)), ct);
        await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed the teams' overdue financial assessments: {items.Count}", cancellationToken: ct);
        return items;
    }

    /// <summary>The charging policy in force today, for a preview of the working (refused when the year has none).</summary>
    public async Task<ChargingPolicyVersion> PolicyInForceTodayAsync(CancellationToken ct = default) =>
        await policies.InForceOnAsync(Today, ct)
            ?? throw new DomainException("charging-policy-missing", $"There is no published charging policy for {ChargingPolicyDefinition.FinancialYearLabel(ChargingPolicyVersion.FinancialYearOf(Today))}: a finance team manager publishes it before assessments are completed");

    /// <summary>The weekly cost the person can be charged for: the latest plan's cost less any NHS share; null with no plan.</summary>
    public async Task<decimal?> ChargeableWeeklyCostAsync(Guid personId, CancellationToken ct = default) =>
        (await ContributionFlow.ChargeableWeeklyCostsAsync(db, [personId], ct)).TryGetValue(personId, out var cost) ? cost : null;

    /// <summary>
    /// The person's financial assessment for their Pathway tab: the one in progress, else the one in force; null when none.
    /// The caller has already checked access to the person and audited the view of their record.
    /// </summary>
    public async Task<FinanceSummary?> SummaryAsync(Guid personId, CancellationToken ct = default)
    {
        var today = Today;
        var fa = await db.FinancialAssessments.AsNoTracking().Where(f => f.PersonId == personId && f.Status != FinancialAssessmentStatus.Replaced)
            .OrderBy(f => f.Status == FinancialAssessmentStatus.InProgress ? 0 : 1).ThenByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        return fa is null ? null : new FinanceSummary(fa.Id, fa.Version, fa.Status, fa.Type, fa.OwnerName, fa.DueDate,
            fa.Status == FinancialAssessmentStatus.InProgress && fa.DueDate < today, fa.WeeklyContribution, fa.EffectiveFrom, fa.ReviewOpen);
    }

    /// <summary>The completed assessment a plan's or budget's contribution comes from; null while it is typed in (provisional).</summary>
    public async Task<ContributionSource?> ContributionSourceAsync(Guid? assessmentId, CancellationToken ct = default) =>
        assessmentId is { } id && (await ContributionFlow.SourcesAsync(db, [id], ct)).TryGetValue(id, out var source) ? source : null;

    private Task ApplyContributionAsync(FinancialAssessment fa, decimal weekly, DateOnly from, bool section117, CancellationToken ct) =>
        ContributionFlow.ApplyAsync(db, fa, weekly, from, section117, currentUser.Actor, clock.GetUtcNow(),
            (type, id, change, summary) => audit.Add(AuditAction.Updated, type, id.ToString(), fa.PersonId, changes: [change], summary: summary), ct);

    private async Task<IReadOnlyList<FinanceWorkItem>> ItemsAsync(IQueryable<FinancialAssessment> query, CancellationToken ct)
    {
        var today = Today;
        var rows = await query.Join(db.People, f => f.PersonId, p => p.Id, (f, p) => new { f, p.PreferredName, p.LegalFirstName, p.LegalLastName, p.PersonIdentifier })
            .OrderBy(x => x.f.DueDate).Take(200).ToListAsync(ct);
        return rows.Select(x => new FinanceWorkItem(x.f.Id, x.f.PersonId,
            string.IsNullOrWhiteSpace(x.PreferredName) ? $"{x.LegalFirstName} {x.LegalLastName}" : $"{x.PreferredName} {x.LegalLastName}", x.PersonIdentifier, x.f.Version, x.f.OwnerName, x.f.DueDate,
            x.f.Status == FinancialAssessmentStatus.InProgress && x.f.DueDate < today, x.f.ReviewRequestedAt != null && x.f.ReviewOutcome == null)).ToList();
    }

    private Task<StaffRef?> FinanceOfficerForAsync(Guid personId, CancellationToken ct) =>
        FinanceOfficers.LeastLoadedAsync(db, personId, ids => db.FinancialAssessments.Where(f => f.Status == FinancialAssessmentStatus.InProgress && ids.Contains(f.OwnerId)).Select(f => f.OwnerId), ct);

    private async Task<FinancialAssessment> LoadAsync(Guid personId, Guid id, CancellationToken ct) =>
        await db.FinancialAssessments.SingleOrDefaultAsync(f => f.Id == id && f.PersonId == personId, ct) ?? throw new NotFoundException("The financial assessment");

    private Task SaveAsync(FinancialAssessment fa, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(async (_, c) =>
        {
            var saved = await db.FinancialAssessments.AsNoTracking().Where(f => f.Id == fa.Id).Select(f => new { f.CompletedByName, f.CompletedAt, f.StartedByName, f.StartedAt }).SingleOrDefaultAsync(c);
            return saved is null
                ? new ConflictException("financial-assessment-in-progress", "A financial assessment is already in progress for this person")
                : new ConcurrencyConflictException(saved.CompletedByName ?? saved.StartedByName, saved.CompletedAt ?? saved.StartedAt);
        }, ct);
}
