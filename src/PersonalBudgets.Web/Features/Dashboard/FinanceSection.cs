using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reporting;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// The dashboard's charging measures (issue 14): days from eligibility to a completed financial assessment (median and
/// 90th percentile), and the share of people with a budget in place who pay a contribution, overall and by team. Each
/// figure has its numerator, denominator and the list of people behind it.
/// </summary>
public sealed class FinanceSection(PersonalBudgetsDbContext db, DashboardService dashboard) : IDashboardListSource
{
    public const string CompletedFigure = "finance-completed";
    public const string PayingFigure = "finance-paying";

    /// <summary>People in scope whose first financial assessment was completed in the period.</summary>
    public IQueryable<Guid> FirstCompletedInPeriod(DashboardFilter filter, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (start, end) = (UkTime.StartOf(filter.From), UkTime.StartOf(filter.To.AddDays(1)));
        var inScope = dashboard.PeopleInScope(filter, scope).Select(p => p.Id);
        // Version 1 is the person's first: a correction is only made of a completed assessment.
        return db.FinancialAssessments.AsNoTracking()
            .Where(f => f.Version == 1 && f.CompletedAt != null && f.CompletedAt >= start && f.CompletedAt < end && inScope.Contains(f.PersonId))
            .Select(f => f.PersonId);
    }

    /// <summary>People in scope with a budget in place on the period's last day whose contribution is more than nothing.</summary>
    public IQueryable<Guid> Paying(DashboardFilter filter, DashboardScope scope) =>
        dashboard.InPlace(filter, scope).Where(b => b.ContributionWeekly > 0).Select(b => b.PersonId).Distinct();

    public async Task<DashboardSection> BuildAsync(DashboardFilter filter, DashboardScope scope, Func<string, string?, string> link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(link);
        var completed = FirstCompletedInPeriod(filter, scope);
        // A small projection (a row per person assessed in the period) for the median and percentile.
        var firsts = (await db.FinancialAssessments.AsNoTracking().Where(f => f.Version == 1 && f.CompletedAt != null && completed.Contains(f.PersonId))
            .Select(f => new { f.PersonId, f.CompletedAt }).ToListAsync(ct)).Select(f => new { f.PersonId, First = f.CompletedAt!.Value }).ToList();
        var ids = firsts.Select(f => f.PersonId).ToList();
        var decisions = await db.EligibilityDeterminations.AsNoTracking().Where(d => ids.Contains(d.PersonId) && d.Kind == AssessmentKind.Adult && d.Eligible)
            .Select(d => new { d.PersonId, d.ConfirmedAt }).ToListAsync(ct);
        var days = firsts.Select(f => (f.First, Decided: decisions.Where(d => d.PersonId == f.PersonId && d.ConfirmedAt <= f.First).Select(d => (DateTimeOffset?)d.ConfirmedAt).Max()))
            .Where(x => x.Decided is not null)
            .Select(x => UkTime.DateOf(x.First).DayNumber - UkTime.DateOf(x.Decided!.Value).DayNumber).Where(d => d >= 0).ToList();

        var time = new ReportTable("finance-time", "Days from eligibility to a completed financial assessment",
            "People whose first financial assessment was completed in the period, from the eligible decision before it.",
            ["People", "Median days", "90th percentile days"],
            [new ReportRow("Eligibility to financial assessment", [Cell.Count(days.Count, link(CompletedFigure, null)), Cell.Number(Statistics.Median(days)), Cell.Number(Statistics.Percentile(days, 90))])],
            ChartColumn: 1, ChartUnit: "days");

        // The whole scope, then every team in one grouped count (a person in two teams counts in both), rather than two
        // counts per team: an analyst sees every team, and each count reads every budget in place.
        var inPlace = dashboard.InPlace(filter, scope).Select(b => b.PersonId);
        var payingPeople = Paying(filter, scope);
        var teams = DashboardService.TeamsInView(filter, scope);
        var byTeam = await dashboard.CountByTeamAsync(inPlace, payingPeople, filter, scope, ct);
        var rows = new List<ReportRow>
        {
            new("All teams in view", [Cell.Of(await payingPeople.LongCountAsync(ct), await inPlace.Distinct().LongCountAsync(ct), link(PayingFigure, null))]),
        };
        rows.AddRange(teams.Select(t => new ReportRow(t.Name,
            [Cell.Of(byTeam.GetValueOrDefault(t.Id).InSubset, byTeam.GetValueOrDefault(t.Id).All, link(PayingFigure, t.Id.ToString()))])));

        var paying = new ReportTable("finance-paying", "People with a budget in place who pay a contribution",
            $"Of the people with a personal budget in place on {UkFormat.Date(filter.To)}, those whose assessed contribution is more than nothing; by the team they are allocated to.",
            ["People with a budget in place"], rows);
        return new DashboardSection("finance", "Charging", "Is the financial assessment done promptly, and who pays towards their support?", [time, paying]);
    }

    /// <summary>The people behind a figure of this section; null when the figure is not one of its.</summary>
    public IQueryable<Guid>? People(string figure, string? argument, DashboardFilter filter, DashboardScope scope) => figure switch
    {
        CompletedFigure => FirstCompletedInPeriod(filter, scope),
        PayingFigure => Paying(argument is { } team && Guid.TryParse(team, out var t) && scope.Teams.Any(x => x.Id == t) ? filter with { TeamId = t } : filter, scope),
        _ => null,
    };

    public string? Title(string figure, string? argument, DashboardFilter filter) => figure switch
    {
        CompletedFigure => $"First financial assessment completed {UkFormat.Date(filter.From)} to {UkFormat.Date(filter.To)}",
        PayingFigure => $"Budgets in place on {UkFormat.Date(filter.To)} with a contribution to pay",
        _ => null,
    };
}
