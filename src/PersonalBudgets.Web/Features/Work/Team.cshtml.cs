using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>
/// Team work for team managers: counts by member and profession, unowned and overdue work, and reallocation of many
/// steps at once with a reason.
/// </summary>
[RequirePermission(Permission.ManageTeamWork)]
public sealed class TeamModel(WorkService work, ReallocationService reallocation) : ReallocationPageModel(reallocation)
{
    [BindProperty(SupportsGet = true, Name = "unowned")]
    public int UnownedPage { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public int OverduePage { get; set; } = 1;

    public TeamWork Work { get; private set; } = null!;

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
        Work = await work.TeamAsync(UnownedPage, OverduePage);
    }

    public Task<IActionResult> OnPostAsync() =>
        ReallocateAsync(SelectedSteps(), "/Work/Team", async () => Work = await work.TeamAsync(1, 1));

    protected override async Task OnReloadAsync(PageReload reload) => Work = await work.TeamAsync(UnownedPage, OverduePage);
}
