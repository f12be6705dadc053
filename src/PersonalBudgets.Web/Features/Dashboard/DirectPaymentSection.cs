using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Reporting;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// The dashboard's direct payment measures (issue 15 item 5): uptake (people with a budget in place whose agreement is
/// signed and not ended, of the people with a budget in place), days from the plan's approval to the first payment paid,
/// open monitoring flags by kind (now) and reclaims in the period; overall and by team and by the key worker's profession.
/// Every figure has its numerator, denominator (or count) and the list of people behind it. Set-based queries only: the
/// per-group figures come from grouped counts, or from the small lists of people paid, flagged or reclaimed from.
/// </summary>
public sealed class DirectPaymentSection(PersonalBudgetsDbContext db, DashboardService dashboard) : IDashboardListSource
{
    public const string UptakeFigure = "dp-uptake";
    public const string FirstPaidFigure = "dp-first-paid";
    public const string FlagsFigure = "dp-flags";
    public const string ReclaimsFigure = "dp-reclaims";

    public static readonly IReadOnlyList<string> Figures = [UptakeFigure, FirstPaidFigure, FlagsFigure, ReclaimsFigure];

    /// <summary>Agreements signed on or before the day and not ended before it (a suspension does not end the agreement).</summary>
    private IQueryable<DirectPayment> SignedOn(DateOnly day) =>
        db.DirectPayments.AsNoTracking().Where(d => d.SignedOn != null && d.SignedOn <= day && (d.EndDate == null || d.EndDate >= day));

    /// <summary>People in scope with a budget in place on the period's last day whose direct payment agreement is signed and not ended then.</summary>
    public IQueryable<Guid> Uptake(DashboardFilter filter, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var signed = SignedOn(filter.To).Select(d => d.PersonId);
        return dashboard.InPlace(filter, scope).Select(b => b.PersonId).Where(id => signed.Contains(id)).Distinct();
    }

    /// <summary>
    /// Each agreement of a person in scope that has been paid, with the day its first payment was paid: the payments are
    /// grouped by agreement once, rather than looked up agreement by agreement.
    /// </summary>
    private IQueryable<FirstPayment> FirstPayments(DashboardFilter filter, DashboardScope scope)
    {
        var firstPaid = db.Payments.AsNoTracking()
            .Where(p => p.SourceKind == PayableSource.DirectPayment && p.Status == PaymentStatus.Paid && p.PaidAt != null)
            .GroupBy(p => p.SourceId).Select(g => new { AgreementId = g.Key, FirstPaidAt = g.Min(p => p.PaidAt) });
        return dashboard.InScope(db.DirectPayments.AsNoTracking(), d => d.PersonId, filter, scope)
            .Join(firstPaid, d => d.Id, f => f.AgreementId, (d, f) => new FirstPayment { PersonId = d.PersonId, StartedAt = d.StartedAt, FirstPaidAt = f.FirstPaidAt });
    }

    /// <summary>
    /// How many people's ids go in one query of the section's small lists (one array parameter): at 100,000 people about
    /// 11,000 people are first paid, flagged or reclaimed from in a year, and round trips of 500 took half a second.
    /// </summary>
    private const int KeysAtOnce = 5000;

    /// <summary>
    /// The plan approvals of a few people (those first paid in the period), to find the approval that started each set-up:
    /// the person's latest plan approval at or before the set-up started (the set-up's start when there is none).
    /// </summary>
    private async Task<ILookup<Guid, DateTimeOffset>> PlanApprovalsAsync(List<Guid> people, CancellationToken ct)
    {
        var approvals = new List<(Guid PersonId, DateTimeOffset ApprovedAt)>();
        foreach (var chunk in people.Chunk(KeysAtOnce))
        {
            var rows = await db.SupportPlans.AsNoTracking().IgnoreAutoIncludes().Where(p => p.ApprovedAt != null && chunk.Contains(p.PersonId))
                .Select(p => new { p.PersonId, p.ApprovedAt }).ToListAsync(ct);
            approvals.AddRange(rows.Select(r => (r.PersonId, r.ApprovedAt!.Value)));
        }

        return approvals.ToLookup(a => a.PersonId, a => a.ApprovedAt);
    }

