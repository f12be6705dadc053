using System.Reflection;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Pathways;
using DpAccountKind = PersonalBudgets.Core.DirectPayments.AccountKind;
using MonitoredAccountKind = PersonalBudgets.Core.Monitoring.AccountKind;

namespace PersonalBudgets.Bench;

/// <summary>
/// The direct payment of a budget in place with a direct-payment part (issue 15), as the demo data makes it: the agreement
/// set up and signed by the finance officer, its payments in the council's four-weekly runs, the monitored prepaid card
/// account with the council's pay-ins, and now and then an open monitoring flag or a reclaim with notice. The runs are the
/// council's, one per cycle date (<see cref="CreateRuns"/>): people's payments are proposed into them while the chunks are
/// made, and the runs are approved once every chunk is done (<see cref="ApproveRuns"/>).
/// </summary>
public sealed class DirectPaymentBuilder(DataSet data, Random random, DateTimeOffset anchor, OrganisationBuilder org, IReadOnlyDictionary<DateOnly, PaymentRun> runs)
{
    /// <summary>The share (per cent) of signed agreements that were later suspended, and that ended.</summary>
    public const int SuspendedPercent = 3;

    public const int EndedPercent = 3;

    /// <summary>The share (per cent) of monitored accounts with an open flag, and with a reclaim.</summary>
    public const int FlaggedPercent = 8;

    public const int ReclaimPercent = 3;

    public const int ContingencyWeeks = 4;

    private static readonly IReadOnlySet<DateOnly> Holidays = EnglandBankHolidays.All;

    private static readonly FlagKind[] Kinds = Enum.GetValues<FlagKind>();

    private DateOnly Today => UkTime.DateOf(anchor);

    /// <summary>
    /// The council's payment runs, one per four-weekly cycle date (from the schedule's cycle anchor) in the last
    /// <paramref name="days"/> days up to the anchor's date, created by the finance officer on the day. Only the runs that
    /// end up with payments are written.
    /// </summary>
    public static SortedDictionary<DateOnly, PaymentRun> CreateRuns(OrganisationBuilder org, DateTimeOffset anchor, int days)
    {
        ArgumentNullException.ThrowIfNull(org);
        var today = UkTime.DateOf(anchor);
        var runs = new SortedDictionary<DateOnly, PaymentRun>();
        var terms = new ScheduleTerms(today.AddDays(-days), PaymentFrequency.FourWeekly, [new RateChange(today.AddDays(-days), 1m, 0m)], [], []);
        var number = 0;
        for (var day = PaymentSchedule.NextCycleBoundary(terms, today.AddDays(-days)); day <= today; day = day.AddDays(28))
        {
            var run = PaymentRun.Create(day, org.FinanceOfficers[0].Actor(), At(day, 9));
            // The batch reference is made from the domain's random key: a deterministic one instead (same seed, same rows).
            Set(run, nameof(PaymentRun.BatchReference), $"PR-{day:yyyyMMdd}-{++number:X6}");
            runs[day] = run;
        }

        return runs;
    }

