namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// A dashboard section of its own (charging, direct payments) whose figures open a list of the people behind them: the
/// list page asks each source in turn, and the first that knows the figure answers.
/// </summary>
public interface IDashboardListSource
{
    /// <summary>The people behind a figure of this section; null when the figure is not one of its.</summary>
    IQueryable<Guid>? People(string figure, string? argument, DashboardFilter filter, DashboardScope scope);

    /// <summary>The list's title for a figure of this section; null when the figure is not one of its.</summary>
    string? Title(string figure, string? argument, DashboardFilter filter);
}