    /// <summary>People in scope whose first direct payment (of any agreement) was paid in the period.</summary>
    public IQueryable<Guid> FirstPaidInPeriod(DashboardFilter filter, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (start, end) = (UkTime.StartOf(filter.From), UkTime.StartOf(filter.To.AddDays(1)));
        var paid = db.Payments.AsNoTracking().Where(p => p.SourceKind == PayableSource.DirectPayment && p.Status == PaymentStatus.Paid && p.PaidAt != null && p.PersonId != null);
        // A direct payment is always one person's (only a provider's invoice may be for several).
        return dashboard.InScope(paid.Where(p => p.PaidAt >= start && p.PaidAt < end && !paid.Any(e => e.PersonId == p.PersonId && e.PaidAt < start)), p => p.PersonId!.Value, filter, scope)
            .Select(p => p.PersonId!.Value).Distinct();
    }

    /// <summary>Open monitoring flags now of people in scope (of a kind, when given).</summary>
    public IQueryable<MonitoringFlag> OpenFlags(DashboardFilter filter, DashboardScope scope, FlagKind? kind = null)
    {
        var flags = dashboard.InScope(db.MonitoringFlags.AsNoTracking().Where(f => f.Status == FlagStatus.Open), f => f.PersonId, filter, scope);
        return kind is { } k ? flags.Where(f => f.Kind == k) : flags;
    }

    /// <summary>Reclaims of people in scope whose notice was given in the period (a cancelled one is left out).</summary>
    public IQueryable<Reclaim> ReclaimsInPeriod(DashboardFilter filter, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (from, to) = (filter.From, filter.To);
        return dashboard.InScope(db.Reclaims.AsNoTracking().Where(r => r.Status != ReclaimStatus.Cancelled && r.NoticeDate >= from && r.NoticeDate <= to), r => r.PersonId, filter, scope);
    }

