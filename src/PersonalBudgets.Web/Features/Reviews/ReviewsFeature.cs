namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Registers the Reviews feature's services and maps its API endpoints.</summary>
public static class ReviewsFeature
{
    public static IServiceCollection AddReviewsFeature(this IServiceCollection services) => services
        .AddScoped<ReviewService>()
        .AddScoped<DirectPaymentStateService>();

    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api) => api.MapReviewsEndpoints();
}
