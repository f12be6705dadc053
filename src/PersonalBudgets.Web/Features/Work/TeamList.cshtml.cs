using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
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
public sealed class TeamListModel(WorkService work, ReallocationService reallocation) : GovukPageModel
{
    [BindProperty(SupportsGet = true, Name = "owner")]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true, Name = "profession")]
    public string? Profession { get; set; }

    [BindProperty(SupportsGet = true, Name = "due")]
    public string? Due { get; set; }

    /// <summary>The page of the list (from the query: Razor Pages keeps the route value "page" for the page's path).</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

    /// <summary>The selected steps, each as "stepId:revision" (the revision the manager saw).</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [BindProperty]
    public Guid? OwnerId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public TeamWorkList List { get; private set; } = null!;

    public BulkResult? Result { get; private set; }

    public IEnumerable<SelectListItem> OwnerItems =>
        new[] { new SelectListItem("Select a member of staff", "") }.Concat(List.Members
            .Where(m => List.Filter.Owner != TeamWorkOwner.Member || m.Id != List.Filter.OwnerId)
            .Select(m => new SelectListItem($"{m.Name} ({m.Profession.Label()}): {Pieces(m.OpenSteps)} open now", m.Id.ToString(), OwnerId == m.Id)));

    public static string Pieces(int n) => n == 1 ? "1 piece of work" : $"{n} pieces of work";

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        List = await work.TeamListAsync(Filter(), PageNumber);
    }

    /// <summary>Reallocates the steps ticked on this page.</summary>
    public Task<IActionResult> OnPostAsync() =>
        ReallocateAsync(Selected.Select(TeamModel.Parse).OfType<StepSelection>().ToList());

    /// <summary>Reallocates every step of the list, on every page, as each is now.</summary>
    public async Task<IActionResult> OnPostAllAsync()
    {
        var filter = Filter();
        return await ReallocateAsync(await work.TeamListSelectionsAsync(filter, "Selected"));
    }

    private async Task<IActionResult> ReallocateAsync(IReadOnlyList<StepSelection> selections)
    {
        var filter = Filter();
        var result = await reallocation.ReallocateManyAsync(selections, OwnerId, Reason);
        if (result.Refused.Count == 0)
        {
            Flash(result.Reallocated.Count == 1 ? "1 piece of work reallocated" : $"{result.Reallocated.Count} pieces of work reallocated");
            return Redirect(filter.Link());
        }

        Result = result;
        Selected = [];
        ModelState.Clear();
        List = await work.TeamListAsync(filter, 1);
        Response.StatusCode = result.Reallocated.Count == 0 ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        return Page();
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
