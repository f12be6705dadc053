using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Providers;

namespace PersonalBudgets.Core.DirectPayments;

public enum PaymentRunStatus
{
    [Display(Name = "Waiting for approval")] Created,
    [Display(Name = "Approved: payment file made")] Approved,
    [Display(Name = "Cancelled")] Cancelled,
}

/// <summary>
/// What a payment pays for (ADR 0034, 0037). Each kind has its own source record (<see cref="Payment.SourceId"/>): a direct
/// payment agreement, an individual service fund (a commissioned service paid by its schedule) or an approved provider
/// invoice. The run, its file and the once-only rule work the same for every kind.
/// </summary>
public enum PayableSource
{
    [Display(Name = "Direct payment")] DirectPayment,
    [Display(Name = "Individual service fund")] IndividualServiceFund,
    [Display(Name = "Provider invoice")] ProviderInvoice,
}

public enum PaymentStatus
{
    [Display(Name = "In a run waiting for approval")] Proposed,
    [Display(Name = "Paid")] Paid,
    [Display(Name = "Cancelled with its run")] Cancelled,
}

/// <summary>
/// One period's payment of one source. The database holds the once-only rule: one payment that is not cancelled per
/// source and period start (a unique index), so two runs, a retried run or a resumed one can never pay a period twice.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; private set; }
    public Guid RunId { get; private set; }
    public PayableSource SourceKind { get; private set; }
    public Guid SourceId { get; private set; }

    /// <summary>The person the payment is for; none for a provider invoice, which may cover several people.</summary>
    public Guid? PersonId { get; private set; }

    /// <summary>The provider paid (individual service funds and invoices); none for a direct payment.</summary>
    public Guid? ProviderId { get; private set; }
    public string Reference { get; private set; } = "";
    public string PayeeName { get; private set; } = "";
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public decimal Amount { get; private set; }
    public decimal Adjustment { get; private set; }
    public PaymentStatus Status { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }

    private Payment()
    {
    }

    /// <summary>The last day the payment covers.</summary>
    public DateOnly LastDay => PeriodEnd.AddDays(-1);

    public static Payment Propose(Guid runId, PayableSource kind, Guid sourceId, string sourceReference, Guid personId, string payeeName, SchedulePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new Payment
        {
            Id = Guid.NewGuid(),
            RunId = runId,
            SourceKind = kind,
            SourceId = sourceId,
            PersonId = personId,
            Reference = $"{sourceReference}-{period.Start:yyyyMMdd}",
            PayeeName = payeeName,
            PeriodStart = period.Start,
            PeriodEnd = period.EndExclusive,
            Amount = period.Amount,
            Adjustment = period.Adjustment,
            Status = PaymentStatus.Proposed,
        };
    }

    /// <summary>An individual service fund's period, paid to the provider that holds the fund.</summary>
    public static Payment ProposeServiceFund(Guid runId, CommissionedService fund, string providerName, SchedulePeriod period)
    {
        ArgumentNullException.ThrowIfNull(fund);
        var payment = Propose(runId, PayableSource.IndividualServiceFund, fund.Id, fund.Reference, fund.PersonId, providerName, period);
        payment.ProviderId = fund.ProviderId;
        return payment;
    }

    /// <summary>An approved invoice, paid once at its approved amount for its period; the reference is the invoice number.</summary>
    public static Payment ProposeInvoice(Guid runId, Invoice invoice, string providerName)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Status != InvoiceStatus.Approved || invoice.ApprovedAmount is not { } amount)
        {
            throw new InvalidOperationException("Only an approved invoice is paid.");
        }

        return new Payment
        {
            Id = Guid.NewGuid(),
            RunId = runId,
            SourceKind = PayableSource.ProviderInvoice,
            SourceId = invoice.Id,
            ProviderId = invoice.ProviderId,
            Reference = invoice.InvoiceNumber,
            PayeeName = providerName,
            PeriodStart = invoice.PeriodStart,
            PeriodEnd = invoice.PeriodEnd.AddDays(1),
            Amount = amount,
            Status = PaymentStatus.Proposed,
        };
    }

    internal void MarkPaid(DateTimeOffset now)
    {
        Status = PaymentStatus.Paid;
        PaidAt = now;
    }

    internal void Cancel() => Status = PaymentStatus.Cancelled;
}

