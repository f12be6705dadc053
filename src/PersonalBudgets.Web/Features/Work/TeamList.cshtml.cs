using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>
/// The list behind a count on Team work (a member's open, overdue or due work; work with no owner; work of staff outside
/// the teams; work of a profession), paged, from which a manager reallocates the selected steps or the whole list (for
/// someone off sick or leaving) to one member, with a reason.
/// </summary>
[RequirePermission(Permission.ManageTeamWork)]
public sealed class TeamListModel(WorkService work, ReallocationService reallocation) : ReallocationPageModel(reallocation)
{
    [BindProperty(SupportsGet = true, Name = "owner")]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true, Name = "profession")]
    public string? Profession { get; set; }

    [BindProperty(SupportsGet = true, Name = "due")]
    public string? Due { get; set; }

    /// <summary>The page of the list (from the query: Razor Pages keeps the route value "page" for the page's path).</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

    public TeamWorkList List { get; private set; } = null!;

    /// <summary>The members the work can go to: not the member whose list this is.</summary>
    public IEnumerable<SelectListItem> OwnerItems => OwnerItemsOf(List.Members
        .Where(m => List.Filter.Owner != TeamWorkOwner.Member || m.Id != List.Filter.OwnerId)
        .Select(m => (m.Id, m.Name, m.Profession, m.OpenSteps)));

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        List = await work.TeamListAsync(Filter(), PageNumber);
    }

    /// <summary>Reallocates the steps ticked on this page.</summary>
    public Task<IActionResult> OnPostAsync() => ReallocateListAsync(SelectedSteps());

    /// <summary>Reallocates every step of the list, on every page, as each is now.</summary>
    public async Task<IActionResult> OnPostAllAsync() => await ReallocateListAsync(await work.TeamListSelectionsAsync(Filter(), "Selected"));

    private Task<IActionResult> ReallocateListAsync(IReadOnlyList<StepSelection> selections)
    {
        var filter = Filter();
        return ReallocateAsync(selections, filter.Link(), async () => List = await work.TeamListAsync(filter, 1));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        var errors = new List<FieldError>();
        var filter = TeamWorkFilter.Parse(Owner, Profession, Due, errors);
        List = await work.TeamListAsync(errors.Count == 0 ? filter : TeamWorkFilter.All, PageNumber);
    }

    private TeamWorkFilter Filter()
    {
        var errors = new List<FieldError>();
        var filter = TeamWorkFilter.Parse(Owner, Profession, Due, errors);
        EnsureValid(errors);
        return filter;
    }
}
