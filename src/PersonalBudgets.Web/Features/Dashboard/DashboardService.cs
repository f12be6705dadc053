using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reporting;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Reporting;
using PersonalBudgets.Web.Infrastructure.Observability;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>The steps of the funnel, in pathway order.</summary>
public enum FunnelStep
{
    [Display(Name = "Referred")] Referred,
    [Display(Name = "Assessed")] Assessed,
    [Display(Name = "Eligible")] Eligible,
    [Display(Name = "Offered a personal budget")] OfferedPersonalBudget,
    [Display(Name = "Offered a direct payment")] OfferedDirectPayment,
    [Display(Name = "Indicative budget")] IndicativeBudget,
    [Display(Name = "Plan submitted")] PlanSubmitted,
    [Display(Name = "Plan approved")] Approved,
    [Display(Name = "Budget in place")] BudgetInPlace,
    [Display(Name = "First review done")] FirstReview,
}

/// <summary>
/// Whose figures the viewer sees: a team manager their own teams (with names in the lists, as their legitimate
/// relationship allows); analysts and administrators every team, with pseudonymised lists (ADR 0027).
/// </summary>
public sealed record DashboardScope(bool AllTeams, IReadOnlyList<(Guid Id, string Name)> Teams, bool Pseudonymised);

/// <summary>A person or step keyed by the value the funnel is compared by.</summary>
public sealed class Keyed<TKey>
{
    public Guid PersonId { get; init; }
    public TKey Key { get; init; } = default!;
}

/// <summary>The dashboard's figures, each with its numerator, denominator and the link to the list behind it.</summary>
public sealed record DashboardReport(DashboardFilter Filter, DashboardScope Scope, IReadOnlyList<DashboardSection> Sections)
{
    public ReportTable? Table(string id) => Sections.SelectMany(s => s.Tables).FirstOrDefault(t => t.Id == id);
}

public sealed record DashboardSection(string Id, string Title, string Description, IReadOnlyList<ReportTable> Tables);

/// <summary>
/// Computes the implementation dashboard from the reporting definitions (<see cref="PathwayDefinitions"/>): counts are
/// grouped and counted in the database over the people the viewer's scope and the filter allow; only durations and
/// review dates come back as small projections for the medians and percentiles (Core's <see cref="Statistics"/>).
/// The sections are independent, so the report computes them side by side, each with a database context of its own.
/// </summary>
public sealed class DashboardService(PersonalBudgetsDbContext db, ICurrentUser currentUser, TimeProvider clock, IServiceScopeFactory scopes, ILogger<DashboardService> logger)
{
    /// <summary>
    /// How many sections are computed at once: each holds one connection while its queries run, one after another. Every
    /// query reads tens of thousands of rows at a region's scale, so the database's cores, not round trips, bound it.
    /// </summary>
    public static int SectionsAtOnce => Math.Clamp(Environment.ProcessorCount, 2, 4);

    public DateOnly Today => clock.UkToday();

