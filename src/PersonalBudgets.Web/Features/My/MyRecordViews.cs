using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Budgets.Indicative;
using PersonalBudgets.Web.Features.Eligibility;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Features.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.My;

/// <summary>One of the person's completed assessments, with the eligibility decision made on it, if any.</summary>
public sealed record MyAssessment(Assessment Assessment, EligibilityDetermination? Decision)
{
    /// <summary>The outcomes the assessment found the person cannot achieve, in the regulations' order.</summary>
    public IReadOnlyList<AssessmentOutcome> OutcomesNotAchieved => Assessment.Outcomes.Where(o => o.CountsAsUnable).OrderBy(o => o.Outcome).ToList();
}

/// <summary>The person's assessments, newest first, and whether one is being done now.</summary>
public sealed record MyAssessments(IReadOnlyList<MyAssessment> Completed, bool OneInProgress);

/// <summary>The person's latest indicative budget as its letter, with the challenges to it and how to reach the team.</summary>
public sealed record MyIndicativeBudget(IndicativeBudgetLetter Letter, IReadOnlyList<BudgetChallenge> Challenges, TeamContact Contact, IReadOnlyList<string> Teams, string? KeyWorker)
{
    public bool ChallengeOpen => Challenges.Any(c => c.Outcome is null);
}

/// <summary>A row of the person's list of plan versions.</summary>
public sealed record MyPlanVersion(Guid Id, int Number, PlanStatus Status, decimal Weekly, DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt, string Author);

/// <summary>The plan the person has now (the approved one, else the newest), and every version, newest first.</summary>
public sealed record MyPlans(PlanLetter? Current, IReadOnlyList<MyPlanVersion> Versions);

/// <summary>The person's reviews, newest first, and when the next one is due.</summary>
public sealed record MyReviews(IReadOnlyList<Review> Reviews, DateOnly? NextDue, bool NextIsOverdue, bool HasBudget);

/// <summary>What the person's plan pays by direct payment: the budget in place, or else the newest plan (not yet agreed).</summary>
public sealed record MyDirectPayment(bool InPlace, int PlanNumber, PlanStatus PlanStatus, decimal Weekly, IReadOnlyList<PlanElement> Elements, DateOnly? Since);

/// <summary>Who did something with the person's record, in the words the person sees: job and team, not a name.</summary>
public sealed record MyAccessEntry(DateTimeOffset At, string Who, string What, bool IsBreakGlass, string? BreakGlassReason);

/// <param name="EmergencyAccess">Every emergency (break-glass) access to the record, newest first, on every page.</param>
public sealed record MyAccessLog(IReadOnlyList<MyAccessEntry> Entries, int PageNumber, int TotalPages, int Total, IReadOnlyList<MyAccessEntry> EmergencyAccess);

/// <summary>
/// What the person sees of their own record beyond the overview (ADR 0029, slice 2): assessments and the written
/// record, the indicative budget with its working, plan versions, reviews, the direct payment, and who looked at the
/// record. The person id always comes from the sign-in; an id in an address (a plan version) is looked up only among
/// the person's own records, so another person's id is "not found". No staff relationship is checked (there is none),
/// and every view is audited with the person as the actor.
/// </summary>
public sealed class MyRecordViews(PersonalBudgetsDbContext db, AuditLog audit, LetterService letters, TimeProvider clock)
{
    public const int AccessLogPageSize = 25;

