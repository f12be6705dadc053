using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>The support plan tab of a person's record: every version, and starting a plan when the person may have one.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(SupportPlanService plans) : GovukPageModel
{
    public PersonPlans Plans { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => Plans = await plans.PersonPlansAsync(id);
}