    public async Task<DashboardSection> BuildAsync(DashboardFilter filter, DashboardScope scope, Func<DashboardFilter, string, string?, string> linkFor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(linkFor);
        string link(string figure, string? argument) => linkFor(filter, figure, argument);
        var on = UkFormat.Date(filter.To);
        var (start, end) = (UkTime.StartOf(filter.From), UkTime.StartOf(filter.To.AddDays(1)));

        // Uptake: one row per person with a budget in place, whether signed; counted by team and by the key worker's
        // profession in the database. Each person has one key worker or none, so the professions' counts (with "none")
        // add up to the whole: no third query for it.
        var signed = SignedOn(filter.To).Select(d => d.PersonId);
        var inPlace = dashboard.InPlace(filter, scope).Select(b => b.PersonId).Distinct();
        var teamIds = DashboardService.TeamsInView(filter, scope).Select(t => t.Id).ToList();
        var uptakeByTeam = await dashboard.CountByTeamAsync(inPlace, signed, filter, scope, ct);
        var uptakeByProfession = await inPlace.Join(db.People, id => id, p => p.Id, (id, p) => new { id, p.KeyWorkerId })
            .GroupJoin(db.Users, x => x.KeyWorkerId, u => (Guid?)u.Id, (x, us) => new { x.id, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new { Profession = u == null ? (Profession?)null : u.Profession, Signed = signed.Contains(x.id) ? 1L : 0L })
            .GroupBy(x => x.Profession).Select(g => new { g.Key, All = g.LongCount(), Signed = g.Sum(x => x.Signed) }).ToListAsync(ct);
        var uptakeAll = new { All = uptakeByProfession.Sum(u => u.All), Signed = uptakeByProfession.Sum(u => u.Signed) };

        // The small lists: agreements first paid in the period, open flags, reclaims in the period; then the teams and key workers of their people.
        var firstRows = await FirstPayments(filter, scope).ToListAsync(ct);
        var firstInPeriod = firstRows.Where(f => f.FirstPaidAt != null).GroupBy(f => f.PersonId).Select(g => g.OrderBy(f => f.FirstPaidAt).First())
            .Where(f => f.FirstPaidAt >= start && f.FirstPaidAt < end).ToList();
        var approvals = await PlanApprovalsAsync(firstInPeriod.Select(f => f.PersonId).ToList(), ct);
        var firsts = firstInPeriod
            .Select(f => (f.PersonId, Days: UkTime.DateOf(f.FirstPaidAt!.Value).DayNumber
                - UkTime.DateOf(approvals[f.PersonId].Where(a => a <= f.StartedAt).DefaultIfEmpty(f.StartedAt).Max()).DayNumber))
            .Where(f => f.Days >= 0).ToList();
        var flags = await OpenFlags(filter, scope).Select(f => new { f.PersonId, f.Kind, f.DueDate }).ToListAsync(ct);
        var reclaims = await ReclaimsInPeriod(filter, scope).Select(r => new { r.PersonId, r.Amount, r.Status }).ToListAsync(ct);
        var people = firsts.Select(f => f.PersonId).Concat(flags.Select(f => f.PersonId)).Concat(reclaims.Select(r => r.PersonId)).Distinct().ToList();
        var (teamsOf, professionOf) = await KeysAsync(people, teamIds, ct);

        var uptake = new ReportTable("dp-uptake", "People with a budget in place taking a direct payment",
            $"Of the people with a personal budget in place on {on}, those whose direct payment agreement was signed by then and had not ended (a suspended one still counts).",
            ["People with a budget in place"],
            [new ReportRow("Agreement signed", [Cell.Of(uptakeAll.Signed, uptakeAll.All, link(UptakeFigure, null))])]);

        var days = firsts.Select(f => f.Days).ToList();
        var time = new ReportTable("dp-time", "Days from plan approval to the first direct payment",
            "People whose first direct payment was paid in the period, from the approval of the plan that started its set-up.",
            ["People", "Median days", "90th percentile days"],
            [new ReportRow("Plan approval to first payment paid", [Cell.Count(days.Count, link(FirstPaidFigure, null)), Cell.Number(Statistics.Median(days)), Cell.Number(Statistics.Percentile(days, 90))])],
            ChartColumn: 1, ChartUnit: "days");

        var today = dashboard.Today;
        var flagTable = new ReportTable("dp-flags", "Open monitoring flags by kind",
            $"Every monitoring flag of a direct payment account open now ({UkFormat.Date(today)}), by kind, and those past their due date.",
            ["Open flags", "Overdue"],
            Enum.GetValues<FlagKind>().Select(k =>
            {
                var count = flags.LongCount(f => f.Kind == k);
                return new ReportRow(k.Label(), [Cell.Of(count, flags.Count, link(FlagsFigure, k.ToString())), Cell.Of(flags.LongCount(f => f.Kind == k && f.DueDate < today), count)]);
            }).ToList());

        var taken = reclaims.Where(r => r.Status == ReclaimStatus.Taken).ToList();
        var reclaimTable = new ReportTable("dp-reclaims", "Reclaims of unspent surplus",
            "Reclaims whose notice was given to the person in the period (not cancelled), and of them those taken.",
            ["Reclaims", "Amount (£)"],
            [
                new ReportRow("Notice given", [Cell.Count(reclaims.Count, link(ReclaimsFigure, null)), Cell.Number(reclaims.Sum(r => r.Amount))]),
                new ReportRow("Taken", [Cell.Of(taken.Count, reclaims.Count), Cell.Number(taken.Sum(r => r.Amount))]),
            ]);

        // By team, then by the key worker's profession: each group's cells open the group's list.
        ReportRow GroupRow(string label, DashboardFilter? narrowed, long all, long signedCount, Func<Guid, bool> inGroup)
        {
            string? To(string figure) => narrowed is { } n ? linkFor(n, figure, null) : null;
            var groupDays = firsts.Where(f => inGroup(f.PersonId)).Select(f => f.Days).ToList();
            var groupReclaims = reclaims.Where(r => inGroup(r.PersonId)).ToList();
            return new ReportRow(label,
            [
                Cell.Of(signedCount, all, To(UptakeFigure)),
                Cell.Count(groupDays.Count, To(FirstPaidFigure)),
                Cell.Number(Statistics.Median(groupDays)),
                Cell.Count(flags.LongCount(f => inGroup(f.PersonId)), To(FlagsFigure)),
                Cell.Count(groupReclaims.Count, To(ReclaimsFigure)),
                Cell.Number(groupReclaims.Sum(r => r.Amount)),
            ]);
        }

        var groupRows = new List<ReportRow>();
        foreach (var (teamId, name) in scope.Teams.Where(t => teamIds.Contains(t.Id)))
        {
            var counts = uptakeByTeam.GetValueOrDefault(teamId);
            groupRows.Add(GroupRow(name, filter with { TeamId = teamId, Compare = CompareBy.Nothing }, counts.All, counts.InSubset,
                id => teamsOf.TryGetValue(id, out var teams) && teams.Contains(teamId)));
        }

        var professions = Enum.GetValues<Profession>().Where(p => uptakeByProfession.Any(u => u.Key == p) || professionOf.ContainsValue(p)).ToList();
        foreach (var profession in professions)
        {
            var counts = uptakeByProfession.FirstOrDefault(u => u.Key == profession);
            groupRows.Add(GroupRow($"Key worker: {profession.Label().ToLowerInvariant()}", filter with { Profession = profession, Compare = CompareBy.Nothing }, counts?.All ?? 0, counts?.Signed ?? 0,
                id => professionOf.TryGetValue(id, out var p) && p == profession));
        }

        var byGroup = new ReportTable("dp-by-group", "Direct payments by team and by the key worker's profession",
            $"Each row: that team's people (allocated now), or the people whose key worker is of that profession. Budgets in place on {on} with a signed agreement; first payments paid, open flags (now) and reclaims (notice given) in the period. A person in two teams counts in both.",
            ["Budgets in place with a signed agreement", "First paid in the period", "Median days to first payment", "Open flags", "Reclaims", "Reclaimed (£)"],
            groupRows);

        return new DashboardSection("direct-payments", "Direct payments", "Who takes a direct payment, how soon the money moves, and what monitoring finds.",
            [uptake, time, flagTable, reclaimTable, byGroup]);
    }

    /// <summary>The current teams (of those in view) and the key worker's profession of a few people.</summary>
    private async Task<(Dictionary<Guid, HashSet<Guid>> Teams, Dictionary<Guid, Profession> Professions)> KeysAsync(List<Guid> people, List<Guid> teamIds, CancellationToken ct)
    {
        var teams = new Dictionary<Guid, HashSet<Guid>>();
        var professions = new Dictionary<Guid, Profession>();
        foreach (var chunk in people.Chunk(KeysAtOnce))
        {
            var allocations = await db.TeamAllocations.AsNoTracking().Where(a => a.EndedAt == null && chunk.Contains(a.PersonId) && teamIds.Contains(a.TeamId))
                .Select(a => new { a.PersonId, a.TeamId }).ToListAsync(ct);
            foreach (var a in allocations)
            {
                if (!teams.TryGetValue(a.PersonId, out var set))
                {
                    teams[a.PersonId] = set = [];
                }

                set.Add(a.TeamId);
            }

            var keyWorkers = await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Join(db.Users, p => p.KeyWorkerId, u => (Guid?)u.Id, (p, u) => new { p.Id, u.Profession }).ToListAsync(ct);
            foreach (var k in keyWorkers)
            {
                professions[k.Id] = k.Profession;
            }
        }

        return (teams, professions);
    }

    /// <summary>The people behind a figure of this section; null when the figure is not one of its.</summary>
    public IQueryable<Guid>? People(string figure, string? argument, DashboardFilter filter, DashboardScope scope) => figure switch
    {
        UptakeFigure => Uptake(filter, scope),
        FirstPaidFigure => FirstPaidInPeriod(filter, scope),
        FlagsFigure => OpenFlags(filter, scope, Enum.TryParse<FlagKind>(argument, out var k) && Enum.IsDefined(k) ? k : null).Select(f => f.PersonId).Distinct(),
        ReclaimsFigure => ReclaimsInPeriod(filter, scope).Select(r => r.PersonId).Distinct(),
        _ => null,
    };

    /// <summary>Whether the figure's argument is one it takes (only the flags take one: a kind, or none for all).</summary>
    public static bool ArgumentOk(string figure, string? argument) =>
        figure != FlagsFigure || argument is null || (Enum.TryParse<FlagKind>(argument, out var k) && Enum.IsDefined(k));

    public string? Title(string figure, string? argument, DashboardFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var period = $"{UkFormat.Date(filter.From)} to {UkFormat.Date(filter.To)}";
        return figure switch
        {
            UptakeFigure => $"Budgets in place on {UkFormat.Date(filter.To)} with a signed direct payment agreement",
            FirstPaidFigure => $"First direct payment paid {period}",
            FlagsFigure => Enum.TryParse<FlagKind>(argument, out var k) ? $"Open direct payment flags now: {k.Label().ToLowerInvariant()}" : "Open direct payment flags now",
            ReclaimsFigure => $"Reclaims with notice given {period}",
            _ => null,
        };
    }
}

/// <summary>An agreement's first payment paid, and the plan approval before its set-up.</summary>
public sealed class FirstPayment
{
    public Guid PersonId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FirstPaidAt { get; init; }
}
