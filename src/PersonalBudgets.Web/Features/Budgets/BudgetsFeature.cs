using PersonalBudgets.Web.Features.Budgets.Indicative;
using PersonalBudgets.Web.Features.Budgets.Ras;

namespace PersonalBudgets.Web.Features.Budgets;

/// <summary>Registers the Budgets feature's services and maps its API endpoints.</summary>
public static class BudgetsFeature
{
    public static IServiceCollection AddBudgetsFeature(this IServiceCollection services) => services
        .AddScoped<RasService>()
        .AddScoped<Ras.RasAnalysisService>()
        .AddScoped<IndicativeBudgetService>();

    public static RouteGroupBuilder MapBudgetsApi(this RouteGroupBuilder api) => api.MapBudgetsEndpoints();
}
