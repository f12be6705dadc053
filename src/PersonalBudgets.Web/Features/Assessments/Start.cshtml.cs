using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Starts a needs or carer's assessment: who owns it and when it is due.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class StartModel(PersonService people, AssessmentService assessments, ICurrentUser currentUser) : GovukPageModel
{
    [BindProperty(SupportsGet = true)]
    public AssessmentKind Kind { get; set; } = AssessmentKind.Adult;

    [BindProperty]
    public Guid? OwnerId { get; set; }

    [BindProperty]
    public DateInput DueDate { get; set; } = new();

    public PersonRecord Record { get; private set; } = null!;
    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];
    public DateOnly Suggested => assessments.SuggestedDueDate;

    /// <summary>The person's draft needs assessment, if they have one: only one can be open at a time.</summary>
    public OpenAssessment? Open { get; private set; }

    public IEnumerable<SelectListItem> OwnerItems =>
        new[] { new SelectListItem("Select a member of staff", "") }.Concat(Owners.Select(o => new SelectListItem($"{o.Name} ({o.Profession})", o.Id.ToString())));

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        OwnerId = Owners.Any(o => o.Id == currentUser.Id) ? currentUser.Id : null;
        DueDate = DateInput.From(Suggested);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id);
        ModelState.Remove(nameof(Kind));
        var (due, dueError) = DueDate.Parse("Due date", required: true);
        if (dueError is not null)
        {
            ModelState.AddModelError(nameof(DueDate), dueError);
        }

        if (!ModelState.IsValid)
        {
            // Check the owner too, so every problem shows at once.
            if (OwnerId is null || Owners.All(o => o.Id != OwnerId))
            {
                ModelState.AddModelError(nameof(OwnerId), "Select who owns the assessment from the staff in the person's teams");
            }

            EnsureValid();
        }

        var assessment = await assessments.StartAsync(id, Kind, OwnerId, due);
        Flash($"{Kind.Label()} started");
        return Redirect(Links.AssessmentOverview(assessment.Id));
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    private async Task LoadAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        Owners = await assessments.OwnerOptionsAsync(id);
        Open = await assessments.OpenAssessmentAsync(id, Kind);
    }
}
