using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Budgets;

namespace PersonalBudgets.Core.Providers;

/// <summary>How an invoice line differs from what was commissioned.</summary>
[Flags]
public enum LineDifference
{
    None = 0,
    [Display(Name = "More units than planned")] OverUnits = 1,
    [Display(Name = "A higher rate than agreed")] OverRate = 2,
    [Display(Name = "Not in the plan")] NotInPlan = 4,
}

/// <summary>One line matched: what was planned for it in the period, and how it differs.</summary>
public sealed record LineMatch(
    InvoiceLine Line, CommissionedService? Service, decimal PlannedUnits, decimal? PlannedRate, decimal PlannedAmount, LineDifference Differences)
{
    /// <summary>The line's amount less what the plan allows for it (never below nothing: invoicing less is not a difference).</summary>
    public decimal Excess => Math.Max(0m, Line.Amount - PlannedAmount);

    public IReadOnlyList<LineDifference> DifferenceList =>
        Enum.GetValues<LineDifference>().Where(d => d != LineDifference.None && Differences.HasFlag(d)).ToList();
}

public sealed record InvoiceMatch(IReadOnlyList<LineMatch> Lines)
{
    public bool HasDifferences => Lines.Any(l => l.Differences != LineDifference.None);

    public decimal Excess => Lines.Sum(l => l.Excess);
}

/// <summary>
/// Matches an invoice against the commissioned services it bills: each line's units against the units planned for the
/// days of the period the service was in force (units a week × days ÷ 7, less what earlier lines of the invoice already
/// billed for it), and its rate against the agreed rate. A line for no service, another provider's, or one not in force
/// in the period is not in the plan.
/// </summary>
public static class InvoiceMatching
{
    public static decimal PlannedUnits(CommissionedService service, DateOnly periodStart, DateOnly periodEnd)
    {
        ArgumentNullException.ThrowIfNull(service);
        var from = service.StartDate > periodStart ? service.StartDate : periodStart;
        var to = service.EndDate is { } end && end < periodEnd ? end : periodEnd;
        if (to < from)
        {
            return 0m;
        }

        var days = to.DayNumber - from.DayNumber + 1;
        return Math.Round(service.UnitsPerWeek * days / 7m, 2, MidpointRounding.AwayFromZero);
    }

    public static InvoiceMatch Match(Guid providerId, DateOnly periodStart, DateOnly periodEnd, IEnumerable<InvoiceLine> lines, IEnumerable<CommissionedService> services)
    {
        var byId = services.ToDictionary(s => s.Id);
        var used = new Dictionary<Guid, decimal>();
        var result = new List<LineMatch>();
        foreach (var line in lines.OrderBy(l => l.Order))
        {
            var service = line.CommissionedServiceId is { } id && byId.TryGetValue(id, out var s) && s.ProviderId == providerId ? s : null;
            var planned = service is null ? 0m : PlannedUnits(service, periodStart, periodEnd);
            if (service is null || planned == 0m)
            {
                result.Add(new LineMatch(line, service, 0m, service?.Rate, 0m, LineDifference.NotInPlan));
                continue;
            }

            var remaining = Math.Max(0m, planned - used.GetValueOrDefault(service.Id));
            used[service.Id] = used.GetValueOrDefault(service.Id) + line.Units;
            var differences = LineDifference.None;
            if (line.Units > remaining)
            {
                differences |= LineDifference.OverUnits;
            }

            if (line.Rate > service.Rate)
            {
                differences |= LineDifference.OverRate;
            }

            var plannedAmount = Money.Round(Math.Min(line.Units, remaining) * Math.Min(line.Rate, service.Rate));
            result.Add(new LineMatch(line, service, remaining, service.Rate, plannedAmount, differences));
        }

        return new InvoiceMatch(result);
    }
}
