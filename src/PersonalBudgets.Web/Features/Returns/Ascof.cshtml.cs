using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Returns;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Returns;

/// <summary>
/// ASCOF 3D for a quarter: clients at its last day, carers over the twelve months, by 18 to 64, 65 and over, and in
/// total, with numerators, denominators and the people behind them under pseudonyms.
/// </summary>
[RequirePermission(Permission.ViewStatutoryReturns)]
public sealed class AscofModel(ReturnsService returns) : GovukPageModel
{
    /// <summary>The most people listed in each list; the figures count them all.</summary>
    public const int ListedPeople = 500;

    [BindProperty(SupportsGet = true)]
    public DateOnly? PeriodEnd { get; set; }

    public AscofView? View { get; private set; }

    public IReadOnlyList<SelectListItem> Quarters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        LoadQuarters();
        var bound = ModelState.IsValid;
        PeriodEnd ??= bound ? returns.LatestPeriod.End : null;
        if (ReturnsService.PeriodProblem(PeriodEnd, bound, returns.Today) is { } problem)
        {
            ModelState.Remove(nameof(PeriodEnd));
            ModelState.AddModelError(nameof(PeriodEnd), problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        View = await returns.AscofAsync(PeriodEnd!.Value);
        return Page();
    }

    protected override Task OnReloadAsync(PageReload reload)
    {
        LoadQuarters();
        return Task.CompletedTask;
    }

    private void LoadQuarters() => Quarters = QuarterItems(returns);

    /// <summary>The recent quarters as choices, by their last day.</summary>
    public static IReadOnlyList<SelectListItem> QuarterItems(ReturnsService returns) => returns.RecentPeriods
        .Select(p => new SelectListItem($"{p.QuarterName}: {UkFormat.Date(p.Start)} to {UkFormat.Date(p.End)}", p.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    public static string GroupLabel(AscofGroup group) => group switch
    {
        AscofGroup.Age18To64 => "18 to 64",
        AscofGroup.Age65AndOver => "65 and over",
        _ => "Total",
    };

    public static string Percent(AscofFigure f) => f.Outcome is { } o ? o.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "no one counted";
}
