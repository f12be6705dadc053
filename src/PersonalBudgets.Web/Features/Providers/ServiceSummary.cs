namespace PersonalBudgets.Web.Features.Providers;

/// <summary>A commissioned service shown at the top of its suspend, resume and change pages, with the values in force today.</summary>
public sealed record ServiceSummary(CommissionedServiceItem Item, DateOnly Today);
