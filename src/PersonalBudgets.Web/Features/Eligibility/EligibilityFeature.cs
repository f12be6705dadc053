namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>Registers the Eligibility feature's services and maps its API endpoints.</summary>
public static class EligibilityFeature
{
    public static IServiceCollection AddEligibilityFeature(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapEligibilityApi(this RouteGroupBuilder api) => api;
}
