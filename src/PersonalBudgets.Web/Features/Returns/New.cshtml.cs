using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Returns;

/// <summary>Make a CLD return: pick the quarter. The form goes (by GET) to the quarter's data-quality report.</summary>
[RequirePermission(Permission.MakeStatutoryReturns)]
public sealed class NewModel(ReturnsService returns) : GovukPageModel
{
    public string? PeriodEnd { get; set; }

    public IReadOnlyList<SelectListItem> Quarters { get; private set; } = [];

    public void OnGet()
    {
        var periods = returns.RecentPeriods;
        PeriodEnd = periods[0].End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Quarters = periods
            .Select(p => new SelectListItem($"{p.QuarterName}: {UkFormat.Date(p.Start)} to {UkFormat.Date(p.End)}", p.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}
