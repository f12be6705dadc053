using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>The versions of an assessment (the original and its corrections, with reasons) and its audit trail.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class HistoryModel(AssessmentService assessments) : GovukPageModel
{
    public AssessmentHistory History { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => History = await assessments.HistoryAsync(id);
}