    public async Task<MyAssessments> AssessmentsAsync(Guid personId, CancellationToken ct = default)
    {
        var mine = await OwnAssessments(personId).Where(a => a.Status == AssessmentStatus.Completed || a.Status == AssessmentStatus.Draft)
            .OrderByDescending(a => a.CompletedAt).ThenByDescending(a => a.StartedAt).ToListAsync(ct);
        var completed = mine.Where(a => a.Status == AssessmentStatus.Completed).ToList();
        var ids = completed.Select(a => a.Id).ToList();
        var decisions = await db.EligibilityDeterminations.AsNoTracking().Where(d => ids.Contains(d.AssessmentId)).ToListAsync(ct);
        await ViewedAsync(personId, "Assessment", null, "The person viewed their assessments", ct);
        return new MyAssessments(
            completed.Select(a => new MyAssessment(a, decisions.SingleOrDefault(d => d.AssessmentId == a.Id))).ToList(),
            mine.Any(a => a.Status == AssessmentStatus.Draft));
    }

    /// <summary>The written record (s13) of the person's latest eligibility decision, or null when none has been made.</summary>
    public async Task<WrittenRecordLetter?> WrittenRecordAsync(Guid personId, CancellationToken ct = default)
    {
        var assessments = await OwnAssessments(personId).Where(a => a.Status == AssessmentStatus.Completed).ToListAsync(ct);
        var ids = assessments.Select(a => a.Id).ToList();
        var decision = (await db.EligibilityDeterminations.AsNoTracking().Where(d => ids.Contains(d.AssessmentId)).ToListAsync(ct))
            .OrderByDescending(d => d.ConfirmedAt).FirstOrDefault();
        var chosen = decision is null ? null : new { Assessment = assessments.Single(a => a.Id == decision.AssessmentId), Decision = decision };
        await ViewedAsync(personId, "Eligibility", chosen?.Decision.Id.ToString(),
            chosen is null ? "The person looked for their eligibility decision (none made)" : "The person viewed the written record of their eligibility decision", ct);
        if (chosen is null)
        {
            return null;
        }

        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        var teams = await db.TeamAllocations.AsNoTracking().Where(a => a.PersonId == personId && a.EndedAt == null)
            .Join(db.Teams, a => a.TeamId, t => t.Id, (a, t) => t).OrderBy(t => t.Name).Select(t => new TeamRef(t.Id, t.Name)).ToListAsync(ct);
        var view = new WrittenRecordView(person, chosen.Assessment, chosen.Decision, teams);
        var heading = await letters.HeadingAsync(personId, WrittenRecordLetter.Reference(chosen.Decision), WrittenRecordLetter.CarerRecipient(view), ct);
        return new WrittenRecordLetter(heading, view);
    }

    /// <summary>The person's latest indicative budget, explained as its letter, or null when there is none.</summary>
    public async Task<MyIndicativeBudget?> IndicativeBudgetAsync(Guid personId, CancellationToken ct = default)
    {
        var budget = (await db.IndicativeBudgets.AsNoTracking().Where(b => b.PersonId == personId).ToListAsync(ct))
            .OrderByDescending(b => b.CalculatedAt).FirstOrDefault();
        await ViewedAsync(personId, IndicativeBudgetService.BudgetRecordType, budget?.Id.ToString(),
            budget is null ? "The person looked for their indicative budget (none worked out)" : "The person viewed their indicative budget and its working", ct);
        if (budget is null)
        {
            return null;
        }

        var challenges = (await db.BudgetChallenges.AsNoTracking().Where(c => c.IndicativeBudgetId == budget.Id).ToListAsync(ct))
            .OrderBy(c => c.RaisedAt).ToList();
        var revised = challenges.Where(c => c.Outcome == ChallengeOutcome.Upheld).OrderByDescending(c => c.DecidedAt).Select(c => c.RevisedWeeklyAmount).FirstOrDefault();
        var heading = await letters.HeadingAsync(personId, IndicativeBudgetLetter.Reference(budget), ct: ct);
        return new MyIndicativeBudget(new IndicativeBudgetLetter(heading, budget, revised), challenges, heading.Contact, heading.Teams, heading.KeyWorker);
    }

