using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Monitoring;

public enum FlagKind
{
    [Display(Name = "Surplus above the agreed level")] Surplus,
    [Display(Name = "No spending")] NoSpending,
    [Display(Name = "Spending the council does not allow")] DisallowedSpending,
    [Display(Name = "Contribution not paid in")] ContributionNotPaid,
}

/// <summary>The council's monitoring settings (configuration section "Monitoring").</summary>
public sealed record MonitoringSettings(
    int SurplusWeeks = 8,
    int NoSpendingWeeks = 8,
    int ContributionWeeks = 4,
    int NoticeWeeks = 4,
    int FlagDueDays = 14,
    IReadOnlyList<string>? DisallowedMerchantCategories = null)
{
    public IReadOnlyList<string> Disallowed => DisallowedMerchantCategories ?? [];
}

/// <summary>A statement line as the rules see it.</summary>
public sealed record Transaction(DateOnly Date, decimal Amount, string? Category);

/// <summary>
/// What the rules see of an account on a day: its statement lines (for no spending), the lines not screened before (for
/// disallowed categories: a statement's new lines, so a resolved flag is not raised again by the same payments) and the
/// contributions paid in.
/// </summary>
public sealed record AccountPosition(
    DateOnly OpenedOn, decimal WeeklyNetPayment, decimal WeeklyContribution, decimal? Balance, DateOnly? LastStatementDate,
    IReadOnlyList<Transaction> Spending,
    IReadOnlyList<Transaction> ToScreen,
    IReadOnlyList<(DateOnly Date, decimal Amount)> ContributionsPaid);

/// <summary>A flag the rules would raise, with what it is about.</summary>
public sealed record FlagFinding(FlagKind Kind, string Detail);

/// <summary>
/// The monitoring rules (issue 15 item 4, ADR 0035): proportionate checks a finance officer follows up, each a flag with
/// an owner and a due date. Surplus is the balance in weeks of net payment; no spending looks back a number of weeks from
/// the last statement (the support may not be in place); disallowed spending is any money out in a merchant category on
/// the council's list; a contribution is not paid in when the contributions paid over the last weeks fall short.
/// </summary>
public static class MonitoringRules
{
    /// <summary>The balance as a number of weeks of net payment, to one decimal place (down, so 7.99 is not "8").</summary>
    public static decimal SurplusWeeks(decimal balance, decimal weeklyNet) =>
        weeklyNet <= 0 ? 0m : Math.Round(balance / weeklyNet, 1, MidpointRounding.ToZero);

    public static IReadOnlyList<FlagFinding> Evaluate(AccountPosition a, DateOnly today, MonitoringSettings settings)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(settings);
        var found = new List<FlagFinding>();
        if (a.Balance is { } balance && balance > a.WeeklyNetPayment * settings.SurplusWeeks)
        {
            found.Add(new FlagFinding(FlagKind.Surplus,
                $"The balance of {UkFormat.Money(balance)} is {SurplusWeeks(balance, a.WeeklyNetPayment).ToString("0.0", CultureInfo.InvariantCulture)} weeks of payments, above the agreed {settings.SurplusWeeks} weeks ({UkFormat.Money(a.WeeklyNetPayment * settings.SurplusWeeks)})"));
        }

        var asOf = a.LastStatementDate ?? today;
        var since = asOf.AddDays(-7 * settings.NoSpendingWeeks);
        if (a.LastStatementDate is not null && a.OpenedOn <= since && !a.Spending.Any(s => s.Date > since && s.Amount < 0))
        {
            found.Add(new FlagFinding(FlagKind.NoSpending,
                $"No money has been spent from the account for {settings.NoSpendingWeeks} weeks (since {UkFormat.Date(since)}): the support may not be in place"));
        }

        var disallowed = a.ToScreen
            .Where(s => s.Amount < 0 && s.Category is { } c && settings.Disallowed.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (disallowed.Count > 0)
        {
            var total = -disallowed.Sum(s => s.Amount);
            found.Add(new FlagFinding(FlagKind.DisallowedSpending,
                $"{disallowed.Count} payment{(disallowed.Count == 1 ? "" : "s")} totalling {UkFormat.Money(total)} in merchant categories the council does not allow: "
                + string.Join("; ", disallowed.Take(5).Select(s => $"{UkFormat.Date(s.Date)} {s.Category} {UkFormat.Money(-s.Amount)}"))));
        }

        if (a.WeeklyContribution > 0)
        {
            var from = today.AddDays(-7 * settings.ContributionWeeks);
            if (a.OpenedOn <= from)
            {
                var expected = Money.Round(a.WeeklyContribution * settings.ContributionWeeks);
                var paid = a.ContributionsPaid.Where(p => p.Date > from && p.Date <= today).Sum(p => p.Amount);
                if (paid < expected)
                {
                    found.Add(new FlagFinding(FlagKind.ContributionNotPaid,
                        $"{UkFormat.Money(paid)} of contributions paid in over the last {settings.ContributionWeeks} weeks, {UkFormat.Money(expected)} expected ({UkFormat.Money(expected - paid)} short)"));
                }
            }
        }

        return found;
    }
}