    /// <summary>
    /// Approves every run that has payments (a second finance officer: four eyes), which makes its payment file and marks its
    /// payments paid, and adds the runs to the data set.
    /// </summary>
    public static void ApproveRuns(DataSet data, OrganisationBuilder org, IReadOnlyDictionary<DateOnly, PaymentRun> runs)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(runs);
        var byRun = data.Of(typeof(Payment)).Cast<Payment>().GroupBy(p => p.RunId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Payment>)g.ToList());
        var bank = data.Of(typeof(DirectPayment)).Cast<DirectPayment>().Where(d => d.AccountName is not null)
            .ToDictionary(d => d.Id, d => new BankDetails(d.AccountName!, d.SortCode!, d.AccountNumber!));
        var approver = org.FinanceOfficers[1].Actor();
        foreach (var (day, run) in runs)
        {
            if (!byRun.TryGetValue(run.Id, out var payments))
            {
                continue;
            }

            run.Include(payments);
            run.Approve(payments, bank, approver, At(day, 14));
            data.Add(run);
        }
    }

    /// <summary>Makes the direct payment of person number <paramref name="index"/>'s budget, approved at <paramref name="approvedAt"/>.</summary>
    public void Build(int index, PersonalBudget budget, DateTimeOffset approvedAt, Actor decider)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var finance = org.FinanceOfficers[0];
        var approved = UkTime.DateOf(approvedAt);
        var dp = DirectPayment.Start(budget.PersonId, budget.Id, budget.StartDate, budget.DirectPaymentWeekly, budget.ContributionWeekly, finance.User.Id,
            finance.User.DisplayName, DueDates.AddWorkingDays(approved, 10, Holidays), decider, approvedAt);
        // The reference is made from the domain's random key: a deterministic one instead (same seed, same rows).
        Set(dp, nameof(DirectPayment.Reference), $"DP-{index:X8}");
        data.Add(dp);

        // Most are set up within days and signed within a few weeks of the approval; a few take two months more.
        var setUpDay = approved.AddDays(1 + random.Next(4));
        var signDay = setUpDay.AddDays(3 + random.Next(21) + (random.Next(100) < 5 ? 60 : 0));
        var fate = random.Next(100);
        if (setUpDay > Today)
        {
            return;
        }

        dp.Record(new DirectPaymentSetUp(RecipientKind.Person, null, null, null, null, null, true, true, "Capacity for this decision assessed with the person",
                false, null, DpAccountKind.PrepaidCard, "Benchmark prepaid card", "309457", $"{10_000_000 + index}", true, true, true, PaymentFrequency.FourWeekly,
                budget.StartDate, null, null),
            dp.Revision, finance.Actor(), At(setUpDay, 11));
        if (signDay > Today)
        {
            return;
        }

        dp.RecordSignature(signDay, dp.Revision, signDay, finance.Actor(), At(signDay, 15));

        // Every run from the signature on pays the periods due by its date (the first one any back pay since the start).
        var terms = dp.Terms();
        DateOnly? paidThrough = null;
        var paidSoFar = 0m;
        var paid = new List<(Payment Payment, PaymentRun Run)>();
        var runDates = runs.Keys.Where(d => d >= signDay).ToList();
        var endAfter = fate < EndedPercent ? 1 + random.Next(Math.Max(1, runDates.Count)) : int.MaxValue;
        var runsPaid = 0;
        foreach (var day in runDates)
        {
            var periods = PaymentSchedule.Due(terms, paidThrough, paidSoFar, day);
            if (periods.Count == 0)
            {
                continue;
            }

            var run = runs[day];
            foreach (var period in periods)
            {
                var payment = Payment.Propose(run.Id, PayableSource.DirectPayment, dp.Id, dp.Reference, dp.PersonId, dp.AccountName!, period);
                data.Add(payment);
                paid.Add((payment, run));
            }

            paidThrough = periods[^1].EndExclusive;
            paidSoFar += periods.Sum(p => p.Amount);
            if (++runsPaid >= endAfter)
            {
                break;
            }
        }

        if (paid.Count == 0)
        {
            return;
        }

        var lastRun = paid[^1].Run.RunDate;
        if (fate < EndedPercent)
        {
            var notice = Min(Today, lastRun.AddDays(random.Next(14)));
            dp.End(paid.Max(p => p.Payment.LastDay), "The person chose to have the council arrange the support instead (benchmark data)", notice, dp.Revision,
                finance.Actor(), At(notice, 16));
        }
        else if (fate < EndedPercent + SuspendedPercent)
        {
            var from = Max(dp.StartDate!.Value, Max(lastRun, Today.AddDays(-random.Next(21))));
            if (from <= Today)
            {
                dp.Suspend(from, null, "In hospital (benchmark data): payments resume when the person comes home", from, dp.Revision, finance.Actor(), At(from, 16));
            }
        }

        if (dp.NetWeekly <= 0 || !paid.Any(p => p.Payment.Amount > 0))
        {
            return;
        }

        // The agreement's prepaid card account is monitored (ADR 0038): the runs' payments are paid into it.
        var account = DirectPaymentAccount.Open(dp.PersonId, dp.Id, MonitoredAccountKind.PrepaidCard, $"PPC-BENCH-{index:000000}", dp.NetWeekly, dp.ContributionWeekly,
            ContingencyWeeks, signDay, finance.Actor(), At(signDay, 16));
        data.Add(account);
        var payIns = new List<AccountPayIn>();
        var approver = org.FinanceOfficers[1].Actor();
        foreach (var (payment, run) in paid.Where(p => p.Payment.Amount > 0))
        {
            var payIn = AccountPayIn.Record(account.Id, run.RunDate, payment.Amount, PayInSource.Council, $"{run.BatchReference} {payment.Reference}", run.RunDate,
                approver, At(run.RunDate, 16));
            data.Add(payIn);
            payIns.Add(payIn);
        }

        var owner = new StaffOwner(finance.User.Id, finance.User.DisplayName);
        Guid? surplusFlag = null;
        if (random.Next(100) < FlaggedPercent)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var raised = Max(signDay, Today.AddDays(-random.Next(45)));
            var flag = MonitoringFlag.Raise(account, new FlagFinding(kind, FlagDetail(kind)), owner, raised, 20);
            data.Add(flag);
            surplusFlag = kind == FlagKind.Surplus ? flag.Id : null;
        }

        if (random.Next(100) < ReclaimPercent)
        {
            var noticeDay = Max(signDay, Today.AddDays(-random.Next(70)));
            var balance = payIns.Where(p => p.Date <= noticeDay).Sum(p => p.Amount);
            var most = ReclaimPolicy.Reclaimable(balance, account.WeeklyNetPayment, account.ContingencyWeeks);
            if (most > 0m)
            {
                var amount = Math.Max(0.01m, Money.Round(most / 2));
                var reclaim = Reclaim.GiveNotice(account, surplusFlag, balance, amount, ReclaimMethod.OffLaterPayment,
                    "Unspent surplus above the contingency reserve (benchmark data)", noticeDay, 4, finance.Actor(), At(noticeDay, 12));
                if (reclaim.EarliestTakeDate <= Today && random.Next(2) == 0)
                {
                    reclaim.Take(reclaim.EarliestTakeDate, reclaim.Revision, finance.Actor(), At(reclaim.EarliestTakeDate, 12));
                }

                data.Add(reclaim);
            }
        }
    }

    private static string FlagDetail(FlagKind kind) => kind switch
    {
        FlagKind.Surplus => "The balance is above the agreed level of weeks of net payment (benchmark data)",
        FlagKind.NoSpending => "No money has gone out of the account in the last weeks (benchmark data)",
        FlagKind.DisallowedSpending => "Money went out in a merchant category on the council's list (benchmark data)",
        _ => "The contributions paid in over the last weeks fall short (benchmark data)",
    };

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>Sets a property the domain keeps to itself (its private setter).</summary>
    private static void Set(object target, string property, object value) =>
        target.GetType().GetProperty(property, BindingFlags.Instance | BindingFlags.Public)!.SetValue(target, value);
}
