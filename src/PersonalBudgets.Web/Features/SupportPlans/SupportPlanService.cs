using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Eligibility;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

public sealed record PlanVersionSummary(Guid Id, int Number, PlanStatus Status, decimal Weekly, decimal Annual, string Author, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? ApprovedAt);

/// <summary>A person's plans, newest first, and whether a plan can be started now (or why not).</summary>
public sealed record PersonPlans(PersonRecord Record, IReadOnlyList<PlanVersionSummary> Versions, string? CannotStartReason)
{
    public PlanVersionSummary? InForce => Versions.FirstOrDefault(v => v.Status == PlanStatus.Approved);

    public PlanVersionSummary? Draft => Versions.FirstOrDefault(v => v.Status == PlanStatus.Draft);

    public PlanVersionSummary? AwaitingApproval => Versions.FirstOrDefault(v => v.Status == PlanStatus.AwaitingApproval);
}

/// <summary>Who decides a submitted plan, and by when.</summary>
public sealed record ApprovalSummary(Guid Id, ApprovalRoute Route, DateOnly DueDate, string? DeciderName, ApprovalOutcome? Outcome, string? Reasons, DateTimeOffset RequestedAt);

/// <summary>What a plan is checked against: the eligible needs, the standards in force and section 117 aftercare.</summary>
public sealed record PlanRules(IReadOnlyList<EligibleNeed> EligibleNeeds, ServiceStandards Standards, bool Section117);

/// <summary>A plan with everything its pages show: the person, the rules it is checked against, its gaps and its approval.</summary>
public sealed record PlanView(PersonRecord Record, SupportPlan Plan, PlanRules Rules, ApprovalSummary? Approval)
{
    public IReadOnlyList<EligibleNeed> EligibleNeeds => Rules.EligibleNeeds;

    public bool Section117 => Rules.Section117;

    public IReadOnlyList<FieldError> Gaps => Plan.Gaps(Rules.EligibleNeeds, Rules.Standards.PlanVariancePercent, Rules.Section117);

    public decimal? VariancePercent => PlanCosting.VariancePercent(Plan.WeeklyCost, Plan.IndicativeWeekly);

    public bool NeedsVarianceReason => PlanCosting.NeedsVarianceReason(Plan.WeeklyCost, Plan.IndicativeWeekly, Rules.Standards.PlanVariancePercent);

    public bool IsBreakGlass => Record.Route == AccessRoute.BreakGlass;
}

/// <summary>The element and risk input, as domain values (the pages and the API parse their own formats first).</summary>
public sealed record ElementInput(string? Description, ServiceCategory? Category, string? Provider, decimal? UnitCost, UnitType? UnitType, decimal? UnitsPerWeek,
    DateOnly? StartDate, DateOnly? EndDate, Deployment? Deployment, EligibleNeed? MeetsNeed);

public sealed record RiskInput(string? Description, RiskLevel? Level, bool IsPositiveRisk, string? WhatWillBeDone, string? WhoDoesIt);

