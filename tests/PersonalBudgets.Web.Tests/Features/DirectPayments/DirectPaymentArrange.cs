using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;
using Dpm = PersonalBudgets.Core.Monitoring;

namespace PersonalBudgets.Web.Tests.Features.DirectPayments;

/// <summary>How far along <see cref="DirectPaymentArrange.DirectPaymentAsync"/> takes the agreement.</summary>
public enum ArrangedDp
{
    SettingUp,
    AgreementSigned,
    Paid,
}

/// <summary>
/// Arranges a person's direct payment straight through the domain, as the set-up, signature and an approved payment run
/// would leave it, for the budget in place (which must have a direct-payment part); and monitoring accounts, flags and
/// reclaims.
/// </summary>
public static class DirectPaymentArrange
{
    public const string AccountNumber = "87654321";
    public const string SortCode = "309457";

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>The direct payment of the person's open budget, owned by the demo finance officer, due <paramref name="setUpDue"/>, paid (when asked) at <c>now</c>.</summary>
    public static Task<DirectPayment> DirectPaymentAsync(this AppFixture app, DatabaseProvider provider, Guid personId, ArrangedDp state, DateOnly? setUpDue = null) =>
        app.QueryAsync(provider, async db =>
        {
            var finance = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.Finance);
            var manager = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "financemanager@northmoor.example");
            var actor = new Actor(finance.Id, finance.DisplayName);
            var now = DateTimeOffset.UtcNow;
            var budget = await db.PersonalBudgets.AsNoTracking().SingleAsync(b => b.PersonId == personId && b.EndDate == null);
            var dp = DirectPayment.Start(personId, budget.Id, budget.StartDate, budget.DirectPaymentWeekly, budget.ContributionWeekly, finance.Id, finance.DisplayName,
                setUpDue ?? Today.AddDays(10), actor, now);
            db.DirectPayments.Add(dp);
            if (state != ArrangedDp.SettingUp)
            {
                dp.Record(new DirectPaymentSetUp(RecipientKind.Person, null, null, null, null, null, true, true, null, false, null, AccountKind.PrepaidCard, "Card account",
                    SortCode, AccountNumber, false, null, null, PaymentFrequency.FourWeekly, null, null, null), dp.Revision, actor, now);
                dp.RecordSignature(Today, dp.Revision, Today, actor, now);
            }

            if (state == ArrangedDp.Paid)
            {
                var run = PaymentRun.Create(Today, actor, now);
                var payments = PaymentSchedule.Due(dp.Terms(), null, 0m, Today)
                    .Select(period => Payment.Propose(run.Id, PayableSource.DirectPayment, dp.Id, dp.Reference, personId, dp.AccountName!, period)).ToList();
                run.Include(payments);
                run.Approve(payments, new Dictionary<Guid, BankDetails> { [dp.Id] = new(dp.AccountName!, dp.SortCode!, dp.AccountNumber!) }, new Actor(manager.Id, manager.DisplayName), now);
                db.PaymentRuns.Add(run);
                db.Payments.AddRange(payments);
            }

            await db.SaveChangesAsync();
            return dp;
        });

    /// <summary>A prepaid card account (£100 a week net, 4 weeks' contingency) with one open flag of the kind, raised <paramref name="raisedDaysAgo"/> days ago (due 14 days after).</summary>
    public static Task<(Dpm.DirectPaymentAccount Account, Dpm.MonitoringFlag Flag)> FlaggedAccountAsync(this AppFixture app, DatabaseProvider provider, Guid personId,
        Dpm.FlagKind kind, int raisedDaysAgo) =>
        app.QueryAsync(provider, async db =>
        {
            var finance = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.Finance);
            var actor = new Actor(finance.Id, finance.DisplayName);
            var account = Dpm.DirectPaymentAccount.Open(personId, Dpm.AccountKind.PrepaidCard, "CARD-" + Guid.NewGuid().ToString("N")[..8], 100m, 0m, 4, Today.AddDays(-60), actor, DateTimeOffset.UtcNow);
            var flag = Dpm.MonitoringFlag.Raise(account, new Dpm.FlagFinding(kind, "Arranged by the test"), new Dpm.StaffOwner(finance.Id, finance.DisplayName),
                Today.AddDays(-raisedDaysAgo), 14);
            db.DirectPaymentAccounts.Add(account);
            db.MonitoringFlags.Add(flag);
            await db.SaveChangesAsync();
            return (account, flag);
        });

    /// <summary>A reclaim with notice given today of <paramref name="amount"/> (the balance £1,000, above the £400 reserve).</summary>
    public static Task<Dpm.Reclaim> ReclaimAsync(this AppFixture app, DatabaseProvider provider, Dpm.DirectPaymentAccount account, decimal amount) =>
        app.QueryAsync(provider, async db =>
        {
            var reclaim = Dpm.Reclaim.GiveNotice(account, null, 1000m, amount, Dpm.ReclaimMethod.OffLaterPayment, "Surplus above the agreed level (test)", Today, 4,
                new Actor(Guid.Empty, "Test"), DateTimeOffset.UtcNow);
            db.Reclaims.Add(reclaim);
            await db.SaveChangesAsync();
            return reclaim;
        });
}
