using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>
/// Team work for team managers: counts by member and profession, unowned and overdue work, and reallocation of many
/// steps at once with a reason.
/// </summary>
[RequirePermission(Permission.ManageTeamWork)]
public sealed class TeamModel(WorkService work, ReallocationService reallocation) : GovukPageModel
{
    [BindProperty(SupportsGet = true, Name = "unowned")]
    public int UnownedPage { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public int OverduePage { get; set; } = 1;

    /// <summary>The selected steps, each as "stepId:revision" (the revision the manager saw).</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [BindProperty]
    public Guid? OwnerId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public TeamWork Work { get; private set; } = null!;

    public BulkResult? Result { get; private set; }

    public IEnumerable<SelectListItem> OwnerItems
    {
        get
        {
            var open = Work.ByMember.Where(m => m.Owner is not null).ToDictionary(m => m.Owner!, m => m.Open);
            return new[] { new SelectListItem("Select a member of staff", "") }.Concat(Work.Members.Select(o =>
                new SelectListItem($"{o.Name} ({o.Profession.Label()}): {TeamListModel.Pieces(open.GetValueOrDefault(o.Id.ToString()))} open now", o.Id.ToString())));
        }
    }

    public static string Value(WorkItem item) => $"{item.StepId}:{item.Revision.ToString(CultureInfo.InvariantCulture)}";

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Work = await work.TeamAsync(UnownedPage, OverduePage);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var selections = Selected.Select(Parse).OfType<StepSelection>().ToList();
        var result = await reallocation.ReallocateManyAsync(selections, OwnerId, Reason);
        if (result.Refused.Count == 0)
        {
            Flash(result.Reallocated.Count == 1 ? "1 piece of work reallocated" : $"{result.Reallocated.Count} pieces of work reallocated");
            return RedirectToPage("/Work/Team");
        }

        Result = result;
        Selected = [];
        ModelState.Clear();
        Work = await work.TeamAsync(1, 1);
        Response.StatusCode = result.Reallocated.Count == 0 ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        return Page();
    }

    protected override async Task OnReloadAsync(PageReload reload) => Work = await work.TeamAsync(UnownedPage, OverduePage);

    internal static StepSelection? Parse(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2 && Guid.TryParse(parts[0], out var id) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? new StepSelection(id, revision)
            : null;
    }
}