/// <summary>
/// Care and support plans (Care Act s24–25): thin over the <see cref="SupportPlan"/> domain. Every method checks the
/// legitimate relationship with the person, audits, and saves once, so a change and its pathway move go together.
/// </summary>
public sealed class SupportPlanService(
    PersonalBudgetsDbContext db,
    PersonService people,
    PathwayService pathway,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider clock)
{
    public const string RecordType = "SupportPlan";

    public async Task<PersonPlans> PersonPlansAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.LoadForEditAsync(personId, ct);
        var plans = await db.SupportPlans.AsNoTracking().AsSplitQuery().Where(p => p.PersonId == personId).OrderByDescending(p => p.Number).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, null, personId, summary: "Viewed the support plans", cancellationToken: ct);
        var versions = plans.Select(p => new PlanVersionSummary(p.Id, p.Number, p.Status, p.WeeklyCost, p.AnnualCost, p.AuthorName, p.CreatedAt, p.SubmittedAt, p.ApprovedAt)).ToList();
        return new PersonPlans(record, versions, await CannotStartReasonAsync(personId, plans, ct));
    }

    /// <summary>Starts version 1 of a plan from the latest indicative budget, attached to the open support planning step.</summary>
    public async Task<SupportPlan> StartAsync(Guid personId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var plans = await db.SupportPlans.AsNoTracking().AsSplitQuery().Where(p => p.PersonId == personId).ToListAsync(ct);
        if (await CannotStartReasonAsync(personId, plans, ct) is { } reason)
        {
            // An open version already there is a conflict (409), as for whoever loses a race to start one.
            throw PlanVersions.Open(plans.Select(p => new PlanVersionRef(p.Id, p.Number, p.Status))) is null
                ? new DomainException("plan-cannot-start", reason)
                : new ConflictException("plan-version-exists", reason);
        }

        var budget = (await LatestIndicativeAsync(personId, ct))!;
        var episode = await pathway.OpenEpisodeAsync(personId, ct);
        var plan = SupportPlan.Start(personId, episode?.Id, budget.Id, budget.Weekly, currentUser.Actor, clock.GetUtcNow());
        db.SupportPlans.Add(plan);
        if (episode is { Stage: PathwayStage.SupportPlanning } && await pathway.OpenStepAsync(episode.Id, ct) is { } step)
        {
            step.AttachSubject(plan.Id);
        }

        audit.Add(AuditAction.Created, RecordType, plan.Id.ToString(), personId,
            summary: $"Support plan version {plan.Number} started: indicative amount {UkFormat.Money(budget.Weekly)} a week");
        await SaveNewVersionAsync(ct);
        return plan;
    }

    /// <summary>A plan for display, auditing the view.</summary>
    public async Task<PlanView> ViewAsync(Guid planId, CancellationToken ct = default)
    {
        var view = await LoadAsync(planId, ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, planId.ToString(), view.Plan.PersonId,
            summary: $"Viewed support plan version {view.Plan.Number}", cancellationToken: ct);
        return view;
    }

    /// <summary>A plan for a form, checking access, without a separate view entry.</summary>
    public async Task<PlanView> LoadAsync(Guid planId, CancellationToken ct = default)
    {
        var plan = await db.SupportPlans.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("The support plan");
        var record = await people.LoadForEditAsync(plan.PersonId, ct);
        var approval = await db.ApprovalRequests.AsNoTracking().Where(a => a.PlanId == planId).OrderByDescending(a => a.RequestedAt).FirstOrDefaultAsync(ct);
        ApprovalSummary? summary = null;
        if (approval is not null)
        {
            var decider = await db.PathwaySteps.AsNoTracking().Where(s => s.SubjectId == approval.Id && s.Stage == PathwayStage.Approval)
                .Select(s => s.OwnerName).FirstOrDefaultAsync(ct);
            summary = new ApprovalSummary(approval.Id, approval.Route, approval.DueDate, approval.DecidedByName ?? decider, approval.Outcome, approval.Reasons, approval.RequestedAt);
        }

        return new PlanView(record, plan, await RulesAsync(plan.PersonId, record.Person, ct), summary);
    }

    /// <summary>The plan and the version it replaced, for the comparison page.</summary>
    public async Task<(PlanView Current, SupportPlan? Previous)> WithPreviousAsync(Guid planId, CancellationToken ct = default)
    {
        var view = await ViewAsync(planId, ct);
        var previous = view.Plan.PreviousVersionId is { } id ? await db.SupportPlans.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct) : null;
        return (view, previous);
    }

    public Task<PlanView> SetSectionAsync(Guid planId, PlanSection section, string? text, PlanContributor? writtenBy, int revision, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, _, actor, now) =>
        {
            if (!Enum.IsDefined(section))
            {
                throw new NotFoundException("The section");
            }

            plan.SetSection(section, text, writtenBy, revision, actor, now);
            return $"{section.Label()} written (by {writtenBy!.Value.Label().ToLowerInvariant()})";
        }, ct);

    public Task<PlanView> SetOutcomesAsync(Guid planId, IReadOnlyList<string?> outcomes, PlanContributor? writtenBy, int revision, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, _, actor, now) =>
        {
            plan.SetOutcomes(outcomes, writtenBy, revision, actor, now);
            return $"Outcomes recorded: {plan.Outcomes.Count} (by {writtenBy!.Value.Label().ToLowerInvariant()})";
        }, ct);

    public Task<PlanView> SetNeedAsync(Guid planId, EligibleNeed need, string? howMet, PlanContributor? writtenBy, int revision, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, rules, actor, now) =>
        {
            EnsureEligibleNeed(rules, need);
            plan.SetNeed(need, howMet, writtenBy, revision, actor, now);
            return $"How an eligible need will be met recorded: {need.Label().ToLowerInvariant()}";
        }, ct);

    /// <summary>Adds (no id) or replaces an element. Every problem with the input is reported at once, then any double-counting.</summary>
    public Task<PlanView> SaveElementAsync(Guid planId, Guid? elementId, ElementInput input, int revision, IReadOnlyList<FieldError>? formatErrors = null, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, rules, actor, now) =>
        {
            var existing = elementId is { } id ? plan.Elements.SingleOrDefault(e => e.Id == id) ?? throw new NotFoundException("The element") : null;
            var errors = new List<FieldError>(formatErrors ?? []);
            if (input.MeetsNeed is { } need && !rules.EligibleNeeds.Contains(need))
            {
                errors.Add(new FieldError(nameof(ElementInput.MeetsNeed), "Select one of the person's eligible needs, or none"));
            }

            PlanElement? element = null;
            try
            {
                element = PlanElement.Create(existing?.Id, input.Description, input.Category, input.Provider, input.UnitCost, input.UnitType, input.UnitsPerWeek,
                    input.StartDate, input.EndDate, input.Deployment, input.MeetsNeed, UkTime.DateOf(now));
            }
            catch (ValidationFailedException ex)
            {
                // A field the form could not read already has its message; keep that one.
                errors.AddRange(ex.Errors.Where(e => errors.All(f => f.Field != e.Field)));
            }

            if (errors.Count > 0)
            {
                throw new ValidationFailedException(errors);
            }

            plan.SaveElement(element!, revision, actor, now);
            return $"Costed element {(existing is null ? "added" : "changed")}: {element!.Category.Label().ToLowerInvariant()}, {UkFormat.Money(element.WeeklyCost)} a week ({element.Deployment.Label().ToLowerInvariant()}); plan {UkFormat.Money(plan.WeeklyCost)} a week";
        }, ct);

    public Task<PlanView> RemoveElementAsync(Guid planId, Guid elementId, int revision, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, _, actor, now) =>
        {
            var element = plan.Elements.SingleOrDefault(e => e.Id == elementId) ?? throw new NotFoundException("The element");
            plan.RemoveElement(elementId, revision, actor, now);
            return $"Costed element removed: {element.Category.Label().ToLowerInvariant()}, {UkFormat.Money(element.WeeklyCost)} a week; plan {UkFormat.Money(plan.WeeklyCost)} a week";
        }, ct);

    public Task<PlanView> SaveRiskAsync(Guid planId, Guid? riskId, RiskInput input, int revision, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, _, actor, now) =>
        {
            var existing = riskId is { } id ? plan.Risks.SingleOrDefault(r => r.Id == id) ?? throw new NotFoundException("The risk") : null;
            var risk = PlanRisk.Create(existing?.Id, input.Description, input.Level, input.IsPositiveRisk, input.WhatWillBeDone, input.WhoDoesIt);
            plan.SaveRisk(risk, revision, actor, now);
            return $"Risk {(existing is null ? "added" : "changed")}: {risk.Level.Label().ToLowerInvariant()}{(risk.IsPositiveRisk ? ", a positive risk the person chooses to take" : "")}";
        }, ct);

    public Task<PlanView> RemoveRiskAsync(Guid planId, Guid riskId, int revision, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, _, actor, now) =>
        {
            plan.RemoveRisk(riskId, revision, actor, now);
            return "Risk removed";
        }, ct);

    public Task<PlanView> SetFundingAsync(Guid planId, decimal? contribution, decimal? nhsShare, string? varianceReason, bool? significantRisk, int revision, IReadOnlyList<FieldError>? formatErrors = null, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, rules, actor, now) =>
        {
            var errors = new List<FieldError>(formatErrors ?? []);
            try
            {
                plan.SetFunding(contribution, nhsShare, varianceReason, significantRisk, rules.Section117, revision, actor, now);
            }
            catch (ValidationFailedException ex)
            {
                errors.AddRange(ex.Errors.Where(e => errors.All(f => f.Field != e.Field)));
            }

            // Until something is costed there is nothing to explain yet; the gaps before submitting still ask.
            if (errors.Count == 0 && plan.Elements.Count > 0 && PlanCosting.NeedsVarianceReason(plan.WeeklyCost, plan.IndicativeWeekly, rules.Standards.PlanVariancePercent) && plan.VarianceReason is null)
            {
                errors.Add(new FieldError("VarianceReason", VarianceReasonMessage(plan, rules)));
            }

            if (errors.Count > 0)
            {
                throw new ValidationFailedException(errors);
            }

            return $"Funding recorded: contribution {UkFormat.Money(plan.AssessedContributionWeekly)} a week, NHS share {UkFormat.Money(plan.NhsShareWeekly)} a week{(plan.SignificantRisk == true ? ", significant risks" : "")}";
        }, ct);

    public Task<PlanView> RecordAgreementAsync(Guid planId, PlanAgreement? agreement, string? inOwnWords, Participation? participation, string? bestInterestsConsulted, int revision, CancellationToken ct = default) =>
        ChangeAsync(planId, (plan, _, actor, now) =>
        {
            var partErrors = new List<FieldError>();
            var part = PersonsPart.From(participation, bestInterestsConsulted, partErrors);
            plan.RecordAgreement(agreement, inOwnWords, part, partErrors, revision, actor, now);
            return $"The person's agreement recorded: {agreement!.Value.Label().ToLowerInvariant()} (took part: {part!.Participation.Label().ToLowerInvariant()})";
        }, ct);

    /// <summary>
    /// Submits the plan for approval: the plan, its approval request (with the route and due date) and the pathway's
    /// move to approval (owned by the decider) are saved together.
    /// </summary>
    public async Task<PlanView> SubmitAsync(Guid planId, int revision, CancellationToken ct = default)
    {
        var (plan, record) = await TrackedAsync(planId, ct);
        var rules = await RulesAsync(plan.PersonId, record.Person, ct);
        var actor = currentUser.Actor;
        var now = clock.GetUtcNow();
        try
        {
            plan.Submit(rules.EligibleNeeds, rules.Standards.PlanVariancePercent, rules.Section117, revision, actor, now);
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            throw;
        }

        var route = DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, rules.Standards.TeamManagerWeeklyLimit);
        var due = DueDates.For(PathwayStage.Approval, pathway.Today, rules.Standards, EnglandBankHolidays.All);
        var request = ApprovalRequest.ForSubmittedPlan(plan, route, due, actor, now);
        db.ApprovalRequests.Add(request);
        // The pathway moves to approval, owned by the decider; a revision submitted outside the pathway still names who would decide.
        var decider = (await pathway.ApplyEventsAsync(ct)).FirstOrDefault(s => s.Stage == PathwayStage.Approval)?.OwnerName
            ?? (await pathway.DeciderAsync(plan.PersonId, route, plan.AuthorId, actor.UserId, ct))?.Name;
        audit.Add(AuditAction.Transitioned, RecordType, plan.Id.ToString(), plan.PersonId,
            summary: $"Plan version {plan.Number} submitted for approval: {UkFormat.Money(plan.WeeklyCost)} a week, route {route.Label().ToLowerInvariant()}{(decider is null ? "" : $" ({decider})")}, due {UkFormat.Date(due)}");
        await SaveAsync(plan.Id, ct);
        return await LoadAsync(planId, ct);
    }

    /// <summary>Makes a new draft version of the approved plan, with a reason. Refused while another draft or submitted version exists.</summary>
    public async Task<SupportPlan> ReviseAsync(Guid planId, string? reason, int? expectedRevision = null, CancellationToken ct = default)
    {
        var (plan, record) = await TrackedAsync(planId, ct);
        if (expectedRevision is { } r && r != plan.Revision)
        {
            throw new ConcurrencyConflictException(plan.UpdatedByName, plan.UpdatedAt);
        }

        if (PlanVersions.CannotReviseReason(await VersionsAsync(plan.PersonId, ct)) is { } why)
        {
            throw new ConflictException("plan-draft-exists", why);
        }

        var episode = await pathway.OpenEpisodeAsync(plan.PersonId, ct);
        var next = plan.NewVersion(reason, episode?.Id, currentUser.Actor, clock.GetUtcNow());
        db.SupportPlans.Add(next);
        if (episode is { Stage: PathwayStage.SupportPlanning } && await pathway.OpenStepAsync(episode.Id, ct) is { } step)
        {
            step.AttachSubject(next.Id);
        }

        audit.Add(AuditAction.Created, RecordType, next.Id.ToString(), plan.PersonId,
            summary: $"Support plan version {next.Number} started as a revision of version {plan.Number}", reason: next.RevisionReason);
        await SaveNewVersionAsync(ct);
        return next;
    }

    /// <summary>
    /// Whether the plan may be deleted (a draft never sent for approval), for the page to offer it; null when it may.
    /// </summary>
    public async Task<string?> CannotDeleteReasonAsync(SupportPlan plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return PlanVersions.CannotDeleteReason(plan.Status, plan.SubmittedAt is not null || await db.ApprovalRequests.AnyAsync(r => r.PlanId == plan.Id, ct));
    }

    /// <summary>
    /// Deletes a draft never sent for approval, from the page it was confirmed on (a draft changed since is refused):
    /// its pathway step stays, with nothing attached, and the deletion is in the person's audit trail.
    /// </summary>
    public async Task<SupportPlan> DeleteDraftAsync(Guid planId, int revision, CancellationToken ct = default)
    {
        var (plan, _) = await TrackedAsync(planId, ct);
        if (await CannotDeleteReasonAsync(plan, ct) is { } why)
        {
            throw new DomainException("plan-cannot-delete", why);
        }

        if (revision != plan.Revision)
        {
            throw new ConcurrencyConflictException(plan.UpdatedByName, plan.UpdatedAt);
        }

        foreach (var step in await db.PathwaySteps.Where(s => s.SubjectId == plan.Id).ToListAsync(ct))
        {
            step.DetachSubject(plan.Id);
        }

        db.SupportPlans.Remove(plan);
        audit.Add(AuditAction.DraftDeleted, RecordType, plan.Id.ToString(), plan.PersonId,
            summary: $"Deleted the draft of version {plan.Number} of the support plan" + (plan.PreviousVersionId is null ? "" : $": version {plan.Number - 1} stays in force"));
        await db.SaveChangesOrConflictAsync(db.SupportPlans.Where(p => p.Id == planId).Select(p => new LastChange(p.UpdatedByName, p.UpdatedAt)), ct);
        return plan;
    }

    public static string VarianceReasonMessage(SupportPlan plan, PlanRules rules) =>
        $"The weekly cost ({UkFormat.Money(plan.WeeklyCost)}) differs from the indicative amount ({UkFormat.Money(plan.IndicativeWeekly ?? 0m)}) by more than {rules.Standards.PlanVariancePercent}%: give a reason";

    private static void EnsureEligibleNeed(PlanRules rules, EligibleNeed need)
    {
        if (!rules.EligibleNeeds.Contains(need))
        {
            throw new NotFoundException("The eligible need");
        }
    }

    private async Task<PlanView> ChangeAsync(Guid planId, Func<SupportPlan, PlanRules, Actor, DateTimeOffset, string> change, CancellationToken ct)
    {
        var (plan, record) = await TrackedAsync(planId, ct);
        var rules = await RulesAsync(plan.PersonId, record.Person, ct);
        string summary;
        try
        {
            summary = change(plan, rules, currentUser.Actor, clock.GetUtcNow());
        }
        catch (DomainException)
        {
            // Nothing of a refused change may be saved by a later save in this request (such as a view's audit entry).
            db.ChangeTracker.Clear();
            throw;
        }

        audit.Add(AuditAction.Updated, RecordType, plan.Id.ToString(), plan.PersonId, summary: $"Plan version {plan.Number}: {summary}");
        await SaveAsync(plan.Id, ct);
        return await LoadAsync(planId, ct);
    }

    private async Task<(SupportPlan Plan, PersonRecord Record)> TrackedAsync(Guid planId, CancellationToken ct)
    {
        var personId = await db.SupportPlans.Where(p => p.Id == planId).Select(p => (Guid?)p.PersonId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("The support plan");
        var record = await people.LoadForEditAsync(personId, ct);
        var plan = await db.SupportPlans.AsSplitQuery().SingleAsync(p => p.Id == planId, ct);
        return (plan, record);
    }

    /// <summary>Saves; if someone saved the plan between our read and our write, says who, and keeps nothing of ours.</summary>
    private Task SaveAsync(Guid planId, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(db.SupportPlans.Where(p => p.Id == planId).Select(p => new LastChange(p.UpdatedByName, p.UpdatedAt)), ct);

    /// <summary>Saves a new plan version; the unique version number catches someone else starting one at the same moment.</summary>
    private Task SaveNewVersionAsync(CancellationToken ct) =>
        db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(
            new ConflictException("plan-version-exists", "Someone else started a version of this plan at the same moment. Open the support plan to continue it")), ct);

    private async Task<PlanRules> RulesAsync(Guid personId, Person person, CancellationToken ct)
    {
        var today = pathway.Today;
        var section117 = person.Section117InForceOn(today);
        return new PlanRules(await db.EligibleNeedsAsync(personId, ct), await pathway.StandardsAsync(ct), section117);
    }

    /// <summary>The person's plan versions, as the version rules read them.</summary>
    private async Task<IReadOnlyList<PlanVersionRef>> VersionsAsync(Guid personId, CancellationToken ct) =>
        await db.SupportPlans.AsNoTracking().Where(p => p.PersonId == personId).Select(p => new PlanVersionRef(p.Id, p.Number, p.Status)).ToListAsync(ct);

    private sealed record IndicativeAmount(Guid Id, decimal Weekly);

    /// <summary>The latest indicative budget and its weekly amount (the revised amount when a challenge was upheld).</summary>
    private async Task<IndicativeAmount?> LatestIndicativeAsync(Guid personId, CancellationToken ct)
    {
        var budgets = await db.IndicativeBudgets.AsNoTracking().Where(b => b.PersonId == personId)
            .Select(b => new { b.Id, b.WeeklyAmount, b.CalculatedAt }).ToListAsync(ct);
        var latest = budgets.OrderByDescending(b => b.CalculatedAt).FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        var upheld = await db.BudgetChallenges.AsNoTracking().Where(c => c.IndicativeBudgetId == latest.Id && c.Outcome == ChallengeOutcome.Upheld)
            .Select(c => new { c.DecidedAt, c.RevisedWeeklyAmount }).ToListAsync(ct);
        var revised = upheld.OrderByDescending(c => c.DecidedAt).Select(c => c.RevisedWeeklyAmount).FirstOrDefault();
        return new IndicativeAmount(latest.Id, revised ?? latest.WeeklyAmount);
    }

    private async Task<string?> CannotStartReasonAsync(Guid personId, IReadOnlyList<SupportPlan> plans, CancellationToken ct) =>
        PlanVersions.CannotStartReason(plans.Select(PlanVersionRef.Of).ToList(), await db.CurrentEligibilityAsync(personId, ct), await LatestIndicativeAsync(personId, ct) is not null);
}
