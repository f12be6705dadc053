namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>Registers the implementation dashboard's services (ADR 0027).</summary>
public static class DashboardFeature
{
    public static IServiceCollection AddDashboardFeature(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ReportingOptions>().Bind(config.GetSection(ReportingOptions.Section));
        return services
            .AddSingleton<Pseudonyms>()
            .AddScoped<DashboardService>()
            .AddScoped<DashboardListService>();
    }
}
