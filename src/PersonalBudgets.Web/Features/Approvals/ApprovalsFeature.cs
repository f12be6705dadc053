namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>Registers the approvals and panels services and maps their API endpoints.</summary>
public static class ApprovalsFeature
{
    public static IServiceCollection AddApprovalsFeature(this IServiceCollection services) => services
        .AddScoped<ApprovalService>()
        .AddScoped<ApprovalDecisionService>()
        .AddScoped<PanelService>();

    public static RouteGroupBuilder MapApprovalsApi(this RouteGroupBuilder api) => api.MapApprovalsEndpoints();
}