    public async Task<DashboardScope> ScopeAsync(CancellationToken ct = default)
    {
        var principal = currentUser.Principal;
        var all = principal.IsInRole(nameof(Role.Analyst)) || principal.IsInRole(nameof(Role.Administrator));
        var userId = currentUser.Id;
        var teams = all
            ? await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)
            : await db.TeamMemberships.AsNoTracking().Where(m => m.UserId == userId).Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { t.Id, t.Name })
                .OrderBy(t => t.Name).ToListAsync(ct);
        return new DashboardScope(all, teams.Select(t => (t.Id, t.Name)).ToList(), all);
    }

    /// <summary>Refuses a team the viewer may not see, naming the field.</summary>
    public static void EnsureTeamInScope(DashboardFilter filter, DashboardScope scope, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(errors);
        if (filter.TeamId is { } team && scope.Teams.All(t => t.Id != team))
        {
            errors.Add(new FieldError("team", scope.AllTeams ? "Choose a team from the list" : "Choose one of your teams"));
        }
    }

    private static DateTimeOffset Start(DashboardFilter f) => UkTime.StartOf(f.From);

    private static DateTimeOffset End(DashboardFilter f) => UkTime.StartOf(f.To.AddDays(1));

    /// <summary>
    /// The people the figures count: allocated now to the viewer's teams (or the team chosen; analysts: everyone), of
    /// the age band on the period's last day, gender and ethnicity chosen; with a profession chosen, whose key worker is
    /// of it.
    /// </summary>
    public IQueryable<Person> PeopleInScope(DashboardFilter filter, DashboardScope scope, bool byKeyWorker = true)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        var people = db.People.AsNoTracking();
        List<Guid>? teamIds = filter.TeamId is { } t ? [t] : scope.AllTeams ? null : scope.Teams.Select(x => x.Id).ToList();
        if (teamIds is not null)
        {
            people = people.Where(p => db.TeamAllocations.Any(a => a.PersonId == p.Id && a.EndedAt == null && teamIds.Contains(a.TeamId)));
        }

        if (filter.Gender is { } gender)
        {
            people = people.Where(p => p.Gender == gender);
        }

        if (filter.Ethnicity is { } ethnicity)
        {
            people = people.Where(p => p.Ethnicity == ethnicity);
        }

        if (filter.AgeBand is { } band)
        {
            var (bornFrom, bornTo) = AgeBands.DatesOfBirth(band, filter.To);
            var to = bornTo!.Value;
            people = people.Where(p => p.DateOfBirth <= to);
            if (bornFrom is { } from)
            {
                people = people.Where(p => p.DateOfBirth >= from);
            }
        }

        if (byKeyWorker && filter.Profession is { } profession)
        {
            people = people.Where(p => db.Users.Any(u => u.Id == p.KeyWorkerId && u.Profession == profession));
        }

        return people;
    }

    private IQueryable<Guid> InScopeIds(DashboardFilter filter, DashboardScope scope, bool byKeyWorker = true) =>
        PeopleInScope(filter, scope, byKeyWorker).Select(p => p.Id);

    /// <summary>Whether the scope and filter leave everyone in: an analyst's view of every team with no filter.</summary>
    public static bool Everyone(DashboardFilter filter, DashboardScope scope, bool byKeyWorker = true)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.AllTeams && filter.TeamId is null && filter.Gender is null && filter.Ethnicity is null && filter.AgeBand is null
            && !(byKeyWorker && filter.Profession is not null);
    }

    /// <summary>
    /// The rows of people in scope (<see cref="PeopleInScope"/>). When the scope is everyone the rows are returned as
    /// they are: every row's person is a person, so the test would only make the database join every row to the people.
    /// </summary>
    public IQueryable<T> InScope<T>(IQueryable<T> rows, Expression<Func<T, Guid>> personId, DashboardFilter filter, DashboardScope scope, bool byKeyWorker = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(personId);
        if (Everyone(filter, scope, byKeyWorker))
        {
            return rows;
        }

        var ids = InScopeIds(filter, scope, byKeyWorker);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(Guid)], ids.Expression, personId.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(contains, personId.Parameters));
    }

    /// <summary>The teams the figures are shown for: the team chosen, or every team in the viewer's scope.</summary>
    public static IReadOnlyList<(Guid Id, string Name)> TeamsInView(DashboardFilter filter, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Teams.Where(t => filter.TeamId is null || t.Id == filter.TeamId).ToList();
    }

    /// <summary>
    /// For each team in view (<see cref="TeamsInView"/>), how many of <paramref name="people"/> it has allocated now, and
    /// how many of those are also in <paramref name="subset"/>: one grouped query for every team, so an analyst's view of
    /// twenty teams costs no more than one team's. A person in two teams counts in both. Teams with none are left out.
    /// </summary>
    public async Task<Dictionary<Guid, (long All, long InSubset)>> CountByTeamAsync(IQueryable<Guid> people, IQueryable<Guid> subset, DashboardFilter filter, DashboardScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(subset);
        var teamIds = TeamsInView(filter, scope).Select(t => t.Id).ToList();
        var rows = await db.TeamAllocations.AsNoTracking()
            .Where(a => a.EndedAt == null && teamIds.Contains(a.TeamId) && people.Contains(a.PersonId))
            .Select(a => new { a.TeamId, a.PersonId }).Distinct()
            .Select(a => new { a.TeamId, InSubset = subset.Contains(a.PersonId) ? 1L : 0L })
            .GroupBy(a => a.TeamId).Select(g => new { g.Key, All = g.LongCount(), InSubset = g.Sum(x => x.InSubset) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => (r.All, r.InSubset));
    }

    /// <summary>The funnel's cohort: people in scope referred (a pathway opened) in the period.</summary>
    public IQueryable<Person> Referred(DashboardFilter filter, DashboardScope scope)
    {
        var referrals = PathwayDefinitions.Referrals(db).Where(r => r.ReferralDate >= filter.From && r.ReferralDate <= filter.To);
        return PeopleInScope(filter, scope).Where(p => referrals.Any(r => r.PersonId == p.Id));
    }

    /// <summary>The people who reached a step by the end of the period (any time before it ended).</summary>
    public IQueryable<Guid>? Reached(FunnelStep step, DashboardFilter filter)
    {
        var end = End(filter);
        return step switch
        {
            FunnelStep.Referred => null,
            FunnelStep.Assessed => PathwayDefinitions.Assessed(db).Where(m => m.At < end).Select(m => m.PersonId),
            FunnelStep.Eligible => PathwayDefinitions.EligibleAsAt(db, end.AddTicks(-1)).Select(m => m.PersonId),
            FunnelStep.OfferedPersonalBudget => PathwayDefinitions.OfferedPersonalBudget(db).Where(o => o.At < end).Select(o => o.PersonId),
            FunnelStep.OfferedDirectPayment => PathwayDefinitions.OfferedDirectPayment(db).Where(o => o.At < end).Select(o => o.PersonId),
            FunnelStep.IndicativeBudget => PathwayDefinitions.IndicativeBudgets(db).Where(m => m.At < end).Select(m => m.PersonId),
            FunnelStep.PlanSubmitted => PathwayDefinitions.PlansSubmitted(db).Where(m => m.At < end).Select(m => m.PersonId),
            FunnelStep.Approved => PathwayDefinitions.PlansApproved(db).Where(m => m.At < end).Select(m => m.PersonId),
            FunnelStep.BudgetInPlace => PathwayDefinitions.Budgets(db).Where(b => b.StartDate <= filter.To).Select(b => b.PersonId),
            FunnelStep.FirstReview => PathwayDefinitions.FirstReviewedBefore(db, end),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>People eligible at the end of the period whose (current) decision was made in it: the offers' denominator.</summary>
    public IQueryable<Guid> EligibleInPeriod(DashboardFilter filter, DashboardScope scope)
    {
        var (start, end) = (Start(filter), End(filter));
        return InScope(PathwayDefinitions.EligibleAsAt(db, end.AddTicks(-1), decidedFrom: start), m => m.PersonId, filter, scope).Select(m => m.PersonId);
    }

    /// <summary>People in scope with a budget in place on the period's last day.</summary>
    public IQueryable<BudgetInPlace> InPlace(DashboardFilter filter, DashboardScope scope)
    {
        return InScope(PathwayDefinitions.InPlaceOn(db, filter.To), b => b.PersonId, filter, scope);
    }

    /// <summary>The first personal budgets of people in scope that started in the period.</summary>
    public IQueryable<BudgetInPlace> FirstBudgetsInPeriod(DashboardFilter filter, DashboardScope scope) =>
        InScope(PathwayDefinitions.Budgets(db).Where(b => b.StartDate >= filter.From && b.StartDate <= filter.To && !db.PersonalBudgets.Any(e => e.PersonId == b.PersonId && e.StartDate < b.StartDate)),
            b => b.PersonId, filter, scope);

    /// <summary>The open steps now of people in scope (with a profession chosen: steps owned by it).</summary>
    public IQueryable<PathwayStep> OpenSteps(DashboardFilter filter, DashboardScope scope)
    {
        var steps = InScope(db.PathwaySteps.AsNoTracking().Where(s => s.CompletedAt == null), s => s.PersonId, filter, scope, byKeyWorker: false);
        if (filter.Profession is { } p)
        {
            steps = steps.Where(s => s.OwnerProfession == p);
        }

        return steps;
    }

    /// <summary>Steps completed in the period with how the person took part (steps closed by an ending have none).</summary>
    public IQueryable<PathwayStep> CompletedSteps(DashboardFilter filter, DashboardScope scope)
    {
        var (start, end) = (Start(filter), End(filter));
        var steps = InScope(db.PathwaySteps.AsNoTracking().Where(s => s.CompletedAt >= start && s.CompletedAt < end && s.Participation != null), s => s.PersonId, filter, scope, byKeyWorker: false);
        if (filter.Profession is { } p)
        {
            steps = steps.Where(s => s.OwnerProfession == p);
        }

        return steps;
    }

    public IQueryable<SupportPlan> PlansSubmittedInPeriod(DashboardFilter filter, DashboardScope scope)
    {
        var (start, end) = (Start(filter), End(filter));
        return InScope(db.SupportPlans.AsNoTracking().IgnoreAutoIncludes().Where(p => p.SubmittedAt >= start && p.SubmittedAt < end), p => p.PersonId, filter, scope);
    }

    public IQueryable<Review> ReviewsCompletedInPeriod(DashboardFilter filter, DashboardScope scope)
    {
        var (start, end) = (Start(filter), End(filter));
        return InScope(db.Reviews.AsNoTracking().Where(r => r.Status == ReviewStatus.Completed && r.CompletedAt >= start && r.CompletedAt < end), r => r.PersonId, filter, scope);
    }

    /// <summary>The offer records of the period's eligible people up to the period's end.</summary>
    public IQueryable<OfferMilestone> OffersOfEligible(DashboardFilter filter, DashboardScope scope)
    {
        var end = End(filter);
        var eligible = EligibleInPeriod(filter, scope);
        return PathwayDefinitions.Offers(db).Where(o => o.At < end && eligible.Contains(o.PersonId));
    }

    /// <summary>Offers not made in the period, to people in scope (any eligibility), with their reasons.</summary>
    public IQueryable<OfferMilestone> NotOffered(DashboardFilter filter, DashboardScope scope)
    {
        var (start, end) = (Start(filter), End(filter));
        var offers = InScope(PathwayDefinitions.Offers(db).Where(o => !o.Offered && o.At >= start && o.At < end), o => o.PersonId, filter, scope, byKeyWorker: false);
        return filter.Profession is { } p ? offers.Where(o => o.RecordedByProfession == p) : offers;
    }

    public IQueryable<StepOwnerChange> Reallocations(DashboardFilter filter, DashboardScope scope)
    {
        var (start, end) = (Start(filter), End(filter));
        return InScope(db.StepOwnerChanges.AsNoTracking().Where(c => c.FromOwnerId != null && c.ChangedAt >= start && c.ChangedAt < end), c => c.PersonId, filter, scope, byKeyWorker: false);
    }

    /// <summary>The charging measures (issue 14), a section of their own over this service's context.</summary>
    public FinanceSection Finance() => new(db, this);

    /// <summary>The direct payment measures (issue 15), a section of their own over this service's context.</summary>
    public DirectPaymentSection DirectPayments() => new(db, this);

    /// <summary>The sections kept apart from this class whose figures open lists (the list page asks each in turn).</summary>
    public IReadOnlyList<IDashboardListSource> ListSources() => [Finance(), DirectPayments()];

    /// <param name="linkFor">The address of the list behind a figure: the filter, the figure's name and its argument.</param>
    public async Task<DashboardReport> ReportAsync(DashboardFilter filter, DashboardScope scope, Func<DashboardFilter, string, string?, string> linkFor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(linkFor);
        string link(string figure, string? argument) => linkFor(filter, figure, argument);
        // In the order they start: the longest first (as measured at 100,000 people, ADR 0042), so that the sections running
        // side by side finish together rather than one long section running alone at the end. Each is shown at its place
        // in the report (the number): the pathway's order.
        var builders = new (int Shown, Func<DashboardService, Task<DashboardSection>> Build)[]
        {
            (8, d => d.DirectPayments().BuildAsync(filter, scope, linkFor, ct)),
            (0, d => d.FunnelAsync(filter, scope, link, linkFor, ct)),
            (3, d => d.TimeAsync(filter, scope, link, ct)),
            (1, d => d.OffersAsync(filter, scope, link, ct)),
            (4, d => d.OwnershipAsync(filter, scope, link, ct)),
            (6, d => d.ReviewsAsync(filter, scope, link, ct)),
            (5, d => d.InvolvementAsync(filter, scope, link, ct)),
            (7, d => d.Finance().BuildAsync(filter, scope, link, ct)),
            (2, d => d.UptakeAsync(filter, scope, link, ct)),
        };
        var sections = new DashboardSection[builders.Length];
        var next = -1;
        async Task WorkAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < builders.Length; i = Interlocked.Increment(ref next))
            {
                // A context is not safe for two queries at once: each section has a scope, and a context, of its own.
                await using var section = scopes.CreateAsyncScope();
                var started = clock.GetTimestamp();
                var service = section.ServiceProvider.GetRequiredService<DashboardService>();
                var build = builders[i].Build;
                var built = await service.OnOneSnapshotAsync(_ => build(service), ct);
                var elapsed = clock.GetElapsedTime(started);
                Telemetry.DashboardSectionDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("section", built.Id));
                logger.LogDebug("Dashboard section {Section} computed in {ElapsedMs:0} ms", built.Id, elapsed.TotalMilliseconds);
                sections[builders[i].Shown] = built;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, SectionsAtOnce).Select(_ => WorkAsync()));
        return new DashboardReport(filter, scope, sections);
    }

    private async Task<DashboardSection> FunnelAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, Func<DashboardFilter, string, string?, string> linkFor, CancellationToken ct)
    {
        var cohort = Referred(filter, scope);
        var steps = Enum.GetValues<FunnelStep>();
        var counts = await FunnelCountsAsync(cohort, filter, scope, ct);

        var referred = counts[FunnelStep.Referred];
        var rows = steps.Select((s, i) => new ReportRow(s.Label(),
        [
            Cell.Of(counts[s], referred, link("funnel", s.ToString())),
            i == 0 ? Cell.Of(counts[s], referred) : Cell.Of(counts[s], counts[steps[i - 1]]),
        ])).ToList();
        var tables = new List<ReportTable>
        {
            new("funnel", "The pathway, step by step",
                $"Of the people referred from {UkFormat.Date(filter.From)} to {UkFormat.Date(filter.To)}, how many reached each step by the end of the period. Eligible: the person's current decision then says eligible.",
                ["Of the people referred", "Of the step before"], rows),
        };

        if (filter.Compare != CompareBy.Nothing)
        {
            tables.Add(await CompareFunnelAsync(filter, scope, cohort, linkFor, ct));
            tables.Add(await CompareKeyFiguresAsync(filter, scope, linkFor, ct));
        }

        return new DashboardSection("funnel", "Funnel", "Referrals to first review: counts and rates at each step.", tables);
    }

    /// <summary>
    /// How many of the cohort reached each step, in one query that reads the cohort once, rather than ten counts that each
    /// work the cohort out again. Each step is tested with IN or EXISTS by the scope (see below, and ADR 0041).
    /// </summary>
    private async Task<Dictionary<FunnelStep, long>> FunnelCountsAsync(IQueryable<Person> cohort, DashboardFilter filter, DashboardScope scope, CancellationToken ct)
    {
        var assessed = Reached(FunnelStep.Assessed, filter)!;
        var eligible = Reached(FunnelStep.Eligible, filter)!;
        var offeredBudget = Reached(FunnelStep.OfferedPersonalBudget, filter)!;
        var indicative = Reached(FunnelStep.IndicativeBudget, filter)!;
        var submitted = Reached(FunnelStep.PlanSubmitted, filter)!;
        var approved = Reached(FunnelStep.Approved, filter)!;
        var inPlace = Reached(FunnelStep.BudgetInPlace, filter)!;
        var reviewed = Reached(FunnelStep.FirstReview, filter)!;
        Expression<Func<IGrouping<int, Person>, FunnelRow>> counts = g => new FunnelRow
        {
            Referred = g.LongCount(),
            Assessed = g.LongCount(p => Among.Has(assessed, p.Id)),
            Eligible = g.LongCount(p => Among.Has(eligible, p.Id)),
            OfferedBudget = g.LongCount(p => Among.Has(offeredBudget, p.Id)),
            Indicative = g.LongCount(p => Among.Has(indicative, p.Id)),
            Submitted = g.LongCount(p => Among.Has(submitted, p.Id)),
            Approved = g.LongCount(p => Among.Has(approved, p.Id)),
            InPlace = g.LongCount(p => Among.Has(inPlace, p.Id)),
            Reviewed = g.LongCount(p => Among.Has(reviewed, p.Id)),
        };
        // Everyone: each step's set is built once and the cohort looked up in it (IN, a hashed sub-plan). A narrower
        // scope (a team manager's): each of the cohort's people is looked up in each step by their id (EXISTS), rather
        // than building sets of everyone (measured for a team of 5,700: 320 ms against 500 ms; for everyone the other way
        // round, 510 ms against 1.4 s).
        var projection = Among.Rewrite(counts, Everyone(filter, scope) ? Among.Form.In : Among.Form.Exists);
        var row = await cohort.GroupBy(_ => 1).Select(projection).FirstOrDefaultAsync(ct);
        // While one offer covers both a personal budget and a direct payment, the direct payment step's count is the
        // personal budget step's (the set is built once); should they be asked apart, it is counted on its own.
        var offeredPayment = row?.OfferedBudget ?? 0;
        if (!PathwayDefinitions.OneOfferCoversADirectPayment)
        {
            var offeredPaymentSet = Reached(FunnelStep.OfferedDirectPayment, filter)!;
            offeredPayment = await cohort.LongCountAsync(p => offeredPaymentSet.Contains(p.Id), ct);
        }
        return new Dictionary<FunnelStep, long>
        {
            [FunnelStep.Referred] = row?.Referred ?? 0,
            [FunnelStep.Assessed] = row?.Assessed ?? 0,
            [FunnelStep.Eligible] = row?.Eligible ?? 0,
            [FunnelStep.OfferedPersonalBudget] = row?.OfferedBudget ?? 0,
            [FunnelStep.OfferedDirectPayment] = offeredPayment,
            [FunnelStep.IndicativeBudget] = row?.Indicative ?? 0,
            [FunnelStep.PlanSubmitted] = row?.Submitted ?? 0,
            [FunnelStep.Approved] = row?.Approved ?? 0,
            [FunnelStep.BudgetInPlace] = row?.InPlace ?? 0,
            [FunnelStep.FirstReview] = row?.Reviewed ?? 0,
        };
    }

    private sealed class FunnelRow
    {
        public long Referred { get; init; }
        public long Assessed { get; init; }
        public long Eligible { get; init; }
        public long OfferedBudget { get; init; }
        public long Indicative { get; init; }
        public long Submitted { get; init; }
        public long Approved { get; init; }
        public long InPlace { get; init; }
        public long Reviewed { get; init; }
    }

    /// <summary>
    /// Builds a section on PostgreSQL inside one repeatable-read, read-only transaction, without parallel workers
    /// (ADR 0044). One snapshot: a section's numerators and denominators are counted at the same moment, so a figure's
    /// parts agree even while the records change. No parallel workers: the sections already run side by side, two on two
    /// cores, and in a parallel plan each worker builds every hashed set again; measured at 100,000 people, a count of the
    /// steps due in a year took 135 ms with two workers against 54 ms with none, the funnel 661 ms against 277 ms. The
    /// settings last for the transaction only. SQLite has neither parallel plans nor a reader that sees another's writes
    /// half done, so there the section is built as it is.
    /// </summary>
    public Task<T> OnOneSnapshotAsync<T>(Func<CancellationToken, Task<T>> build, CancellationToken ct) =>
        db.InOwnTransactionAsync(System.Data.IsolationLevel.RepeatableRead, "SET TRANSACTION READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0", build, ct);

    private async Task<ReportTable> CompareFunnelAsync(DashboardFilter filter, DashboardScope scope, IQueryable<Person> cohort, Func<DashboardFilter, string, string?, string> linkFor, CancellationToken ct)
    {
        var steps = Enum.GetValues<FunnelStep>();
        var groups = await CompareCountsAsync(filter, scope, cohort, steps.Select(s => (s.ToString(), Reached(s, filter))).ToList(), ct);
        var rows = steps.Select(s => new ReportRow(s.Label(),
            groups.Select(g => Cell.Of(g.Counts.GetValueOrDefault(s.ToString()), g.Counts.GetValueOrDefault(nameof(FunnelStep.Referred)),
                g.Narrowed is { } n ? linkFor(n, "funnel", s.ToString()) : null)).ToList())).ToList();
        return new ReportTable("funnel-compared", $"The pathway by {filter.Compare.Label().ToLowerInvariant()}",
            "Each column: of that group's people referred in the period, how many reached each step by its end. A person in two teams counts in both.",
            groups.Select(g => g.Label).ToList(), rows, ChartColumn: null);
    }

    /// <summary>
    /// The headline rates of the other sections, side by side for each group the dashboard compares by: offers, direct
    /// payment uptake and the person's own words on plans. Each cell is a count of people out of that group's people, by
    /// the same definitions as the sections' own figures, and opens the group's list.
    /// </summary>
    private async Task<ReportTable> CompareKeyFiguresAsync(DashboardFilter filter, DashboardScope scope, Func<DashboardFilter, string, string?, string> linkFor, CancellationToken ct)
    {
        var eligible = EligibleInPeriod(filter, scope);
        var offered = OffersOfEligible(filter, scope).Where(o => o.Offered).Select(o => o.PersonId);
        var inPlace = InPlace(filter, scope);
        var plans = PlansSubmittedInPeriod(filter, scope);
        var sets = new List<(string Name, IQueryable<Guid>? People)>
        {
            ("eligible", eligible),
            ("offered", offered),
            ("in-place", inPlace.Select(b => b.PersonId)),
            ("direct-payment", inPlace.Where(b => b.DirectPaymentWeekly > 0).Select(b => b.PersonId)),
            ("submitted", plans.Select(p => p.PersonId)),
            ("own-words", plans.Where(p => p.AgreementInOwnWords != null).Select(p => p.PersonId)),
        };
        var groups = await CompareCountsAsync(filter, scope, PeopleInScope(filter, scope), sets, ct);
        ReportRow Row(string label, string numerator, string denominator, string figure, string? argument) => new(label,
            groups.Select(g => Cell.Of(g.Counts.GetValueOrDefault(numerator), g.Counts.GetValueOrDefault(denominator),
                g.Narrowed is { } n ? linkFor(n, figure, argument) : null)).ToList());
        return new ReportTable("key-figures-compared", $"Offers, direct payments and own words by {filter.Compare.Label().ToLowerInvariant()}",
            "Each column: that group's people. Eligible people (current decision made in the period) offered a personal budget by its end; budgets in place on its last day paid in part by a direct payment; people whose plan was submitted in the period with their agreement in their own words. A person in two teams counts in both.",
            groups.Select(g => g.Label).ToList(),
            [
                Row("Eligible people offered a personal budget", "offered", "eligible", "offered", null),
                Row("Budgets in place with a direct payment", "direct-payment", "in-place", "deployment", nameof(Deployment.DirectPayment)),
                Row("Plans with the person's agreement in their own words", "own-words", "submitted", "plans-own-words", null),
            ], ChartColumn: null);
    }

    /// <summary>
    /// For each group of <paramref name="people"/> by what the filter compares by, how many of the group are in each named
    /// set of people (a null set: the whole group). A person in two teams is in both teams' groups.
    /// </summary>
    private async Task<List<(string Label, DashboardFilter? Narrowed, Dictionary<string, long> Counts)>> CompareCountsAsync(
        DashboardFilter filter, DashboardScope scope, IQueryable<Person> people, IReadOnlyList<(string Name, IQueryable<Guid>? People)> sets, CancellationToken ct)
    {
        List<(string Label, DashboardFilter? Narrowed, Dictionary<string, long> Counts)> groups;
        switch (filter.Compare)
        {
            case CompareBy.Team:
                var teamIds = TeamsInView(filter, scope).Select(t => t.Id).ToList();
                var byTeam = people.SelectMany(p => db.TeamAllocations.Where(a => a.PersonId == p.Id && a.EndedAt == null && teamIds.Contains(a.TeamId)),
                    (p, a) => new Keyed<Guid> { PersonId = p.Id, Key = a.TeamId });
                groups = (await GroupCountsAsync(byTeam, sets, ct))
                    .Select(g => (scope.Teams.First(t => t.Id == g.Key).Name, (DashboardFilter?)(filter with { TeamId = g.Key, Compare = CompareBy.Nothing }), g.Counts)).ToList();
                break;
            case CompareBy.Profession:
                var byProfession = people.GroupJoin(db.Users, p => p.KeyWorkerId, u => (Guid?)u.Id, (p, us) => new { p, us })
                    .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new Keyed<Profession?> { PersonId = x.p.Id, Key = u == null ? null : u.Profession });
                groups = (await GroupCountsAsync(byProfession, sets, ct))
                    .Select(g => (g.Key is { } p ? p.Label() : "No key worker", g.Key is { } q ? filter with { Profession = q, Compare = CompareBy.Nothing } : null, g.Counts)).ToList();
                break;
            case CompareBy.AgeBand:
                var on = filter.To;
                var cut = Enum.GetValues<AgeBand>().Select(b => AgeBands.DatesOfBirth(b, on).BornTo!.Value).ToArray();
                var (c1, c2, c3, c4, c5, c6, c7) = (cut[1], cut[2], cut[3], cut[4], cut[5], cut[6], cut[7]);
                var byAge = people.Select(p => new Keyed<int>
                {
                    PersonId = p.Id,
                    Key = p.DateOfBirth > c1 ? 0 : p.DateOfBirth > c2 ? 1 : p.DateOfBirth > c3 ? 2 : p.DateOfBirth > c4 ? 3 : p.DateOfBirth > c5 ? 4 : p.DateOfBirth > c6 ? 5 : p.DateOfBirth > c7 ? 6 : 7,
                });
                groups = (await GroupCountsAsync(byAge, sets, ct))
                    .Select(g => (((AgeBand)g.Key).Label(), (DashboardFilter?)(filter with { AgeBand = (AgeBand)g.Key, Compare = CompareBy.Nothing }), g.Counts)).ToList();
                break;
            case CompareBy.Gender:
                groups = (await GroupCountsAsync(people.Select(p => new Keyed<Gender> { PersonId = p.Id, Key = p.Gender }), sets, ct))
                    .Select(g => (g.Key.Label(), (DashboardFilter?)(filter with { Gender = g.Key, Compare = CompareBy.Nothing }), g.Counts)).ToList();
                break;
            default:
                groups = (await GroupCountsAsync(people.Select(p => new Keyed<Ethnicity> { PersonId = p.Id, Key = p.Ethnicity }), sets, ct))
                    .Select(g => (g.Key.Label(), (DashboardFilter?)(filter with { Ethnicity = g.Key, Compare = CompareBy.Nothing }), g.Counts)).ToList();
                break;
        }

        return groups.OrderBy(g => g.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>For each group, how many of its people are in each named set: one grouped count per set, in the database.</summary>
    private static async Task<List<(TKey Key, Dictionary<string, long> Counts)>> GroupCountsAsync<TKey>(IQueryable<Keyed<TKey>> keyed, IReadOnlyList<(string Name, IQueryable<Guid>? People)> sets, CancellationToken ct)
    {
        // Keys boxed: a missing key worker's profession (null) is a group of its own.
        var result = new Dictionary<object, Dictionary<string, long>>();
        var nullCounts = new Dictionary<string, long>();
        foreach (var (name, set) in sets)
        {
            var rows = set is null ? keyed : keyed.Where(k => set.Contains(k.PersonId));
            var counts = await rows.GroupBy(k => k.Key).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
            foreach (var c in counts)
            {
                if (c.Key is not { } key)
                {
                    nullCounts[name] = c.Count;
                    continue;
                }

                if (!result.TryGetValue(key, out var byName))
                {
                    result[key] = byName = [];
                }

                byName[name] = c.Count;
            }
        }

        var list = result.Select(r => ((TKey)r.Key, r.Value)).ToList();
        if (nullCounts.Count > 0)
        {
            list.Add((default!, nullCounts));
        }

        return list;
    }

    private async Task<DashboardSection> OffersAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, CancellationToken ct)
    {
        var eligible = EligibleInPeriod(filter, scope);
        var offers = OffersOfEligible(filter, scope);
        var eligibleCount = await eligible.LongCountAsync(ct);
        // One read of the eligible people's offers (a person, whether offered, who recorded it and for which team), counted
        // here in every way the tables need, instead of a query per count that each worked out eligibility again.
        var offerRows = await offers.Select(o => new { o.PersonId, o.Offered, o.RecordedByProfession, o.TeamId }).Distinct().ToListAsync(ct);
        long People<T>(IEnumerable<T> rows, Func<T, Guid> person) => rows.Select(person).Distinct().LongCount();
        var offeredCount = People(offerRows.Where(o => o.Offered), o => o.PersonId);
        var overall = new ReportTable("offers", "Eligible people offered a personal budget and a direct payment",
            "People whose current eligibility decision (made in the period) says eligible, and of them those offered by the end of the period. One offer covers both: the practitioner explains a personal budget and a direct payment together.",
            ["Eligible people"],
            [
                new ReportRow("Offered a personal budget", [Cell.Of(offeredCount, eligibleCount, link("offered", null))]),
                new ReportRow("Offered a direct payment", [Cell.Of(offeredCount, eligibleCount, link("offered", null))]),
                new ReportRow("No offer recorded", [Cell.Of(eligibleCount - People(offerRows, o => o.PersonId), eligibleCount, link("no-offer", null))]),
            ]);

        var byProfessionAll = offerRows.GroupBy(o => o.RecordedByProfession).Select(g => new { g.Key, People = People(g, o => o.PersonId) }).ToList();
        var byProfessionOffered = offerRows.Where(o => o.Offered).GroupBy(o => o.RecordedByProfession).Select(g => new { g.Key, People = People(g, o => o.PersonId) }).ToList();
        var byProfession = new ReportTable("offers-by-profession", "Offers by the recorder's profession",
            "Of the eligible people whose offer (or reason for none) a member of the profession recorded, those the profession offered a personal budget and a direct payment.",
            ["Offered, of the people whose offer they recorded"],
            byProfessionAll.OrderBy(x => x.Key.Label(), StringComparer.Ordinal).Select(x => new ReportRow(x.Key.Label(),
                [Cell.Of(byProfessionOffered.FirstOrDefault(o => o.Key == x.Key)?.People ?? 0, x.People, link("offered-by-profession", x.Key.ToString()))])).ToList());

        var byTeamAll = offerRows.GroupBy(o => o.TeamId).Select(g => new { g.Key, People = People(g, o => o.PersonId) }).ToList();
        var byTeamOffered = offerRows.Where(o => o.Offered).GroupBy(o => o.TeamId).Select(g => new { g.Key, People = People(g, o => o.PersonId) }).ToList();
        var teamNames = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var byTeam = new ReportTable("offers-by-team", "Offers by the recorder's team",
            "The same, by the team the recorder recorded the offer for.",
            ["Offered, of the people whose offer the team recorded"],
            byTeamAll.Select(x => (Label: x.Key is { } id && teamNames.TryGetValue(id, out var name) ? name : "No team recorded", x))
                .OrderBy(x => x.Label, StringComparer.Ordinal)
                .Select(x => new ReportRow(x.Label, [Cell.Of(byTeamOffered.FirstOrDefault(o => o.Key == x.x.Key)?.People ?? 0, x.x.People)])).ToList());

        var notOffered = NotOffered(filter, scope);
        var reasons = await notOffered.GroupBy(o => o.NotOfferedReason).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var total = reasons.Sum(r => r.Count);
        var byReason = new ReportTable("not-offered-reasons", "Reasons given when a personal budget was not offered",
            "Each record in the period of an offer not made, by the reason given.",
            ["Records of an offer not made"],
            Enum.GetValues<NotOfferedReason>().Select(r => new ReportRow(r.Label(),
                [Cell.Of(reasons.FirstOrDefault(x => x.Key == r)?.Count ?? 0, total, link("not-offered", r.ToString()))])).ToList());
        return new DashboardSection("offers", "Offers", "Is a personal budget recommended? Offers to eligible people, by who recorded them, and why not.", [overall, byProfession, byTeam, byReason]);
    }

    private async Task<DashboardSection> UptakeAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, CancellationToken ct)
    {
        var inPlace = InPlace(filter, scope);
        // One read of the budgets in place (a row each, a few columns), counted and summed here.
        var budgets = (await inPlace.Select(b => new { b.PersonId, b.DirectPaymentWeekly, b.CouncilManagedWeekly, b.IndividualServiceFundWeekly, b.CouncilCommissionedWeekly }).ToListAsync(ct))
            .Select(b => (b.PersonId, Parts: new BudgetParts(b.DirectPaymentWeekly, b.CouncilManagedWeekly, b.IndividualServiceFundWeekly, b.CouncilCommissionedWeekly))).ToList();
        long People(Func<BudgetParts, decimal> part) => budgets.Where(b => part(b.Parts) > 0).Select(b => b.PersonId).Distinct().LongCount();
        var people = budgets.Select(b => b.PersonId).Distinct().LongCount();
        var dp = People(b => b.Dp);
        var councilManaged = People(b => b.Cm);
        var isf = People(b => b.Isf);
        var commissioned = People(b => b.Cc);
        var sums = new BudgetParts(budgets.Sum(b => b.Parts.Dp), budgets.Sum(b => b.Parts.Cm), budgets.Sum(b => b.Parts.Isf), budgets.Sum(b => b.Parts.Cc));
        var on = UkFormat.Date(filter.To);
        var uptake = new ReportTable("uptake", "People taking a direct payment",
            $"Of the people with a personal budget in place on {on}, those with some of it paid as a direct payment.",
            ["People with a budget in place"],
            [new ReportRow("Taking a direct payment", [Cell.Of(dp, people, link("deployment", nameof(Deployment.DirectPayment)))])]);
        var deployment = new ReportTable("deployment", "Budgets by deployment",
            $"How the personal budgets in place on {on} are paid for: the people with some of their budget paid each way (a plan may mix them), and the weekly amounts.",
            ["People", "Weekly amount (£)"],
            [
                new ReportRow(Deployment.DirectPayment.Label(), [Cell.Of(dp, people, link("deployment", nameof(Deployment.DirectPayment))), Cell.Number(sums.Dp)]),
                new ReportRow(Deployment.CouncilManaged.Label(), [Cell.Of(councilManaged, people, link("deployment", nameof(Deployment.CouncilManaged))), Cell.Number(sums.Cm)]),
                new ReportRow(Deployment.IndividualServiceFund.Label(), [Cell.Of(isf, people, link("deployment", nameof(Deployment.IndividualServiceFund))), Cell.Number(sums.Isf)]),
                new ReportRow(Deployment.CouncilCommissioned.Label(), [Cell.Of(commissioned, people, link("deployment", nameof(Deployment.CouncilCommissioned))), Cell.Number(sums.Cc)]),
            ]);
        return new DashboardSection("uptake", "Uptake", "Who takes a direct payment, and how budgets are paid for.", [uptake, deployment]);
    }

    private async Task<DashboardSection> TimeAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, CancellationToken ct)
    {
        var end = End(filter);
        var start = Start(filter);
        // Small projections (one row per person decided or budgeted in the period), for medians and percentiles.
        var decided = await InScope(PathwayDefinitions.EligibleAsAt(db, end.AddTicks(-1), decidedFrom: start), m => m.PersonId, filter, scope)
            .Select(m => new
            {
                m.At,
                Referral = db.PathwayEpisodes.Where(e => e.PersonId == m.PersonId && e.OpenedAt <= m.At).OrderByDescending(e => e.OpenedAt).Select(e => (DateOnly?)e.ReferralDate).FirstOrDefault(),
            }).ToListAsync(ct);
        var budgeted = await FirstBudgetsInPeriod(filter, scope).Select(b => new
        {
            b.StartDate,
            Decided = db.EligibilityDeterminations.Where(d => d.PersonId == b.PersonId && d.Kind == AssessmentKind.Adult && d.Eligible && d.ConfirmedAt <= b.CreatedAt)
                .OrderByDescending(d => d.ConfirmedAt).Select(d => (DateTimeOffset?)d.ConfirmedAt).FirstOrDefault(),
        }).ToListAsync(ct);

        var toEligibility = decided.Where(d => d.Referral is not null)
            .Select(d => (Month: Month(UkTime.DateOf(d.At)), Days: UkTime.DateOf(d.At).DayNumber - d.Referral!.Value.DayNumber)).Where(x => x.Days >= 0).ToList();
        var toBudget = budgeted.Where(b => b.Decided is not null)
            .Select(b => (Month: Month(b.StartDate), Days: b.StartDate.DayNumber - UkTime.DateOf(b.Decided!.Value).DayNumber)).Where(x => x.Days >= 0).ToList();

        var summary = new ReportTable("time", "Days along the pathway",
            "Referral to eligibility: people whose current eligible decision was made in the period, from their referral. Eligibility to budget in place: people whose first personal budget started in the period, from the eligible decision before it.",
            ["People", "Median days", "90th percentile days"],
            [
                new ReportRow("Referral to eligibility", [Cell.Count(toEligibility.Count, link("time-eligibility", null)), Cell.Number(Statistics.Median(toEligibility.Select(x => x.Days))), Cell.Number(Statistics.Percentile(toEligibility.Select(x => x.Days), 90))]),
                new ReportRow("Eligibility to budget in place", [Cell.Count(toBudget.Count, link("time-budget", null)), Cell.Number(Statistics.Median(toBudget.Select(x => x.Days))), Cell.Number(Statistics.Percentile(toBudget.Select(x => x.Days), 90))]),
            ], ChartColumn: 1, ChartUnit: "days");

        var months = new List<DateOnly>();
        for (var m = new DateOnly(filter.From.Year, filter.From.Month, 1); m <= filter.To; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        ReportTable Trend(string id, string title, List<(DateOnly Month, int Days)> values) => new(id, title,
            "By the month the later event happened: how many, the median and the 90th percentile of the days.",
            ["People", "Median days", "90th percentile days"],
            months.Select(m =>
            {
                var days = values.Where(v => v.Month == m).Select(v => v.Days).ToList();
                return new ReportRow(m.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
                    [Cell.Count(days.Count), Cell.Number(Statistics.Median(days)), Cell.Number(Statistics.Percentile(days, 90))]);
            }).ToList(), ChartColumn: 1, ChartUnit: "days");

        return new DashboardSection("time", "Time", "How long people wait: days from referral to eligibility and from eligibility to a budget in place.",
            [summary, Trend("time-eligibility-trend", "Referral to eligibility by month", toEligibility), Trend("time-budget-trend", "Eligibility to budget in place by month", toBudget)]);
    }

    /// <summary>A budget's weekly amount by each way it is paid.</summary>
    private readonly record struct BudgetParts(decimal Dp, decimal Cm, decimal Isf, decimal Cc);

    private static DateOnly Month(DateOnly d) => new(d.Year, d.Month, 1);

    private async Task<DashboardSection> OwnershipAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, CancellationToken ct)
    {
        var today = Today;
        var open = OpenSteps(filter, scope);
        var counts = await open.GroupBy(_ => 1).Select(g => new
        {
            Total = g.LongCount(),
            Owned = g.Sum(s => s.OwnerId != null ? 1L : 0L),
            Overdue = g.Sum(s => s.DueDate < today ? 1L : 0L),
        }).FirstOrDefaultAsync(ct);
        var (total, owned, overdue) = (counts?.Total ?? 0, counts?.Owned ?? 0, counts?.Overdue ?? 0);
        var dueFrom = filter.From;
        var dueTo = filter.To < today ? filter.To : today.AddDays(-1);
        var duePeriod = InScope(db.PathwaySteps.AsNoTracking().Where(s => s.DueDate >= dueFrom && s.DueDate <= dueTo), s => s.PersonId, filter, scope, byKeyWorker: false);
        if (filter.Profession is { } prof)
        {
            duePeriod = duePeriod.Where(s => s.OwnerProfession == prof);
        }

        // Late: still open after the due day, or completed on a later UK day.
        var due = await duePeriod.GroupBy(_ => 1).Select(g => new
        {
            All = g.LongCount(),
            Late = g.Sum(s => s.CompletedOn == null || s.CompletedOn > s.DueDate ? 1L : 0L),
        }).FirstOrDefaultAsync(ct);
        var (dueCount, late) = (due?.All ?? 0, due?.Late ?? 0);

        var status = new ReportTable("ownership", "Open steps: named owners and overdue work",
            $"Every open step of the pathway now ({UkFormat.Date(today)}), and the steps due in the period (up to yesterday) that were done late or are still not done.",
            ["Steps"],
            [
                new ReportRow("Open steps with a named owner", [Cell.Of(owned, total, link("steps-owned", null))]),
                new ReportRow("Open steps with no owner", [Cell.Of(total - owned, total, link("steps-unowned", null))]),
                new ReportRow("Open steps overdue now", [Cell.Of(overdue, total, link("steps-overdue", null))]),
                new ReportRow("Steps due in the period that went overdue", [Cell.Of(late, dueCount)]),
            ]);

        var byProfession = await open.Where(s => s.OwnerProfession != null).GroupBy(s => s.OwnerProfession).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var caseload = await PeopleInScope(filter with { Profession = null }, scope)
            .Join(db.Users, p => p.KeyWorkerId, u => (Guid?)u.Id, (p, u) => u.Profession).GroupBy(p => p).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var caseloadTotal = caseload.Sum(c => c.Count);
        var professions = Enum.GetValues<Profession>().Where(p => byProfession.Any(b => b.Key == p) || caseload.Any(c => c.Key == p)).ToList();
        var share = new ReportTable("ownership-by-profession", "Open steps owned by each profession, against its share of the caseload",
            "Is budget work \"somebody else's job\"? Each profession's share of the open steps with an owner, beside its share of the people with a key worker (the key worker's profession).",
            ["Share of owned open steps", "Share of the caseload"],
            professions.Select(p => new ReportRow(p.Label(),
            [
                Cell.Of(byProfession.FirstOrDefault(b => b.Key == p)?.Count ?? 0, owned, link("steps-owned-by", p.ToString())),
                Cell.Of(caseload.FirstOrDefault(c => c.Key == p)?.Count ?? 0, caseloadTotal),
            ])).ToList());

        var changes = Reallocations(filter, scope);
        var moves = await changes
            .Join(db.Users, c => c.FromOwnerId, u => (Guid?)u.Id, (c, from) => new { c.ToOwnerId, From = from.Profession })
            .Join(db.Users, c => c.ToOwnerId, u => u.Id, (c, to) => new { c.From, To = to.Profession })
            .GroupBy(x => new { x.From, x.To }).Select(g => new { g.Key.From, g.Key.To, Count = g.LongCount() }).ToListAsync(ct);
        var movesTotal = moves.Sum(m => m.Count);
        var reallocations = new ReportTable("reallocations", "Reallocations in the period",
            "Each change of a step's owner in the period (not the first owner), from the profession of the owner before to the profession after.",
            ["Reallocations"],
            [
                new ReportRow("All reallocations", [Cell.Of(movesTotal, movesTotal, link("reallocated", null))]),
                .. moves.OrderBy(m => m.From.Label(), StringComparer.Ordinal).ThenBy(m => m.To.Label(), StringComparer.Ordinal)
                    .Select(m => new ReportRow($"{m.From.Label()} to {m.To.Label().ToLowerInvariant()}", [Cell.Of(m.Count, movesTotal)])),
            ]);
        return new DashboardSection("ownership", "Ownership", "Does every step have a named owner, and who does the work? With a profession chosen: steps owned by it.", [status, share, reallocations]);
    }

    private async Task<DashboardSection> InvolvementAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, CancellationToken ct)
    {
        var completed = CompletedSteps(filter, scope);
        var byHow = await completed.GroupBy(s => s.Participation).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var total = byHow.Sum(b => b.Count);
        Participation[] tookPart = [Participation.InPerson, Participation.PhoneOrVideo, Participation.InWriting, Participation.ThroughAdvocate];
        var took = byHow.Where(b => b.Key is { } k && tookPart.Contains(k)).Sum(b => b.Count);
        var steps = new ReportTable("involvement", "How the person took part in completed steps",
            "Every step of the pathway completed in the period, by how the person took part (steps closed because a pathway ended record none and are left out).",
            ["Completed steps"],
            [
                new ReportRow("The person took part", [Cell.Of(took, total, link("steps-took-part", null))]),
                .. Enum.GetValues<Participation>().Select(p => new ReportRow(p.Label(), [Cell.Of(byHow.FirstOrDefault(b => b.Key == p)?.Count ?? 0, total, link("steps-participation", p.ToString()))])),
            ]);
        var plans = PlansSubmittedInPeriod(filter, scope);
        var submitted = await plans.LongCountAsync(ct);
        var ownWords = await plans.LongCountAsync(p => p.AgreementInOwnWords != null, ct);
        var agreement = new ReportTable("plans-own-words", "Plans with the person's agreement in their own words",
            "Support plans sent for approval in the period whose record of the person's agreement has the person's own words.",
            ["Plans submitted"],
            [new ReportRow("In the person's own words", [Cell.Of(ownWords, submitted, link("plans-own-words", null))])]);
        return new DashboardSection("involvement", "Involvement", "Is the person left out? How they took part in each step, and plans in their own words.", [steps, agreement]);
    }

    private async Task<DashboardSection> ReviewsAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, CancellationToken ct)
    {
        var today = Today;
        var reviews = ReviewsCompletedInPeriod(filter, scope);
        var done = await reviews.Select(r => new { r.DueDate, r.CompletedAt }).ToListAsync(ct);
        var onTime = done.LongCount(r => UkTime.DateOf(r.CompletedAt!.Value) <= r.DueDate);
        var coming = OpenSteps(filter with { Profession = null }, scope).Where(s => s.Stage == PathwayStage.BudgetInPlace || s.Stage == PathwayStage.Review);
        var comingCounts = await coming.GroupBy(_ => 1).Select(g => new { All = g.LongCount(), Overdue = g.Sum(s => s.DueDate < today ? 1L : 0L) }).FirstOrDefaultAsync(ct);
        var (comingCount, overdue) = (comingCounts?.All ?? 0, comingCounts?.Overdue ?? 0);
        var timing = new ReportTable("reviews", "Reviews on time and overdue",
            $"Reviews completed in the period, done on or before their due date; and the reviews coming or in progress now ({UkFormat.Date(today)}), overdue.",
            ["Reviews"],
            [
                new ReportRow("Completed on time", [Cell.Of(onTime, done.Count, link("reviews-done", null))]),
                new ReportRow("Overdue now", [Cell.Of(overdue, comingCount, link("reviews-overdue", null))]),
            ]);
        var outcomes = await reviews.SelectMany(r => r.Outcomes).Where(o => o.Achieved != null).GroupBy(o => o.Achieved).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var total = outcomes.Sum(o => o.Count);
        var achieved = new ReportTable("review-outcomes", "Outcomes achieved at review",
            "Each outcome of the plan reviewed in a review completed in the period, as the review recorded it.",
            ["Outcomes reviewed"],
            Enum.GetValues<OutcomeAchieved>().Select(a => new ReportRow(a.Label(), [Cell.Of(outcomes.FirstOrDefault(o => o.Key == a)?.Count ?? 0, total, link("outcomes", a.ToString()))])).ToList());
        return new DashboardSection("reviews", "Reviews", "Are reviews done on time, and are the person's outcomes achieved?", [timing, achieved]);
    }
}
