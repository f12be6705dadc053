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

    public async Task OnGetAsync()
    {
        LoadQuarters();
        if (!ModelState.IsValid)
        {
            throw new DomainException("period-end-missing", "Choose the quarter: its last day, like 2026-09-30", nameof(PeriodEnd));
        }

        View = await returns.AscofAsync(PeriodEnd ?? returns.LatestPeriod.End);
        PeriodEnd = View.Period.End;
    }

    protected override Task OnReloadAsync(PageReload reload)
    {
        LoadQuarters();
        return Task.CompletedTask;
    }

    private void LoadQuarters() => Quarters = returns.RecentPeriods
        .Select(p => new SelectListItem($"{p.QuarterName}: snapshot {UkFormat.Date(p.End)}", p.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    public static string GroupLabel(AscofGroup group) => group switch
    {
        AscofGroup.Age18To64 => "18 to 64",
        AscofGroup.Age65AndOver => "65 and over",
        _ => "Total",
    };

    public static string Percent(AscofFigure f) => f.Outcome is { } o ? o.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "no one counted";
}
