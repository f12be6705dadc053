namespace PersonalBudgets.Web.Features.Returns;

/// <summary>Registers the statutory returns feature (the CLD file and ASCOF 3D).</summary>
public static class ReturnsFeature
{
    public static IServiceCollection AddReturnsFeature(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ReturnsOptions>().Bind(config.GetSection(ReturnsOptions.Section));
        return services.AddScoped<ReturnsService>().AddScoped<ReturnLinks>();
    }
}
