using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reporting;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>The dashboard's filter from the query string, shared by the dashboard and the lists behind its figures.</summary>
public abstract class DashboardPageModel(DashboardService dashboard) : GovukPageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "team")]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true, Name = "profession")]
    public string? Profession { get; set; }

    [BindProperty(SupportsGet = true, Name = "age")]
    public string? Age { get; set; }

    [BindProperty(SupportsGet = true, Name = "gender")]
    public string? Gender { get; set; }

    [BindProperty(SupportsGet = true, Name = "ethnicity")]
    public string? Ethnicity { get; set; }

    [BindProperty(SupportsGet = true, Name = "compare")]
    public string? Compare { get; set; }

    public DashboardScope Scope { get; private set; } = new(false, [], false);

    public DashboardFilter Filter { get; private set; } = DashboardFilter.Default(new DateOnly(2000, 1, 1));

    protected DashboardService Dashboard => dashboard;

    /// <summary>Today in the UK: the default period ends on it and the quick periods are counted from it.</summary>
    public DateOnly Today => dashboard.Today;

    /// <summary>
    /// The viewer's scope and the filter; null when the query is wrong, with each error in ModelState by field and the
    /// response a 400, so the page shows its form with the error summary (a GET refusal would otherwise go to the error page).
    /// </summary>
    protected async Task<DashboardFilter?> FilterAsync(List<FieldError>? errors = null)
    {
        errors ??= [];
        Scope = await dashboard.ScopeAsync(HttpContext.RequestAborted);
        var filter = DashboardFilter.Parse(Read, dashboard.Today, errors);
        DashboardService.EnsureTeamInScope(filter, Scope, errors);
        if (errors.Count > 0 || !ModelState.IsValid)
        {
            foreach (var e in errors)
            {
                // Keyed by the form's field (its id), so the error summary links to it and lists errors in page order.
                ModelState.AddModelError(e.Field.Length > 0 ? char.ToUpperInvariant(e.Field[0]) + e.Field[1..] : e.Field, e.Message);
            }

            Filter = DashboardFilter.Default(dashboard.Today);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        Filter = filter;
        return filter;
    }

    private string? Read(string key) => key switch
    {
        "from" => From,
        "to" => To,
        "team" => Team,
        "profession" => Profession,
        "age" => Age,
        "gender" => Gender,
        "ethnicity" => Ethnicity,
        "compare" => Compare,
        _ => null,
    };

    /// <summary>The address of the list behind a figure.</summary>
    public string ListLink(DashboardFilter filter, string figure, string? argument) =>
        Url.Page("/Dashboard/People") + "?" + filter.Query(("figure", figure), ("of", argument));

    public IEnumerable<SelectListItem> TeamItems => new[] { new SelectListItem(Scope.AllTeams ? "All teams" : "All your teams", "") }
        .Concat(Scope.Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString())));

    public static IEnumerable<SelectListItem> Items<T>(string any) where T : struct, Enum =>
        new[] { new SelectListItem(any, "") }.Concat(EnumLabels.All<T>().Select(v => new SelectListItem(v.Label, v.Value.ToString())));

    public static IEnumerable<SelectListItem> ProfessionItems => Items<Profession>("Any profession");

    public static IEnumerable<SelectListItem> AgeItems => Items<AgeBand>("Any age");

    public static IEnumerable<SelectListItem> GenderItems => Items<Gender>("Any gender");

    public static IEnumerable<SelectListItem> EthnicityItems => Items<Ethnicity>("Any ethnicity");

    public static IEnumerable<SelectListItem> CompareItems => EnumLabels.All<CompareBy>().Select(v => new SelectListItem(v.Label, v.Value == CompareBy.Nothing ? "" : v.Value.ToString()));

    /// <summary>The filter in words, for headings: "North, nurses, 65 to 74".</summary>
    public string Describe(DashboardFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string> { $"{UkFormat.Date(filter.From)} to {UkFormat.Date(filter.To)}" };
        parts.Add(filter.TeamId is { } t ? Scope.Teams.FirstOrDefault(x => x.Id == t).Name ?? "" : Scope.AllTeams ? "all teams" : Scope.Teams.Count == 0 ? "no teams" : string.Join(" and ", Scope.Teams.Select(x => x.Name)));
        if (filter.Profession is { } p)
        {
            parts.Add(p.Label().ToLowerInvariant());
        }

        if (filter.AgeBand is { } a)
        {
            parts.Add("aged " + a.Label().ToLowerInvariant());
        }

        if (filter.Gender is { } g)
        {
            parts.Add(g.Label().ToLowerInvariant());
        }

        if (filter.Ethnicity is { } e)
        {
            parts.Add(e.Label());
        }

        return string.Join(", ", parts);
    }

    protected FileContentResult Download(ReportTable table, string format) => format == "xlsx"
        ? File(ReportExports.Xlsx(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{table.Id}.xlsx")
        : File(ReportExports.Csv(table), "text/csv; charset=utf-8", $"{table.Id}.csv");
}
