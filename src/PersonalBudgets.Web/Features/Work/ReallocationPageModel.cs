using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>
/// What Team work and the lists behind its counts share: the ticked steps, the member to give them to and the reason,
/// and one way of reallocating them (back to the list with a banner when all moved; the page again with what could not
/// move, a 409 when nothing did).
/// </summary>
public abstract class ReallocationPageModel(ReallocationService reallocation) : GovukPageModel
{
    /// <summary>The selected steps, each as "stepId:revision" (the revision the manager saw).</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [BindProperty]
    public Guid? OwnerId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public BulkResult? Result { get; private set; }

    public static string Value(WorkItem item) => $"{item.StepId}:{item.Revision.ToString(CultureInfo.InvariantCulture)}";

    public static string Pieces(int n) => n == 1 ? "1 piece of work" : $"{n} pieces of work";

    /// <summary>The picker's first item and one item per member, with their profession and how much they own now.</summary>
    protected IEnumerable<SelectListItem> OwnerItemsOf(IEnumerable<(Guid Id, string Name, Profession Profession, int Open)> members) =>
        new[] { new SelectListItem("Select a member of staff", "") }.Concat(members.Select(m =>
            new SelectListItem($"{m.Name} ({m.Profession.Label()}): {Pieces(m.Open)} open now", m.Id.ToString(), OwnerId == m.Id)));

    /// <summary>The ticked steps that parse; anything else was not a step this page offered.</summary>
    protected List<StepSelection> SelectedSteps() => Selected.Select(Parse).OfType<StepSelection>().ToList();

    /// <summary>Reallocates the steps; on success back to <paramref name="returnUrl"/>, otherwise the page reloaded by <paramref name="reload"/>.</summary>
    protected async Task<IActionResult> ReallocateAsync(IReadOnlyList<StepSelection> selections, string returnUrl, Func<Task> reload)
    {
        var result = await reallocation.ReallocateManyAsync(selections, OwnerId, Reason);
        if (result.Refused.Count == 0)
        {
            Flash(result.Reallocated.Count == 1 ? "1 piece of work reallocated" : $"{result.Reallocated.Count} pieces of work reallocated");
            return Redirect(returnUrl);
        }

        Result = result;
        Selected = [];
        ModelState.Clear();
        await reload();
        Response.StatusCode = result.Reallocated.Count == 0 ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        return Page();
    }

    internal static StepSelection? Parse(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2 && Guid.TryParse(parts[0], out var id) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? new StepSelection(id, revision)
            : null;
    }
}
