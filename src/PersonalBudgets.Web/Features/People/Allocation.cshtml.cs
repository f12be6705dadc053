using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

/// <summary>Shows a person's teams, key worker and allocation history; team managers change them here.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class AllocationModel(AllocationService allocations, PersonService people) : GovukPageModel
{
    [BindProperty]
    public List<Guid> TeamIds { get; set; } = [];

    [BindProperty]
    public Guid? KeyWorkerId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public AllocationView View { get; private set; } = null!;

    public bool CanAllocate => User.Has(Permission.AllocatePeople);

    public IEnumerable<SelectListItem> TeamItems => View.AllTeams.Select(t => new SelectListItem(t.Name, t.Id.ToString()));

    public IEnumerable<SelectListItem> KeyWorkerItems =>
        new[] { new SelectListItem("No key worker yet", "") }.Concat(View.KeyWorkers.Select(k =>
            new SelectListItem($"{k.Name}, {k.Profession} ({k.Employer}) - {string.Join(", ", View.AllTeams.Where(t => k.TeamIds.Contains(t.Id)).Select(t => t.Name))}: key worker for {(k.Caseload == 1 ? "1 person" : $"{k.Caseload} people")}", k.Id.ToString())));

    public async Task OnGetAsync(Guid id)
    {
        await people.ViewAsync(id);
        await LoadAsync(id, fromRecord: true);
    }

    [RequireHandlerPermission(Permission.AllocatePeople)]
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await allocations.ChangeAsync(id, new AllocationRequest(TeamIds, KeyWorkerId, Reason), Version);
        Flash("Allocation updated");
        return RedirectToPage("Allocation", new { id });
    }

    /// <summary>What was chosen stays; after a conflict saving again applies to the record's version now.</summary>
    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadAsync(reload.Get<Guid>("id"), fromRecord: false);
        if (reload.AfterConflict)
        {
            Version = View.Record.Person.Version;
        }
    }

    private async Task LoadAsync(Guid id, bool fromRecord)
    {
        View = await allocations.GetAsync(id);
        if (fromRecord)
        {
            TeamIds = View.Record.Teams.Select(t => t.Id).ToList();
            KeyWorkerId = View.Record.Person.KeyWorkerId;
            Version = View.Record.Person.Version;
        }
    }
}
