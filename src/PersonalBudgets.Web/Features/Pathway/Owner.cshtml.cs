using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Features.Work;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>Reallocates one step of a person's pathway to another member of their teams, with a reason.</summary>
[RequirePermission(Permission.ManageTeamWork)]
public sealed class OwnerModel(PersonService people, PersonPathwayService pathway, ReallocationService reallocation) : GovukPageModel
{
    [BindProperty]
    public Guid? OwnerId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The revision of the step the form was loaded from.</summary>
    [BindProperty]
    public int Revision { get; set; }

    public PersonRecord Record { get; private set; } = null!;
    public PathwayStep Step { get; private set; } = null!;
    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];

    public IEnumerable<SelectListItem> OwnerItems =>
        new[] { new SelectListItem("Select a member of staff", "") }.Concat(Owners.Select(o => new SelectListItem($"{o.Name} ({o.Profession.Label()})", o.Id.ToString())));

    public async Task<IActionResult> OnGetAsync(Guid id, Guid stepId)
    {
        await LoadAsync(id, stepId);
        Revision = Step.Revision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid stepId)
    {
        await LoadAsync(id, stepId);
        var step = await reallocation.ReallocateAsync(stepId, OwnerId, Reason, Revision);
        Flash($"{step.Stage.Label()} reallocated to {step.OwnerName}");
        return RedirectToPage("/Pathway/Index", new { id });
    }

    /// <summary>What was typed stays; after a conflict the page shows the owner now, and saving again applies to the current revision.</summary>
    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadAsync(reload.Get<Guid>("id"), reload.Get<Guid>("stepId"));
        if (reload.AfterConflict)
        {
            Revision = Step.Revision;
        }
    }

    private async Task LoadAsync(Guid id, Guid stepId)
    {
        Record = await people.LoadForEditAsync(id);
        var step = await reallocation.LoadAsync(stepId);
        if (step.PersonId != id)
        {
            throw new NotFoundException("The step");
        }

        Step = step;
        Owners = await pathway.OwnerOptionsAsync(id);
    }
}
