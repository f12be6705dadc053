namespace PersonalBudgets.Core.Budgets;

/// <summary>
/// Money is decimal pounds and pence. The one rounding rule: every amount shown or stored is rounded to the penny,
/// half away from zero, at each step of a calculation that produces a figure the person sees. A year is 52 weeks.
/// </summary>
public static class Money
{
    public const int WeeksPerYear = 52;

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal Annual(decimal weekly) => Round(weekly * WeeksPerYear);
}
