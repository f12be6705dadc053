using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.DirectPayments;

/// <summary>How often a direct payment is paid. Every payment is made in advance, at the start of its period.</summary>
public enum PaymentFrequency
{
    [Display(Name = "Every four weeks")] FourWeekly,
    [Display(Name = "Every week")] Weekly,
    [Display(Name = "Every month")] Monthly,
}

/// <summary>The weekly amounts from a date: the gross (the budget's direct-payment part) and the person's contribution.</summary>
public sealed record RateChange(DateOnly From, decimal GrossWeekly, decimal ContributionWeekly)
{
    /// <summary>Net = gross − contribution, never below zero.</summary>
    public decimal NetWeekly => Math.Max(0m, GrossWeekly - ContributionWeekly);
}

/// <summary>A one-off payment (for example a start-up payment for equipment or recruiting a personal assistant).</summary>
public sealed record OneOffPayment(DateOnly Date, decimal Amount, string Description);

/// <summary>Days on which nothing is paid (for example a hospital stay): From to To inclusive; To null means until further notice.</summary>
public sealed record Suspension(DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);

    /// <summary>Whether this suspension shares a day with the days <paramref name="from"/> to <paramref name="to"/> (null: until further notice).</summary>
    public bool Overlaps(DateOnly from, DateOnly? to) => From <= (to ?? DateOnly.MaxValue) && (To ?? DateOnly.MaxValue) >= from;
}

/// <summary>
/// What an agreement pays: from <see cref="Start"/> to <see cref="End"/> (the last day paid, inclusive; null while it
/// runs), at the rates in <see cref="Rates"/> (each from its date), with one-off payments and suspensions. Periods
/// follow the council's payment cycle (<see cref="CycleAnchor"/> for weekly and four-weekly; the first of each
/// month for monthly), so the first period is usually part of a cycle and paid pro rata.
/// </summary>
public sealed record ScheduleTerms(
    DateOnly Start,
    PaymentFrequency Frequency,
    IReadOnlyList<RateChange> Rates,
    IReadOnlyList<OneOffPayment> OneOffs,
    IReadOnlyList<Suspension> Suspensions,
    DateOnly? End = null,
    DateOnly? CycleAnchor = null)
{
    /// <summary>The council's payment cycle starts on this Monday and repeats every week or four weeks.</summary>
    public static readonly DateOnly DefaultCycleAnchor = new(2024, 1, 1);

    public DateOnly Anchor => CycleAnchor ?? DefaultCycleAnchor;

    /// <summary>The first day not paid (the day after <see cref="End"/>), or null while the agreement runs.</summary>
    public DateOnly? StopsOn => End?.AddDays(1);
}

/// <summary>
/// One period of the schedule, [Start, EndExclusive), and what it pays: the schedule's amount for the period plus any
/// correction of earlier periods (for example a suspension or a change recorded after they were paid).
/// </summary>
public sealed record SchedulePeriod(DateOnly Start, DateOnly EndExclusive, decimal Amount, decimal Adjustment)
{
    public DateOnly LastDay => EndExclusive.AddDays(-1);

    public int Days => EndExclusive.DayNumber - Start.DayNumber;
}

/// <summary>
/// The arithmetic of a direct payment schedule (plain C#, decimal).
/// <para>
/// The rounding rule: a day's amount is the net weekly rate ÷ 7, and the schedule's amount up to a date is the exact
/// sum of every day before it (plus one-off payments dated before it), rounded to the penny once, half away from zero.
/// A period pays the rounded amount up to its end less the rounded amount up to its start. So the amounts of any run
/// of periods add up, to the penny, to the schedule's amount for that span: no penny is lost or made by rounding each
/// period, a whole week at a steady rate is always exactly the weekly amount, and a pro-rata period is days × weekly ÷ 7.
/// </para>
/// </summary>
public static class PaymentSchedule
{
    /// <summary>The schedule's exact (unrounded) amount for every day before <paramref name="until"/>, with one-off payments.</summary>
    public static decimal ExactUpTo(ScheduleTerms terms, DateOnly until)
    {
        Validate(terms);
        var limit = terms.StopsOn is { } stops && stops < until ? stops : until;
        decimal weeklyDays = 0m;
        if (limit > terms.Start)
        {
            // Split [Start, limit) at every rate change and suspension boundary; within a segment every day is alike.
            var cuts = new SortedSet<DateOnly> { terms.Start, limit };
            foreach (var r in terms.Rates)
            {
                cuts.Add(r.From);
            }

            foreach (var s in terms.Suspensions)
            {
                cuts.Add(s.From);
                if (s.To is { } to)
                {
                    cuts.Add(to.AddDays(1));
                }
            }

            var points = cuts.Where(c => c >= terms.Start && c <= limit).ToList();
            for (var i = 0; i + 1 < points.Count; i++)
            {
                var from = points[i];
                if (terms.Suspensions.Any(s => s.Covers(from)))
                {
                    continue;
                }

                weeklyDays += RateOn(terms, from) * (points[i + 1].DayNumber - from.DayNumber);
            }
        }

        var oneOffs = terms.OneOffs.Where(o => o.Date < until && (terms.StopsOn is null || o.Date < terms.StopsOn)).Sum(o => o.Amount);
        return (weeklyDays / 7m) + oneOffs;
    }

