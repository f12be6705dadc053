namespace PersonalBudgets.Web.Features.Work;

/// <summary>Registers the Work feature's services (worklists, reallocation, notifications, escalation) and maps its API endpoints.</summary>
public static class WorkFeature
{
    public static IServiceCollection AddWorkFeature(this IServiceCollection services) => services
        .AddScoped<ReallocationService>()
        .AddScoped<WorkService>()
        .AddScoped<HomeService>()
        .AddScoped<EscalationService>()
        .AddHostedService<EscalationBackgroundService>();

    public static RouteGroupBuilder MapWorkApi(this RouteGroupBuilder api) => api.MapWorkEndpoints();
}
