using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>
/// "Analyse this draft" (issue 12, item 4): what the draft would do to everyone's amount, and to each group, against
/// the version in force; downloadable as CSV and as an Excel workbook. Only drafts are analysed: a published version is already in force.
/// </summary>
[RequirePermission(Permission.ManageRas)]
public sealed class AnalysisModel(RasAnalysisService analysis) : GovukPageModel
{
    public const int DefaultSharePercent = 10;

    /// <summary>The share, in percent, as typed (a whole number from 0 to 100).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Share { get; set; }

    public RasAnalysisView View { get; private set; } = null!;

    public int SharePercent { get; private set; } = DefaultSharePercent;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // A GET form: a share that is not a number shows the page at the default share, with the problem (400).
        var problem = ProblemsOf(() => SharePercent = ParseShare());
        if (problem.Count > 0)
        {
            AddErrors(problem);
            SharePercent = DefaultSharePercent;
            View = await analysis.AnalyseAsync(id, SharePercent / 100m, ct);
            return PageWithErrors();
        }

        View = await analysis.AnalyseAsync(id, SharePercent / 100m, ct);
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct) =>
        DownloadAsync(id, view => File(RasAnalysisService.Csv(view), "text/csv; charset=utf-8", FileName(view, "csv")), ct);

    public Task<IActionResult> OnGetXlsxAsync(Guid id, CancellationToken ct) =>
        DownloadAsync(id, view => File(RasAnalysisService.Xlsx(view), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(view, "xlsx")), ct);

    private async Task<IActionResult> DownloadAsync(Guid id, Func<RasAnalysisView, IActionResult> file, CancellationToken ct)
    {
        SharePercent = ParseShare();
        View = await analysis.AnalyseAsync(id, SharePercent / 100m, ct);
        if (View.Result is null)
        {
            throw new DomainException("ras-analysis-not-a-draft", $"Version {View.Version.Number} is {View.Version.Status.Label().ToLowerInvariant()}: only a draft is analysed");
        }

        return file(View);
    }

    private static string FileName(RasAnalysisView view, string extension) =>
        $"ras-{(view.Version.Kind == RasKind.Carer ? "carers-" : "")}draft-{view.Version.Number}-analysis.{extension}";

    private int ParseShare()
    {
        if (string.IsNullOrWhiteSpace(Share))
        {
            return DefaultSharePercent;
        }

        if (!int.TryParse(Share.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent > 100)
        {
            throw new ValidationFailedException([new FieldError(nameof(Share), "The share must be a whole number from 0 to 100, like 10")]);
        }

        return percent;
    }
}
