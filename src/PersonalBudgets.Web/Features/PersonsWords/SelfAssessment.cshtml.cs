using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.PersonsWords;

/// <summary>
/// The person's self-assessment beside their open needs assessment (ADR 0031): their words for each outcome, marked as
/// theirs, each copied into the assessment's note with one button (a form post, no script); marking it checked closes it.
/// </summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class SelfAssessmentModel(PersonsSelfAssessmentService selfAssessments) : GovukPageModel
{
    [BindProperty]
    public Guid SelfAssessmentId { get; set; }

    [BindProperty]
    public SpecifiedOutcome? Outcome { get; set; }

    [BindProperty]
    public Guid AssessmentId { get; set; }

    [BindProperty]
    public int AssessmentRevision { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public PersonsSelfAssessmentView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => View = await selfAssessments.LoadAsync(id, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCopyAsync(Guid id)
    {
        await selfAssessments.CopyAsync(id, SelfAssessmentId, Outcome, AssessmentId, AssessmentRevision, HttpContext.RequestAborted);
        Flash($"The person's words are in the assessment's note: {Outcome!.Value.Label().ToLowerInvariant()}");
        return Redirect(Links.PersonSelfAssessment(id, $"outcome-{Outcome}"));
    }

    public async Task<IActionResult> OnPostCheckedAsync(Guid id)
    {
        await selfAssessments.CheckAsync(id, SelfAssessmentId, Revision, HttpContext.RequestAborted);
        Flash("The self-assessment is marked as checked. The person can see that you read it");
        return Redirect(Links.PersonSelfAssessment(id));
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await selfAssessments.LoadAsync(reload.Get<Guid>("id"), HttpContext.RequestAborted);
}
