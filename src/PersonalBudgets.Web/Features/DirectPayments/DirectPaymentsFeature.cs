namespace PersonalBudgets.Web.Features.DirectPayments;

/// <summary>Registers the direct payments feature (issue 15): set-up, agreements, payment runs and their API.</summary>
public static class DirectPaymentsFeature
{
    public static IServiceCollection AddDirectPaymentsFeature(this IServiceCollection services) => services.AddScoped<DirectPaymentService>();
}
