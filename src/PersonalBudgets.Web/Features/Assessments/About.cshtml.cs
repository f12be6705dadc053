using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

[RequirePermission(Permission.AssessPeople)]
public sealed class AboutModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    public AssessmentType? Type { get; set; }

    [BindProperty]
    public Guid? OwnerId { get; set; }

    [BindProperty]
    public DateInput DueDate { get; set; } = new();

    public override AssessmentSection? Section => AssessmentSection.About;

    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];

    public IEnumerable<SelectListItem> OwnerItems
    {
        get
        {
            var items = Owners.Select(o => new SelectListItem($"{o.Name} ({o.Profession})", o.Id.ToString())).ToList();
            if (Owners.All(o => o.Id != Assessment.OwnerId))
            {
                items.Insert(0, new SelectListItem(View.OwnerName, Assessment.OwnerId.ToString()));
            }

            return items;
        }
    }

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        Owners = await Assessments.OwnerOptionsAsync(Assessment.PersonId);
        Type = Assessment.Type;
        OwnerId = Assessment.OwnerId;
        DueDate = DateInput.From(Assessment.DueDate);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        Owners = await Assessments.OwnerOptionsAsync(Assessment.PersonId);
        if (Type is null)
        {
            ModelState.AddModelError(nameof(Type), "Select the type of assessment");
        }

        var (due, dueError) = DueDate.Parse("Due date", required: true);
        if (dueError is not null)
        {
            ModelState.AddModelError(nameof(DueDate), dueError);
        }

        return await SaveAndRedirectAsync(() => Assessments.UpdateAboutAsync(id, Revision, Type!.Value, OwnerId, due!.Value), Links.AssessmentOverview(id));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Owners = await Assessments.OwnerOptionsAsync(Assessment.PersonId);
    }
}