/// <summary>
/// A payment run for a date: every period due by then and not yet paid, proposed by one finance officer and approved by
/// another (four eyes). Approval makes the payment file and marks every payment paid, in one unit of work.
/// </summary>
public sealed class PaymentRun
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; private set; }
    public string BatchReference { get; private set; } = "";
    public DateOnly RunDate { get; private set; }
    public PaymentRunStatus Status { get; private set; }
    public Guid CreatedById { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? CancelReason { get; private set; }
    public int PaymentCount { get; private set; }
    public decimal Total { get; private set; }
    public string? FileCsv { get; private set; }
    public int Revision { get; private set; }

    private PaymentRun()
    {
    }

    public static PaymentRun Create(DateOnly runDate, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var id = Guid.NewGuid();
        return new PaymentRun
        {
            Id = id,
            BatchReference = $"PR-{runDate:yyyyMMdd}-{id.ToString("N")[..6].ToUpperInvariant()}",
            RunDate = runDate,
            Status = PaymentRunStatus.Created,
            CreatedById = actor.UserId,
            CreatedByName = actor.DisplayName,
            CreatedAt = now,
            Revision = 1,
        };
    }

    /// <summary>Adds the payments the run proposes (its control totals follow).</summary>
    public void Include(IReadOnlyCollection<Payment> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        PaymentCount = payments.Count(p => p.Amount > 0);
        Total = payments.Sum(p => p.Amount);
    }

    /// <summary>
    /// Another finance officer approves: the payment file is made from the run's payments and each is marked paid. The
    /// person who created the run cannot approve it.
    /// </summary>
    public void Approve(IReadOnlyCollection<Payment> payments, IReadOnlyDictionary<Guid, BankDetails> accounts, Actor approver, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(approver);
        if (Status != PaymentRunStatus.Created)
        {
            throw new ConflictException("payment-run-decided", $"This payment run was already {Status.Label().ToLowerInvariant()} by {DecidedByName} at {UkFormat.DateTime(DecidedAt!.Value)}");
        }

        if (approver.UserId == CreatedById)
        {
            throw new DomainException("payment-run-four-eyes", "Another finance officer must approve this payment run: you created it");
        }

        if (payments.Any(p => p.RunId != Id || p.Status != PaymentStatus.Proposed))
        {
            throw new InvalidOperationException("Approve a run with its own proposed payments.");
        }

        FileCsv = PaymentFile.Write(BatchReference, RunDate, payments, accounts);
        foreach (var p in payments)
        {
            p.MarkPaid(now);
        }

        PaymentCount = payments.Count(p => p.Amount > 0);
        Total = payments.Sum(p => p.Amount);
        Status = PaymentRunStatus.Approved;
        DecidedById = approver.UserId;
        DecidedByName = approver.DisplayName;
        DecidedAt = now;
        Revision++;
    }

    /// <summary>Cancels a run not yet approved: its periods are free to be paid by a later run.</summary>
    public void Cancel(IReadOnlyCollection<Payment> payments, string? reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != PaymentRunStatus.Created)
        {
            throw new ConflictException("payment-run-decided", $"This payment run was already {Status.Label().ToLowerInvariant()} by {DecidedByName} at {UkFormat.DateTime(DecidedAt!.Value)}");
        }

        var errors = new List<People.FieldError>();
        var why = Texts.Required(reason, "Reason", "Give the reason for cancelling the payment run", TextMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        foreach (var p in payments)
        {
            p.Cancel();
        }

        CancelReason = why;
        Status = PaymentRunStatus.Cancelled;
        DecidedById = actor.UserId;
        DecidedByName = actor.DisplayName;
        DecidedAt = now;
        Revision++;
    }
}

/// <summary>Where a source is paid: the account's name, sort code and account number.</summary>
public sealed record BankDetails(string AccountName, string SortCode, string AccountNumber);

/// <summary>
/// The payment file for the council's finance system: CSV (RFC 4180), one header row, one row per payment of more than
/// nothing with its kind, then a SUBTOTAL row per kind paid (its count and sum) and a CONTROL row with the count and the
/// sum of the whole file. Amounts in pounds with two decimals; dates ISO 8601 (ADR 0034, 0037).
/// </summary>
public static class PaymentFile
{
    public const string Header = "RecordType,BatchReference,PaymentReference,Payee,SortCode,AccountNumber,Amount,PeriodStart,PeriodEnd,Kind";

    public static string Write(string batchReference, DateOnly runDate, IEnumerable<Payment> payments, IReadOnlyDictionary<Guid, BankDetails> accounts)
    {
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(accounts);
        var rows = payments.Where(p => p.Amount > 0).OrderBy(p => p.SourceKind).ThenBy(p => p.Reference, StringComparer.Ordinal).ToList();
        var day = runDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var p in rows)
        {
            var bank = accounts.TryGetValue(p.SourceId, out var b) ? b : new BankDetails(p.PayeeName, "", "");
            csv.AppendJoin(',', "PAYMENT", Field(batchReference), Field(p.Reference), Field(bank.AccountName), Field(bank.SortCode), Field(bank.AccountNumber),
                Amount(p.Amount), p.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.SourceKind).Append("\r\n");
        }

        foreach (var kind in rows.GroupBy(p => p.SourceKind).OrderBy(g => g.Key))
        {
            csv.AppendJoin(',', "SUBTOTAL", Field(batchReference), kind.Count().ToString(CultureInfo.InvariantCulture), "", "", "", Amount(kind.Sum(p => p.Amount)), day, "", kind.Key).Append("\r\n");
        }

        csv.AppendJoin(',', "CONTROL", Field(batchReference), rows.Count.ToString(CultureInfo.InvariantCulture), "", "", "", Amount(rows.Sum(p => p.Amount)), day, "", "").Append("\r\n");
        return csv.ToString();
    }

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Quotes a text field; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text != value ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
