namespace PersonalBudgets.Web.Features.BudgetStatements;

/// <summary>Registers the personal budget statement service and maps its API endpoints.</summary>
public static class PersonalBudgetsFeature
{
    public static IServiceCollection AddPersonalBudgetsFeature(this IServiceCollection services) => services.AddScoped<PersonalBudgetService>();

    public static RouteGroupBuilder MapPersonalBudgetsApi(this RouteGroupBuilder api) => api.MapPersonalBudgetsEndpoints();
}
