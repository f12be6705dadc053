namespace PersonalBudgets.Web.Features.Charging;

/// <summary>Registers the charging feature (issue 14): the charging policy, financial assessments and their API.</summary>
public static class ChargingFeature
{
    public static IServiceCollection AddChargingFeature(this IServiceCollection services) => services
        .AddScoped<ChargingPolicyService>()
        .AddScoped<DefaultChargingPolicySeeder>()
        .AddScoped<FinancialAssessmentService>()
        .AddScoped<Uprating.UpratingService>()
        .AddScoped<Uprating.UpratingProcessor>()
        .AddHostedService<Uprating.UpratingBackgroundService>();
}
