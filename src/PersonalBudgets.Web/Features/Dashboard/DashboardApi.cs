using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// The implementation dashboard's charging measures over JSON (issue 14 item 6): the days from eligibility to a completed
/// financial assessment and the share of people with a budget in place who pay a contribution, by team. The figures are
/// the dashboard page's own (one place computes them, <see cref="FinanceSection"/>), for the same viewers and filter words;
/// each figure carries its numerator, denominator and the address of the list of people behind it.
/// </summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard/charging", async (HttpContext http, DashboardService dashboard, LinkGenerator links, CancellationToken ct) =>
            {
                var scope = await dashboard.ScopeAsync(ct);
                var errors = new List<FieldError>();
                var filter = DashboardFilter.Parse(key => http.Request.Query.TryGetValue(key, out var v) ? v.ToString() : null, dashboard.Today, errors);
                DashboardService.EnsureTeamInScope(filter, scope, errors);
                if (errors.Count > 0)
                {
                    throw new ValidationFailedException(errors);
                }

                var listPage = links.GetPathByPage(http, "/Dashboard/People") ?? "/Dashboard/People";
                string Link(string figure, string? argument) => listPage + "?" + filter.Query(("figure", figure), ("of", argument));
                var section = await dashboard.Finance().BuildAsync(filter, scope, Link, ct);
                return TypedResults.Ok(ChargingMeasuresDto.Of(filter, scope, section));
            })
            .RequirePermission(Permission.ViewDashboard)
            .WithTags("Dashboard").WithName("GetChargingMeasures")
            .WithSummary("The dashboard's charging measures for a period (from, to as 2026-04-01; default the last 12 months) and the filter words of the dashboard (team, profession, age, gender, ethnicity): days from eligibility to a completed financial assessment, and people paying a contribution by team. 400 names a wrong filter word.");

        return api;
    }

    public sealed record FigureDto(long Numerator, long Denominator, decimal? Percent, string PeopleLink);

    public sealed record TimeToAssessmentDto(long People, decimal? MedianDays, decimal? Percentile90Days, string PeopleLink);

    public sealed record TeamPayingDto(Guid? TeamId, string Team, FigureDto Paying);

    public sealed record ChargingMeasuresDto(DateOnly From, DateOnly To, Guid? TeamId, TimeToAssessmentDto EligibilityToFinancialAssessment, IReadOnlyList<TeamPayingDto> PayingAContribution)
    {
        public static ChargingMeasuresDto Of(DashboardFilter filter, DashboardScope scope, DashboardSection section)
        {
            var time = section.Tables.Single(t => t.Id == "finance-time").Rows[0].Cells;
            var paying = section.Tables.Single(t => t.Id == "finance-paying").Rows;
            // The rows are the section's: all teams in view first, then each team in view in the scope's order.
            var teams = new List<(Guid? Id, string Name)> { (null, paying[0].Label) };
            teams.AddRange(scope.Teams.Where(t => filter.TeamId is null || t.Id == filter.TeamId).Select(t => ((Guid?)t.Id, t.Name)));
            return new ChargingMeasuresDto(filter.From, filter.To, filter.TeamId,
                new TimeToAssessmentDto(time[0].Numerator ?? 0, time[1].Value, time[2].Value, time[0].Link ?? ""),
                paying.Select((row, i) =>
                {
                    var cell = row.Cells[0];
                    return new TeamPayingDto(teams[i].Id, row.Label, new FigureDto(cell.Numerator ?? 0, cell.Denominator ?? 0, cell.Rate, cell.Link ?? ""));
                }).ToList());
        }
    }
}
