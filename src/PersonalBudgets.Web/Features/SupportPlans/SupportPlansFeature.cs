namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Registers the support plans feature's services and maps its API endpoints.</summary>
public static class SupportPlansFeature
{
    public static IServiceCollection AddSupportPlansFeature(this IServiceCollection services) => services
        .AddScoped<SupportPlanService>();

    public static RouteGroupBuilder MapSupportPlansApi(this RouteGroupBuilder api) => api.MapSupportPlansEndpoints();
}
