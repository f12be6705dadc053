using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>My work: every open step the signed-in user owns, across people, overdue first then by due date.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class IndexModel(WorkService work, Charging.FinancialAssessmentService finance, DirectPayments.DirectPaymentService directPayments, Monitoring.MonitoringService monitoring) : GovukPageModel
{
    /// <summary>For staff who also set up direct payments: the set-ups they own or may pick up (issue 15).</summary>
    public IReadOnlyList<DirectPayments.DirectPaymentWorkItem>? SetUps { get; private set; }

    /// <summary>For staff who also monitor direct payments: their open flags and unowned ones in their teams (issue 15).</summary>
    public IReadOnlyList<Monitoring.FlagWorkItem>? Flags { get; private set; }

    /// <summary>For staff who also assess finances: the financial assessments they own or may pick up (issue 14).</summary>
    public IReadOnlyList<Charging.FinanceWorkItem>? Finance { get; private set; }

    [BindProperty(SupportsGet = true, Name = "stage")]
    public PathwayStage? Stage { get; set; }

    [BindProperty(SupportsGet = true, Name = "due")]
    public WorkDue? Due { get; set; }

    public MyWork Work { get; private set; } = null!;

    public IEnumerable<SelectListItem> DueItems =>
    [
        new("Any time", "", Due is null),
        new("Overdue", nameof(WorkDue.Overdue), Due == WorkDue.Overdue),
        new("Due in the next 7 days", nameof(WorkDue.ThisWeek), Due == WorkDue.ThisWeek),
    ];

    public IEnumerable<SelectListItem> StageItems =>
        new[] { new SelectListItem("All stages", "") }.Concat(EnumLabels.All<PathwayStage>().Where(s => s.Value != PathwayStage.Ended)
            .Select(s => new SelectListItem(s.Label, s.Value.ToString(), s.Value == Stage)));

    public async Task OnGetAsync([FromQuery(Name = "page")] int page = 1)
    {
        ModelState.Clear();
        Work = await work.MineAsync(Stage is { } s && Enum.IsDefined(s) ? s : null, Due is { } d && Enum.IsDefined(d) ? d : null, page);
        if (User.Has(Permission.AssessFinances))
        {
            Finance = await finance.MineAsync();
        }

        if (User.Has(Permission.ManageDirectPayments))
        {
            SetUps = await directPayments.MineAsync();
        }

        if (User.Has(Permission.MonitorDirectPayments))
        {
            Flags = await monitoring.MineAsync();
        }
    }
}
