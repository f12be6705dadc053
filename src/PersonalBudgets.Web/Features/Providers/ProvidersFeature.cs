namespace PersonalBudgets.Web.Features.Providers;

/// <summary>Registers the providers feature (issue 15 item 3): the register, commissioned services and invoices.</summary>
public static class ProvidersFeature
{
    public static IServiceCollection AddProvidersFeature(this IServiceCollection services) => services
        .AddScoped<ProviderService>()
        .AddScoped<CommissioningService>();
}
