using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

[RequirePermission(Permission.CreatePeople)]
public sealed class CreateModel(PersonService people, PersonalBudgetsDbContext db, ICurrentUser currentUser) : GovukPageModel, IPersonForm
{
    // Declared in the order the form shows them (the error summary follows it).
    [BindProperty]
    public Guid? TeamId { get; set; }

    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public async Task OnGetAsync() => await LoadTeamsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadTeamsAsync();
        var (details, inputErrors) = Input.ToDetails();
        AddErrors(inputErrors, "Input");
        if (TeamId is null)
        {
            ModelState.AddModelError(nameof(TeamId), "Select the team the person is referred to");
        }

        if (!ModelState.IsValid)
        {
            // Show every problem at once: the domain rules too.
            AddErrors(await people.CheckAsync(details, null), "Input");
            return PageWithErrors();
        }

        try
        {
            var person = await people.CreateAsync(details, TeamId!.Value);
            Flash("Record created");
            return RedirectToPage("Details", new { id = person.Id });
        }
        catch (ValidationFailedException ex)
        {
            AddErrors(ex.Errors.Where(e => e.Field == "TeamId"));
            AddErrors(ex.Errors.Where(e => e.Field != "TeamId"), "Input");
            return PageWithErrors();
        }
    }

    private async Task LoadTeamsAsync()
    {
        var userId = currentUser.Id;
        Teams = await db.TeamMemberships.Where(m => m.UserId == userId)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t)
            .OrderBy(t => t.Name)
            .Select(t => new SelectListItem(t.Name, t.Id.ToString()))
            .ToListAsync();
        if (Teams.Count == 1)
        {
            TeamId ??= Guid.Parse(Teams[0].Value);
        }
    }
}
