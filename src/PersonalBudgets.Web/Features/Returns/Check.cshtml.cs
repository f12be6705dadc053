using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Returns;

/// <summary>
/// The data-quality report for a quarter's CLD return: each failed mandatory or format rule with the person (by the
/// council's identifier) and a link to the page that fixes it; then the button that makes the file.
/// </summary>
[RequirePermission(Permission.ViewStatutoryReturns)]
public sealed class CheckModel(ReturnsService returns, ReturnLinks links) : GovukPageModel
{
    /// <summary>The most problems listed one by one; the counts by field cover them all.</summary>
    public const int ListedIssues = 500;

    [BindProperty(SupportsGet = true)]
    public DateOnly? PeriodEnd { get; set; }

    public QualityCheck? Result { get; private set; }

    public IReadOnlyList<SelectListItem> Quarters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        // A period that is no ended quarter's last day: the page again, 400, with the message by the quarter picker.
        if (ReturnsService.PeriodProblem(PeriodEnd, ModelState.IsValid, returns.Today) is { } problem)
        {
            ModelState.Remove(nameof(PeriodEnd));
            ModelState.AddModelError(nameof(PeriodEnd), problem);
            Quarters = AscofModel.QuarterItems(returns);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = await returns.CheckAsync(PeriodEnd!.Value);
        return Page();
    }

    [RequireHandlerPermission(Permission.MakeStatutoryReturns)]
    public async Task<IActionResult> OnPostAsync()
    {
        EnsureValid(PeriodEnd is null && ModelState.IsValid ? [new("PeriodEnd", "Choose the quarter the return is for")] : []);
        await returns.MakeAsync(PeriodEnd!.Value);
        Flash("CLD file made: download it below");
        return Redirect(links.Index() + "#returns");
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        // A refused "make" (say the LA code is not configured) shows the report again; a period that is no quarter's
        // end, or not yet ended, shows only the error.
        if (PeriodEnd is { } end && returns.IsPastQuarterEnd(end))
        {
            Result = await returns.CheckAsync(end);
        }
    }
}