    /// <summary>The plan in force (or the newest version) as its letter, and the list of every version.</summary>
    public async Task<MyPlans> PlansAsync(Guid personId, CancellationToken ct = default)
    {
        var versions = await VersionsAsync(personId, ct);
        var current = versions.FirstOrDefault(v => v.Status == PlanStatus.Approved) ?? (versions.Count > 0 ? versions[0] : null);
        await ViewedAsync(personId, SupportPlanService.RecordType, current?.Id.ToString(),
            current is null ? "The person looked for their support plan (none started)" : $"The person viewed their support plan (version {current.Number}) and its versions", ct);
        return new MyPlans(current is null ? null : await PlanLetterAsync(personId, current.Id, ct), versions);
    }

    public async Task<IReadOnlyList<MyPlanVersion>> PlanVersionsAsync(Guid personId, CancellationToken ct = default)
    {
        var versions = await VersionsAsync(personId, ct);
        await ViewedAsync(personId, SupportPlanService.RecordType, null, "The person viewed the list of their support plan versions", ct);
        return versions;
    }

    /// <summary>One version of the person's own plan; "not found" for any id that is not one of theirs.</summary>
    public async Task<PlanLetter> PlanVersionAsync(Guid personId, Guid planId, CancellationToken ct = default)
    {
        var letter = await PlanLetterAsync(personId, planId, ct);
        await ViewedAsync(personId, SupportPlanService.RecordType, planId.ToString(), $"The person viewed version {letter.Plan.Number} of their support plan", ct);
        return letter;
    }

    public async Task<MyReviews> ReviewsAsync(Guid personId, CancellationToken ct = default)
    {
        var reviews = (await db.Reviews.AsNoTracking().Where(r => r.PersonId == personId).ToListAsync(ct))
            .OrderByDescending(r => r.CompletedAt ?? DateTimeOffset.MaxValue).ThenByDescending(r => r.CreatedAt).ToList();
        // Owned rows come back in no particular order: show each review's outcomes in its plan's order, as staff see them.
        var planIds = reviews.Select(r => r.PlanId).Distinct().ToList();
        var order = (await db.SupportPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToListAsync(ct))
            .SelectMany(p => p.Outcomes).ToDictionary(o => o.Id, o => o.Order);
        foreach (var review in reviews)
        {
            review.Outcomes.Sort((a, b) => order.GetValueOrDefault(a.PlanOutcomeId, int.MaxValue).CompareTo(order.GetValueOrDefault(b.PlanOutcomeId, int.MaxValue)));
        }

        var next = await NextReviewAsync(personId, ct);
        var hasBudget = await db.PersonalBudgets.AnyAsync(b => b.PersonId == personId && b.EndDate == null, ct);
        await ViewedAsync(personId, "Review", null, "The person viewed their reviews", ct);
        return new MyReviews(reviews, next, next is { } due && due < clock.UkToday(), hasBudget);
    }

    /// <summary>
    /// The direct payment as far as the service records it today: the weekly amount and the support it pays for, from
    /// the personal budget in place, or else from the newest plan (not agreed yet). Null when no plan has a direct payment.
    /// </summary>
    public async Task<MyDirectPayment?> DirectPaymentAsync(Guid personId, CancellationToken ct = default)
    {
        var budget = (await db.PersonalBudgets.AsNoTracking().Where(b => b.PersonId == personId && b.EndDate == null).ToListAsync(ct))
            .OrderByDescending(b => b.StartDate).ThenByDescending(b => b.CreatedAt).FirstOrDefault();
        var versions = budget is null ? await VersionsAsync(personId, ct) : [];
        var planId = budget?.PlanId ?? (versions.Count > 0 ? versions[0].Id : null);
        var plan = planId is { } id ? await db.SupportPlans.AsNoTracking().AsSplitQuery().SingleAsync(p => p.Id == id, ct) : null;
        var paid = plan?.Elements.Where(e => e.Deployment == Deployment.DirectPayment).OrderBy(e => e.StartDate).ThenBy(e => e.Description).ToList() ?? [];
        await ViewedAsync(personId, "DirectPayment", plan?.Id.ToString(),
            paid.Count == 0 ? "The person looked for their direct payment (none in their plan)" : "The person viewed their direct payment", ct);
        if (plan is null || paid.Count == 0)
        {
            return null;
        }

        var weekly = budget is not null ? budget.DirectPaymentWeekly : PlanCosting.PeakWeekly(paid);
        return new MyDirectPayment(budget is not null, plan.Number, plan.Status, weekly, paid, budget?.StartDate);
    }

