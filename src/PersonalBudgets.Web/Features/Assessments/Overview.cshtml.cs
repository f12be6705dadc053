using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>An assessment: the task list of its sections while a draft, a read-only summary once completed.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class OverviewModel(AssessmentService assessments) : GovukPageModel
{
    public AssessmentView View { get; private set; } = null!;
    public bool CanAssess => User.Has(Permission.AssessPeople);

    public async Task OnGetAsync(Guid id) => View = await assessments.ViewAsync(id);
}
