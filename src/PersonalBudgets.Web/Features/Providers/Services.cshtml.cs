using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>
/// The person's commissioned services (individual service funds and council-commissioned services), for everyone who may
/// see the person; finance staff commission a service from the approved plan and end one (ADR 0038).
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ServicesModel(CommissioningService commissioning, People.PersonService people) : GovukPageModel
{
    public People.PersonRecord Record { get; private set; } = null!;

    public IReadOnlyList<CommissionedServiceItem> Services { get; private set; } = [];

    public bool MayCommission => User.Has(Permission.PayProviders);

    public DateOnly Today => commissioning.Today;

    public async Task OnGetAsync(Guid id)
    {
        Record = await people.ViewAsync(id, HttpContext.RequestAborted);
        Services = await commissioning.ForPersonAsync(id, HttpContext.RequestAborted);
    }
}