    /// <summary>The schedule's amount for every day before <paramref name="until"/>, rounded to the penny (the rule above).</summary>
    public static decimal AmountUpTo(ScheduleTerms terms, DateOnly until) => Money.Round(ExactUpTo(terms, until));

    /// <summary>The schedule's amount for the days [from, until).</summary>
    public static decimal AmountFor(ScheduleTerms terms, DateOnly from, DateOnly until) =>
        until <= from ? 0m : AmountUpTo(terms, until) - AmountUpTo(terms, from);

    /// <summary>The net weekly rate on a day (zero before the first rate).</summary>
    public static decimal RateOn(ScheduleTerms terms, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var rate = terms.Rates.Where(r => r.From <= day).OrderBy(r => r.From).LastOrDefault();
        return rate?.NetWeekly ?? 0m;
    }

    /// <summary>The end (exclusive) of the period that starts on <paramref name="periodStart"/>: the next cycle boundary,
    /// rate change or the day after the end, whichever comes first.</summary>
    public static DateOnly PeriodEnd(ScheduleTerms terms, DateOnly periodStart)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var end = NextCycleBoundary(terms, periodStart);
        foreach (var r in terms.Rates)
        {
            if (r.From > periodStart && r.From < end)
            {
                end = r.From;
            }
        }

        if (terms.StopsOn is { } stops && stops > periodStart && stops < end)
        {
            end = stops;
        }

        return end;
    }

    /// <summary>The first cycle boundary after <paramref name="day"/>.</summary>
    public static DateOnly NextCycleBoundary(ScheduleTerms terms, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Frequency == PaymentFrequency.Monthly)
        {
            return new DateOnly(day.Year, day.Month, 1).AddMonths(1);
        }

        var length = terms.Frequency == PaymentFrequency.Weekly ? 7 : 28;
        var offset = (day.DayNumber - terms.Anchor.DayNumber) % length;
        if (offset < 0)
        {
            offset += length;
        }

        return day.AddDays(length - offset);
    }

    /// <summary>
    /// The periods due by <paramref name="runDate"/> (paid in advance: a period is due on its first day) that are not yet
    /// paid. <paramref name="paidThrough"/> is the day after the last period already paid (null: nothing paid yet) and
    /// <paramref name="paidSoFar"/> the total already paid; the first new period also corrects any difference between
    /// what was paid and what the schedule now says was due up to then (never paying less than nothing: an overpayment
    /// is carried forward and taken off later periods).
    /// </summary>
    public static IReadOnlyList<SchedulePeriod> Due(ScheduleTerms terms, DateOnly? paidThrough, decimal paidSoFar, DateOnly runDate)
    {
        Validate(terms);
        var periods = new List<SchedulePeriod>();
        var start = paidThrough ?? terms.Start;
        if (start < terms.Start)
        {
            throw new DomainException("dp-paid-before-start", "Payments cannot have been made for days before the agreement starts");
        }

        var paid = paidSoFar;
        var correction = AmountUpTo(terms, start) - paidSoFar;
        while (start <= runDate && (terms.StopsOn is null || start < terms.StopsOn))
        {
            var end = PeriodEnd(terms, start);
            var target = AmountUpTo(terms, end);
            var amount = Math.Max(0m, target - paid);
            periods.Add(new SchedulePeriod(start, end, amount, periods.Count == 0 ? correction : 0m));
            paid += amount;
            start = end;
        }

        return periods;
    }

    /// <summary>The periods of the whole schedule from its start up to <paramref name="until"/>, with nothing paid yet.</summary>
    public static IReadOnlyList<SchedulePeriod> Periods(ScheduleTerms terms, DateOnly until) => Due(terms, null, 0m, until);

    public static void Validate(ScheduleTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Rates.Count == 0 || terms.Rates.Min(r => r.From) > terms.Start)
        {
            throw new DomainException("dp-no-rate", "The schedule needs an amount from its start date", "GrossWeekly");
        }

        if (terms.Rates.Any(r => r.GrossWeekly < 0 || r.ContributionWeekly < 0 || decimal.Round(r.GrossWeekly, 2) != r.GrossWeekly || decimal.Round(r.ContributionWeekly, 2) != r.ContributionWeekly))
        {
            throw new DomainException("dp-bad-rate", "Weekly amounts must be pounds and pence, not below zero", "GrossWeekly");
        }

        if (terms.Rates.GroupBy(r => r.From).Any(g => g.Count() > 1))
        {
            throw new DomainException("dp-duplicate-rate", "Only one change of amount can start on a day", "From");
        }

        if (terms.End is { } end && end < terms.Start)
        {
            throw new DomainException("dp-end-before-start", "The last day paid cannot be before the start date", "EndDate");
        }

        if (terms.OneOffs.Any(o => o.Amount <= 0 || decimal.Round(o.Amount, 2) != o.Amount || o.Date < terms.Start))
        {
            throw new DomainException("dp-bad-one-off", "A one-off payment must be more than £0, in pounds and pence, on or after the start date", "OneOffAmount");
        }

        if (terms.Suspensions.Any(s => s.To is { } to && to < s.From))
        {
            throw new DomainException("dp-bad-suspension", "A suspension cannot end before it starts", "SuspendTo");
        }
    }
}