    /// <summary>
    /// Who looked at or changed the person's record, newest first: staff by their job, team and employer (not by name),
    /// break-glass with its reason. The person's own sign-ins and views are left out; searches are not about one record.
    /// The page number is kept within the pages there are.
    /// </summary>
    /// <summary>How many emergency accesses the list shows at its top (they are rare; the full list has them all).</summary>
    public const int MaxEmergencyAccessShown = 50;

    public async Task<MyAccessLog> AccessLogAsync(Guid personId, int pageNumber, CancellationToken ct = default)
    {
        var ownAccounts = db.PersonAccounts.Where(a => a.PersonId == personId).Select(a => (Guid?)a.Id);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.PersonId == personId && a.Action != AuditAction.Searched
            && !(a.ActorKind == ActorKind.Person && ownAccounts.Contains(a.UserId)));
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + AccessLogPageSize - 1) / AccessLogPageSize);
        var page = Math.Clamp(pageNumber, 1, pages);
        var entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(Paging.Offset(page, AccessLogPageSize)).Take(AccessLogPageSize).ToListAsync(ct);

        // Emergency access is what a person most needs to see: every grant of it, whatever page of the list is open.
        var emergencies = await query.Where(a => a.Action == AuditAction.BreakGlassGranted)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(MaxEmergencyAccessShown).ToListAsync(ct);
        var staffIds = entries.Concat(emergencies).Where(e => e.ActorKind == ActorKind.Staff && e.UserId is not null).Select(e => e.UserId!.Value).Distinct().ToList();
        var staff = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id))
            .Join(db.Organisations, u => u.EmployerId, o => o.Id, (u, o) => new { u.Id, u.Profession, u.JobTitle, Employer = o.Type })
            .ToListAsync(ct);
        var teams = await db.TeamMemberships.AsNoTracking().Where(m => staffIds.Contains(m.UserId))
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.UserId, t.Name }).ToListAsync(ct);
        var who = staff.ToDictionary(s => s.Id, s => StaffInWords(
            s.JobTitle, s.Profession, teams.Where(t => t.UserId == s.Id).Select(t => t.Name).Order().ToList(), s.Employer));

        await ViewedAsync(personId, "AccessLog", null, $"The person viewed who looked at their record (page {page})", ct);
        MyAccessEntry Entry(AuditEntry e) => new(
            e.OccurredAt,
            e.ActorKind == ActorKind.Person ? "Someone you gave access to your record online"
                : e.UserId is { } id && who.TryGetValue(id, out var words) ? words : "Someone working for the council or the NHS",
            What(e),
            e.IsBreakGlass || e.Action == AuditAction.BreakGlassGranted,
            e.Action == AuditAction.BreakGlassGranted ? e.Reason : null);
        return new MyAccessLog(entries.Select(Entry).ToList(), page, pages, total, emergencies.Select(Entry).ToList());
    }

    /// <summary>A member of staff as the person sees them: their job, their team and who employs them.</summary>
    public static string StaffInWords(string? jobTitle, Profession profession, IReadOnlyList<string> teams, OrganisationType employer)
    {
        var job = string.IsNullOrWhiteSpace(jobTitle) ? profession.Label() : jobTitle.Trim();
        var article = "aeiouAEIOU".Contains(job[0], StringComparison.Ordinal) ? "An" : "A";
        var from = employer == OrganisationType.NhsTrust ? "the NHS" : "the council";
        return teams.Count == 0
            ? $"{article} {job.ToLowerInvariant()} from {from}"
            : $"{article} {job.ToLowerInvariant()} in {string.Join(" and ", teams)}, from {from}";
    }

    /// <summary>What happened, in plain words: looked at, changed or tried to open which part of the record.</summary>
    public static string What(AuditEntry e)
    {
        var part = e.RecordType switch
        {
            "Person" => "your details",
            "Assessment" => "your assessment",
            "Eligibility" => "your eligibility decision",
            "Offer" => "the offer of a personal budget",
            "IndicativeBudget" => "your indicative budget",
            "BudgetChallenge" => "your question about your indicative budget",
            "SupportPlan" => "your support plan",
            "ApprovalRequest" => "the decision on your support plan",
            "PersonalBudget" => "your personal budget",
            "Review" => "your review",
            "Pathway" or "PathwayStep" => "who is doing each step of your support",
            "PersonAccount" => "your online account",
            _ => "your record",
        };
        return e.Action switch
        {
            AuditAction.Viewed => $"Looked at {part}",
            AuditAction.BreakGlassGranted => "Opened your record in an emergency, without working with you",
            AuditAction.AccessDenied => "Tried to open your record, but was not allowed",
            AuditAction.Created => $"Added to {part}",
            AuditAction.Allocated => "Changed which team works with you",
            AuditAction.Reallocated => "Changed who is doing a step of your support",
            AuditAction.Decided => $"Made a decision about {part}",
            AuditAction.DraftDeleted => $"Deleted an unfinished draft of {part}",
            AuditAction.Transitioned => "Moved your support on to its next step",
            _ => $"Changed {part}",
        };
    }

    private IQueryable<Assessment> OwnAssessments(Guid personId) =>
        // A carer's assessment kept on this person's record is the carer's, not theirs; their own as a carer (ADR 21) is.
        db.Assessments.AsNoTracking().Where(a => (a.PersonId == personId && a.Kind == AssessmentKind.Adult) || (a.Kind == AssessmentKind.Carer && a.CarerPersonId == personId));

    private async Task<IReadOnlyList<MyPlanVersion>> VersionsAsync(Guid personId, CancellationToken ct) =>
        (await db.SupportPlans.AsNoTracking().AsSplitQuery().Where(p => p.PersonId == personId).ToListAsync(ct))
        .OrderByDescending(p => p.Number)
        .Select(p => new MyPlanVersion(p.Id, p.Number, p.Status, p.WeeklyCost, p.CreatedAt, p.ApprovedAt, p.AuthorName))
        .ToList();

    private async Task<PlanLetter> PlanLetterAsync(Guid personId, Guid planId, CancellationToken ct)
    {
        var plan = await db.SupportPlans.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == planId && p.PersonId == personId, ct)
            ?? throw new NotFoundException("The support plan");
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        var heading = await letters.HeadingAsync(personId, PlanLetter.Reference(plan), ct: ct) with { ShowNextReview = plan.Status == PlanStatus.Approved };
        return new PlanLetter(heading, person.DisplayName, plan, await db.EligibleNeedsAsync(personId, ct), person.Section117InForceOn(clock.UkToday()));
    }

    private Task<DateOnly?> NextReviewAsync(Guid personId, CancellationToken ct) =>
        db.PathwaySteps.AsNoTracking()
            .Where(s => s.PersonId == personId && s.CompletedAt == null && (s.Stage == PathwayStage.BudgetInPlace || s.Stage == PathwayStage.Review))
            .OrderBy(s => s.DueDate).Select(s => (DateOnly?)s.DueDate).FirstOrDefaultAsync(ct);

    private Task ViewedAsync(Guid personId, string recordType, string? recordId, string summary, CancellationToken ct) =>
        audit.RecordAsync(AuditAction.Viewed, recordType, recordId, personId, summary: summary, cancellationToken: ct);
}
