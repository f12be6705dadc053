using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>
/// Team work for team managers: counts by member and profession, the first unowned and overdue work (the whole lists
/// are behind links), and reallocation of many steps at once with a reason.
/// </summary>
[RequirePermission(Permission.ManageTeamWork)]
public sealed class TeamModel(WorkService work, ReallocationService reallocation, Charging.FinancialAssessmentService finance,
    DirectPayments.DirectPaymentService directPayments, Monitoring.MonitoringService monitoring) : ReallocationPageModel(reallocation)
{
    public TeamWork Work { get; private set; } = null!;

    /// <summary>The teams' overdue financial assessments (issue 14), which run alongside the pathway; null when not loaded.</summary>
    public IReadOnlyList<Charging.FinanceWorkItem>? FinanceOverdue { get; private set; }

    /// <summary>The teams' overdue direct payment set-ups (issue 15); null when not loaded.</summary>
    public IReadOnlyList<DirectPayments.DirectPaymentWorkItem>? SetUpsOverdue { get; private set; }

    /// <summary>The teams' overdue direct payment monitoring flags (issue 15); null when not loaded.</summary>
    public IReadOnlyList<Monitoring.FlagWorkItem>? FlagsOverdue { get; private set; }

    public IEnumerable<SelectListItem> OwnerItems
    {
        get
        {
            var open = Work.ByMember.Where(m => m.Owner is not null).ToDictionary(m => m.Owner!, m => m.Open);
            return OwnerItemsOf(Work.Members.Select(o => (o.Id, o.Name, o.Profession, open.GetValueOrDefault(o.Id.ToString()))));
        }
    }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Work = await LoadAsync();
        FinanceOverdue = await finance.OverdueInMyTeamsAsync();
        SetUpsOverdue = await directPayments.OverdueInMyTeamsAsync();
        FlagsOverdue = await monitoring.OverdueInMyTeamsAsync();
    }

    public Task<IActionResult> OnPostAsync() =>
        ReallocateAsync(SelectedSteps(), "/Work/Team", async () => Work = await LoadAsync());

    protected override async Task OnReloadAsync(PageReload reload) => Work = await LoadAsync();

    private Task<TeamWork> LoadAsync() => work.TeamAsync(1, 1, WorkService.TeamOverviewSize);

    /// <summary>The whole list of unowned work, paged, where it can also be reallocated.</summary>
    public static string AllUnownedLink => new TeamWorkFilter(TeamWorkOwner.NoOwner, null, null, TeamWorkDue.Open).Link();

    /// <summary>The whole list of overdue work.</summary>
    public static string AllOverdueLink => (TeamWorkFilter.All with { Due = TeamWorkDue.Overdue }).Link();
}
