using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>
/// A page that changes one commissioned service of a person (end, suspend, resume, change units or rate): it loads the
/// person and the service, carries the service's revision through the form (a stale one is a 409), and reloads both when
/// a post is refused.
/// </summary>
public abstract class ServicePageModel(CommissioningService commissioning, People.PersonService people) : GovukPageModel
{
    [BindProperty] public int Revision { get; set; }

    public People.PersonRecord Record { get; private set; } = null!;

    public CommissionedServiceItem Item { get; private set; } = null!;

    public DateOnly Today => commissioning.Today;

    protected CommissioningService Commissioning => commissioning;

    public async Task OnGetAsync(Guid id, Guid serviceId)
    {
        await LoadAsync(id, serviceId);
        Revision = Item.Service.Revision;
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"), reload.Get<Guid>("serviceId"));

    private async Task LoadAsync(Guid id, Guid serviceId)
    {
        Record = await people.ViewAsync(id, HttpContext.RequestAborted);
        Item = await commissioning.GetServiceAsync(id, serviceId, HttpContext.RequestAborted);
    }
}
