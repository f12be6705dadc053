namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Registers the Assessments feature's services and maps its API endpoints.</summary>
public static class AssessmentsFeature
{
    public static IServiceCollection AddAssessmentsFeature(this IServiceCollection services) =>
        services.AddScoped<AssessmentService>();

    public static RouteGroupBuilder MapAssessmentsApi(this RouteGroupBuilder api) => api.MapAssessmentEndpoints();
}
