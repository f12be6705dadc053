using PersonalBudgets.Web.Features.Admin.ServiceStandards;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>Registers the Pathway feature's services (and the service standards') and maps its API endpoints.</summary>
public static class PathwayFeature
{
    public static IServiceCollection AddPathwayFeature(this IServiceCollection services) => services
        .AddScoped<PathwayService>()
        .AddScoped<PersonPathwayService>()
        .AddScoped<ServiceStandardsService>();

    public static RouteGroupBuilder MapPathwayApi(this RouteGroupBuilder api) => api.MapPathwayEndpoints();
}
