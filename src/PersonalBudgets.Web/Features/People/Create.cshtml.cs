using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
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

    private static FieldError TeamRequired => new(nameof(TeamId), "Select the team the person is referred to");

    public async Task OnGetAsync() => await LoadTeamsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadTeamsAsync();
        var (details, inputErrors) = Input.ToDetails();
        EnsureValid(TeamId is null ? [.. inputErrors, TeamRequired] : inputErrors);
        var person = await people.CreateAsync(details, TeamId!.Value);
        Flash("Record created");
        return RedirectToPage("Details", new { id = person.Id });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadTeamsAsync();
        var (details, inputErrors) = Input.ToDetails();
        if (reload.Refusal is null || inputErrors.Count > 0 || TeamId is null)
        {
            // Show every problem at once: the record's rules too.
            AddErrors(inputErrors);
            if (TeamId is null)
            {
                AddErrors([TeamRequired]);
            }

            AddErrors(await people.CheckAsync(details, null));
        }
    }

    /// <summary>The record's fields are in Input; the team is on its own.</summary>
    protected override string ErrorKey(string field) => field is nameof(TeamId) or "" ? field : $"{nameof(Input)}.{field}";

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
