namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>Registers the Pathway feature's services and maps its API endpoints.</summary>
public static class PathwayFeature
{
    public static IServiceCollection AddPathwayFeature(this IServiceCollection services) => services
        .AddScoped<PathwayService>()
        .AddScoped<PersonPathwayService>()
        .AddScoped<Work.ReallocationService>()
        .AddScoped<Work.WorkService>()
        .AddScoped<Work.EscalationService>()
        .AddScoped<Admin.ServiceStandards.ServiceStandardsService>()
        .AddHostedService<Work.EscalationBackgroundService>();
}
