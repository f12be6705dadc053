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
/// days of the period the service was in force and not suspended (each day the units a week in force that day ÷ 7, less
/// what earlier lines of the invoice already billed for it), and its rate against the agreed rate in force on those days
/// (when it changed within the period, the planned amount ÷ the planned units: ADR 0040). A line for no service, another
/// provider's, or one not in force in the period is not in the plan.
/// </summary>
public static class InvoiceMatching
{
    public static decimal PlannedUnits(CommissionedService service, DateOnly periodStart, DateOnly periodEnd) => Planned(service, periodStart, periodEnd).Units;

    /// <summary>The units planned for the period (rounded to 2 places) and the rate to match against (null when nothing is planned).</summary>
    public static (decimal Units, decimal? Rate) Planned(CommissionedService service, DateOnly periodStart, DateOnly periodEnd)
    {
        ArgumentNullException.ThrowIfNull(service);
        var from = service.StartDate > periodStart ? service.StartDate : periodStart;
        var to = service.EndDate is { } end && end < periodEnd ? end : periodEnd;
        if (to < from)
        {
            return (0m, null);
        }

        var suspensions = service.Suspensions;
        var changes = service.Changes;
        decimal units = 0m, value = 0m;
        var rates = new HashSet<decimal>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (suspensions.Any(s => s.Covers(day)))
            {
                continue;
            }

            var change = changes.LastOrDefault(c => c.From <= day);
            var (u, r) = change is null ? (service.UnitsPerWeek, service.Rate) : (change.UnitsPerWeek, change.Rate);
            units += u / 7m;
            value += u * r / 7m;
            rates.Add(r);
        }

        var planned = Math.Round(units, 2, MidpointRounding.AwayFromZero);
        if (planned == 0m)
        {
            return (0m, null);
        }

        return (planned, rates.Count == 1 ? rates.Single() : Money.Round(value / units));
    }

    public static InvoiceMatch Match(Guid providerId, DateOnly periodStart, DateOnly periodEnd, IEnumerable<InvoiceLine> lines, IEnumerable<CommissionedService> services)
    {
        var byId = services.ToDictionary(s => s.Id);
        var used = new Dictionary<Guid, decimal>();
        var result = new List<LineMatch>();
        foreach (var line in lines.OrderBy(l => l.Order))
        {
            var service = line.CommissionedServiceId is { } id && byId.TryGetValue(id, out var s) && s.ProviderId == providerId ? s : null;
            var (planned, plannedRate) = service is null ? (0m, null) : Planned(service, periodStart, periodEnd);
            if (service is null || planned == 0m || plannedRate is not { } rate)
            {
                result.Add(new LineMatch(line, service, 0m, service?.ValuesOn(periodStart < service.StartDate ? service.StartDate : periodStart).Rate, 0m, LineDifference.NotInPlan));
                continue;
            }

            var remaining = Math.Max(0m, planned - used.GetValueOrDefault(service.Id));
            used[service.Id] = used.GetValueOrDefault(service.Id) + line.Units;
            var differences = LineDifference.None;
            if (line.Units > remaining)
            {
                differences |= LineDifference.OverUnits;
            }

            if (line.Rate > rate)
            {
                differences |= LineDifference.OverRate;
            }

            var plannedAmount = Money.Round(Math.Min(line.Units, remaining) * Math.Min(line.Rate, rate));
            result.Add(new LineMatch(line, service, remaining, rate, plannedAmount, differences));
        }

        return new InvoiceMatch(result);
    }
}
