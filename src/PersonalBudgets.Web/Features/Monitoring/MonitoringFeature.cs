namespace PersonalBudgets.Web.Features.Monitoring;

/// <summary>Registers direct payment account monitoring (issue 15 item 4): statements, flags and reclaims.</summary>
public static class MonitoringFeature
{
    public static IServiceCollection AddMonitoringFeature(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MonitoringOptions>().Bind(config.GetSection(MonitoringOptions.Section));
        return services.AddScoped<MonitoringService>();
    }
}
