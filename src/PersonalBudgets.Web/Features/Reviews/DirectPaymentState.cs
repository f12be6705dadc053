using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>A direct payment account's balance against what was paid into it.</summary>
public sealed record AccountState(string Kind, string Reference, decimal? Balance, DateOnly? BalanceOn, decimal PaidIn);

/// <summary>An open monitoring flag, for the review pages.</summary>
public sealed record FlagState(FlagKind Kind, DateOnly RaisedOn, DateOnly DueDate, bool IsOverdue);

/// <summary>
/// What a review needs to know of the person's direct payment (issue 15 item 5): the agreement's status, its net amount
/// and frequency, the last payment, each account's balance against what was paid in, and the open flags. No bank details:
/// the review pages are read by practitioners.
/// </summary>
public sealed record DirectPaymentState(
    Guid PersonId, string Reference, DirectPaymentStatus Status, decimal NetWeekly, PaymentFrequency Frequency, DateOnly? SignedOn,
    DateOnly? EndDate, DateOnly? SuspendedFrom, Payment? LastPayment, IReadOnlyList<AccountState> Accounts, IReadOnlyList<FlagState> Flags)
{
    /// <summary>The status as the review pages say it: setting up, active, suspended or ended.</summary>
    public string StatusText => Status switch
    {
        DirectPaymentStatus.SettingUp => "Setting up: the agreement is not signed yet",
        DirectPaymentStatus.Active => "Active",
        DirectPaymentStatus.Suspended => SuspendedFrom is { } from ? $"Suspended from {UkFormat.Date(from)}" : "Suspended",
        _ => EndDate is { } end ? $"Ended: the last day paid was {UkFormat.Date(end)}" : "Ended",
    };

    public string StatusColour => Status switch
    {
        DirectPaymentStatus.Active => "green",
        DirectPaymentStatus.SettingUp => "blue",
        DirectPaymentStatus.Suspended => "orange",
        _ => "grey",
    };
}

/// <summary>Reads <see cref="DirectPaymentState"/> for a person whose record the page has already opened (access checked again here), audited.</summary>
public sealed class DirectPaymentStateService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit, TimeProvider clock)
{
    /// <summary>The person's current direct payment (the one not ended, else the latest), or null when they have none.</summary>
    public async Task<DirectPaymentState?> ForPersonAsync(Guid personId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var agreements = await db.DirectPayments.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.StartedAt).ToListAsync(ct);
        var dp = agreements.FirstOrDefault(a => a.Status != DirectPaymentStatus.Ended) ?? agreements.FirstOrDefault();
        if (dp is null)
        {
            return null;
        }

        var today = clock.UkToday();
        var rate = dp.RateChanges.Where(c => c.From <= today).OrderBy(c => c.From).LastOrDefault();
        var net = rate is null ? dp.NetWeekly : rate.GrossWeekly - rate.ContributionWeekly;
        var last = await db.Payments.AsNoTracking()
            .Where(p => p.SourceKind == PayableSource.DirectPayment && p.SourceId == dp.Id && p.Status == PaymentStatus.Paid)
            .OrderByDescending(p => p.PeriodStart).FirstOrDefaultAsync(ct);

        var accounts = await db.DirectPaymentAccounts.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.OpenedOn)
            .Select(a => new { a.Id, a.Kind, a.AccountReference }).ToListAsync(ct);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var paidIn = await db.AccountPayIns.AsNoTracking().Where(p => accountIds.Contains(p.AccountId))
            .Select(p => new { p.AccountId, p.Amount }).ToListAsync(ct);
        // The closing balance: the last line by date, then the latest import, then its order in the file (as monitoring reads it).
        var lines = await db.StatementLines.AsNoTracking().Where(l => accountIds.Contains(l.AccountId))
            .Join(db.StatementImports, l => l.ImportId, i => i.Id, (l, i) => new { l.AccountId, l.Date, l.Sequence, l.Balance, i.ImportedAt }).ToListAsync(ct);
        var states = accounts.Select(a =>
        {
            var closing = lines.Where(l => l.AccountId == a.Id).OrderBy(l => l.Date).ThenBy(l => l.ImportedAt).ThenBy(l => l.Sequence).LastOrDefault();
            return new AccountState(a.Kind.Label(), a.AccountReference, closing?.Balance, closing?.Date, paidIn.Where(p => p.AccountId == a.Id).Sum(p => p.Amount));
        }).ToList();

        var flags = await db.MonitoringFlags.AsNoTracking().Where(f => f.PersonId == personId && f.Status == FlagStatus.Open).OrderBy(f => f.DueDate)
            .Select(f => new { f.Kind, f.RaisedOn, f.DueDate }).ToListAsync(ct);
        var suspendedFrom = dp.Status == DirectPaymentStatus.Suspended ? dp.Suspensions.Where(s => s.To is null).Select(s => (DateOnly?)s.From).FirstOrDefault() : null;

        await audit.RecordAsync(AuditAction.Viewed, PersonalBudgets.Web.Features.DirectPayments.DirectPaymentService.RecordType, dp.Id.ToString(), personId,
            summary: $"Viewed direct payment {dp.Reference} at review: its status, payments, balance and flags (no bank details)", cancellationToken: ct);
        return new DirectPaymentState(personId, dp.Reference, dp.Status, net, dp.Frequency, dp.SignedOn, dp.EndDate, suspendedFrom, last, states,
            flags.Select(f => new FlagState(f.Kind, f.RaisedOn, f.DueDate, f.DueDate < today)).ToList());
    }
}
