using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Cancels a draft assessment with a reason (its owner, or a team manager).</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class CancelModel(AssessmentService assessments) : GovukPageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public AssessmentView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id)
    {
        View = await assessments.LoadAsync(id);
        Revision = View.Assessment.Revision;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await assessments.LoadAsync(id);
        await assessments.CancelAsync(id, Revision, Reason);
        Flash($"{View.Assessment.Kind.Label()} cancelled");
        return Redirect(Links.PersonAssessments(View.Assessment.PersonId));
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await assessments.LoadAsync(reload.Get<Guid>("id"));
}
