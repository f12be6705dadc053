using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The person's finished assessments in plain words, newest first, each with its eligibility decision.</summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class AssessmentModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public MyAssessments View { get; private set; } = null!;

    public async Task OnGetAsync() =>
        View = await views.AssessmentsAsync(my.PersonId, HttpContext.RequestAborted);
}
