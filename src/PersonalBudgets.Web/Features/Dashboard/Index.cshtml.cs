using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// The implementation dashboard (issue 12, ADR 0027): where the pathway stalls, for any period, by team, profession, age
/// band, gender and ethnicity. Every table has its chart, its downloads and the list behind each figure.
/// </summary>
[RequirePermission(Permission.ViewDashboard)]
public sealed class IndexModel(DashboardService dashboard) : DashboardPageModel(dashboard)
{
    public DashboardReport? Report { get; private set; }

    public async Task OnGetAsync()
    {
        if (await FilterAsync() is { } filter)
        {
            Report = await Dashboard.ReportAsync(filter, Scope, ListLink, HttpContext.RequestAborted);
        }
    }

    /// <summary>One table as CSV.</summary>
    public Task<IActionResult> OnGetCsvAsync(string? table) => DownloadAsync(table, "csv");

    /// <summary>One table as an Excel workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync(string? table) => DownloadAsync(table, "xlsx");

    private async Task<IActionResult> DownloadAsync(string? table, string format)
    {
        if (await FilterAsync() is not { } filter)
        {
            return Page();
        }

        var report = await Dashboard.ReportAsync(filter, Scope, ListLink, HttpContext.RequestAborted);
        if ((table is null ? null : report.Table(table)) is { } found)
        {
            return Download(found, format);
        }

        ModelState.AddModelError("table", "Choose a table on the dashboard to download");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string DownloadLink(string table, string format) => Url.Page("/Dashboard/Index", format == "xlsx" ? "Xlsx" : "Csv") + "&" + Filter.Query(("table", table));
}
