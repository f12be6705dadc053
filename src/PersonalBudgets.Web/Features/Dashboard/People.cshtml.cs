using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// The people or steps behind one figure of the dashboard: only people the viewer's scope counts (a team manager's
/// teams, by name; analysts and administrators, pseudonymised). Every view and download is audited.
/// </summary>
[RequirePermission(Permission.ViewDashboard)]
public sealed class PeopleModel(DashboardService dashboard, DashboardListService lists) : DashboardPageModel(dashboard)
{
    [BindProperty(SupportsGet = true, Name = "figure")]
    public string? Figure { get; set; }

    [BindProperty(SupportsGet = true, Name = "of")]
    public string? Of { get; set; }

    /// <summary>The page of the list (from the query: Razor Pages keeps the route value "page" for the page's path).</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

    public DashboardList? List { get; private set; }

    public async Task OnGetAsync()
    {
        if (await ParseAsync() is { } q)
        {
            List = await lists.ListAsync(q.Figure, q.Argument, q.Filter, Scope, PageNumber, all: false, HttpContext.RequestAborted);
        }
    }

    public Task<IActionResult> OnGetCsvAsync() => DownloadAsync("csv");

    public Task<IActionResult> OnGetXlsxAsync() => DownloadAsync("xlsx");

    private async Task<IActionResult> DownloadAsync(string format)
    {
        if (await ParseAsync() is not { } q)
        {
            return Page();
        }

        var list = await lists.ListAsync(q.Figure, q.Argument, q.Filter, Scope, 1, all: true, HttpContext.RequestAborted);
        return Download(list.AsTable(), format);
    }

    private async Task<(DashboardFilter Filter, string Figure, string? Argument)?> ParseAsync()
    {
        var errors = new List<FieldError>();
        var (figure, argument) = DashboardListService.Parse(Figure, Of, errors);
        return await FilterAsync(errors) is { } filter ? (filter, figure, argument) : null;
    }

    public string DashboardLink => Url.Page("/Dashboard/Index") + "?" + Filter.Query();

    public string DownloadLink(string format) => Url.Page("/Dashboard/People", format == "xlsx" ? "Xlsx" : "Csv") + "&" + Filter.Query(("figure", Figure), ("of", Of));

    public string PageLink(int page) => Url.Page("/Dashboard/People") + "?" + Filter.Query(("figure", Figure), ("of", Of), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
