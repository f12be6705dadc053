using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Providers;

/// <summary>
/// Where a provider's invoice is. <see cref="Approved"/> with its <see cref="Invoice.ApprovedAmount"/> is what a payment
/// run picks up (ADR 0035); the run then marks it <see cref="Paid"/>.
/// </summary>
public enum InvoiceStatus
{
    [Display(Name = "Received, to check")] Received,
    [Display(Name = "Queried with the provider")] Queried,
    [Display(Name = "Approved for payment")] Approved,
    [Display(Name = "Paid")] Paid,
}

/// <summary>One line of an invoice: the commissioned service it is for (none if the provider named something else), units and rate.</summary>
public sealed class InvoiceLine
{
    public const int DescriptionMaxLength = 300;

    public Guid Id { get; private set; }
    public int Order { get; private set; }
    public Guid? CommissionedServiceId { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Units { get; private set; }
    public decimal Rate { get; private set; }
    public decimal Amount { get; private set; }

    private InvoiceLine()
    {
    }

    internal static InvoiceLine Create(int order, Guid? serviceId, string description, decimal units, decimal rate) =>
        new() { Id = Guid.NewGuid(), Order = order, CommissionedServiceId = serviceId, Description = description, Units = units, Rate = rate, Amount = Money.Round(units * rate) };
}

/// <summary>What is typed for an invoice line.</summary>
public sealed record InvoiceLineInput(Guid? CommissionedServiceId, string? Description, decimal? Units, decimal? Rate);

/// <summary>
/// A provider's invoice for a period (issue 15, ADR 0035): one invoice number per provider, lines matched against the
/// commissioned services' planned units and rates before a finance officer approves it for payment or queries it.
/// </summary>
public sealed class Invoice
{
    public const int NumberMaxLength = 60;
    public const int ReasonMaxLength = 1000;
    public const int MaxLines = 200;

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public decimal Total { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public string? QueryReason { get; private set; }
    public DateTimeOffset? QueriedAt { get; private set; }
    public string? QueriedByName { get; private set; }
    public string? ApprovalNote { get; private set; }

    /// <summary>The amount a payment run pays: set on approval.</summary>
    public decimal? ApprovedAmount { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedByName { get; private set; }

    /// <summary>The payment run's reference once it has paid the invoice.</summary>
    public string? PaidInRun { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public int Revision { get; private set; }

    private readonly List<InvoiceLine> lines = [];

    public IReadOnlyList<InvoiceLine> Lines => lines;

    private Invoice()
    {
    }

    public static Invoice Record(Guid providerId, string? number, DateOnly? periodStart, DateOnly? periodEnd, IReadOnlyList<InvoiceLineInput>? lines, Actor actor, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var no = Texts.Required(number, nameof(InvoiceNumber), "Enter the provider's invoice number", NumberMaxLength, errors);
        if (periodStart is null)
        {
            errors.Add(new FieldError(nameof(PeriodStart), "Enter the first day of the period the invoice is for"));
        }
        else if (periodStart < PlausibleDates.EarliestRecord)
        {
            errors.Add(new FieldError(nameof(PeriodStart), $"The period must start on or after {UkFormat.Date(PlausibleDates.EarliestRecord)}"));
        }

        if (periodEnd is null)
        {
            errors.Add(new FieldError(nameof(PeriodEnd), "Enter the last day of the period the invoice is for"));
        }
        else if (periodStart is { } s && (periodEnd < s || periodEnd.Value.DayNumber - s.DayNumber > 366))
        {
            errors.Add(new FieldError(nameof(PeriodEnd), "The period must end on or after its start, and be a year or less"));
        }

        var built = new List<InvoiceLine>();
        if (lines is null || lines.Count == 0)
        {
            errors.Add(new FieldError("Lines", "Enter at least one line"));
        }
        else if (lines.Count > MaxLines)
        {
            errors.Add(new FieldError("Lines", $"An invoice can have up to {MaxLines} lines"));
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var l = lines[i];
                var field = $"Lines[{i}]";
                var description = Texts.Required(l.Description, $"{field}.Description", $"Line {i + 1}: enter what the line is for", InvoiceLine.DescriptionMaxLength, errors);
                if (l.Units is not { } units || units <= 0 || units > 10_000m || decimal.Round(units, 2) != units)
                {
                    errors.Add(new FieldError($"{field}.Units", $"Line {i + 1}: enter the units, more than 0, with at most 2 decimal places"));
                }

                if (l.Rate is not { } rate || rate <= 0 || rate > 100_000m || decimal.Round(rate, 2) != rate)
                {
                    errors.Add(new FieldError($"{field}.Rate", $"Line {i + 1}: enter the rate in pounds and pence, more than £0"));
                }

                if (description is not null && l.Units is { } u && l.Rate is { } r)
                {
                    built.Add(InvoiceLine.Create(i + 1, l.CommissionedServiceId, description, u, r));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var invoice = new Invoice
        {
            Id = Guid.NewGuid(),
            ProviderId = providerId,
            InvoiceNumber = no!,
            PeriodStart = periodStart!.Value,
            PeriodEnd = periodEnd!.Value,
            Status = InvoiceStatus.Received,
            ReceivedAt = now,
            RecordedByName = actor.DisplayName,
            Revision = 1,
        };
        invoice.lines.AddRange(built);
        invoice.Total = built.Sum(l => l.Amount);
        return invoice;
    }

    /// <summary>
    /// Approves the invoice for payment at its total. When the matching found differences the approver says why they are
    /// accepted (<paramref name="note"/>), so nobody pays a difference without a reason on the record.
    /// </summary>
    public void Approve(InvoiceMatch match, string? note, int revision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(match);
        EnsureRevision(revision);
        if (Status is not (InvoiceStatus.Received or InvoiceStatus.Queried))
        {
            throw new ConflictException("invoice-decided", $"This invoice is already {Status.Label().ToLowerInvariant()}");
        }

        // An individual service fund is paid in advance by its own schedule (ADR 0037): paying an invoice line for it too
        // would pay the same support twice. The provider accounts for the fund's spending; the line is queried instead.
        if (match.Lines.FirstOrDefault(l => l.Service?.Deployment == SupportPlans.Deployment.IndividualServiceFund) is { } fundLine)
        {
            throw new DomainException("invoice-bills-service-fund",
                $"Line {fundLine.Line.Order} bills an individual service fund, which payment runs already pay in advance by its schedule: query the invoice with the provider rather than pay the fund twice");
        }

        var errors = new List<FieldError>();
        var why = Texts.Optional(note, "Note", ReasonMaxLength, errors);
        if (errors.Count == 0 && match.HasDifferences && why is null)
        {
            errors.Add(new FieldError("Note", "The invoice differs from the plan: say why it is approved as it is, or query it with the provider"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Status = InvoiceStatus.Approved;
        ApprovalNote = why;
        ApprovedAmount = Total;
        ApprovedAt = now;
        ApprovedByName = actor.DisplayName;
        Revision++;
    }

    public void Query(string? reason, int revision, Actor actor, DateTimeOffset now)
    {
        EnsureRevision(revision);
        if (Status is not (InvoiceStatus.Received or InvoiceStatus.Queried))
        {
            throw new ConflictException("invoice-decided", $"This invoice is already {Status.Label().ToLowerInvariant()}");
        }

        var errors = new List<FieldError>();
        var why = Texts.Required(reason, "Reason", "Enter why the invoice is queried", ReasonMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Status = InvoiceStatus.Queried;
        QueryReason = why;
        QueriedAt = now;
        QueriedByName = actor.DisplayName;
        Revision++;
    }

    /// <summary>For the payment run (issue 15 item 2): marks an approved invoice paid in the run with that reference.</summary>
    public void MarkPaid(string runReference, DateTimeOffset now)
    {
        if (Status != InvoiceStatus.Approved)
        {
            throw new ConflictException("invoice-not-approved", "Only an approved invoice can be paid");
        }

        Status = InvoiceStatus.Paid;
        PaidInRun = runReference;
        PaidAt = now;
        Revision++;
    }

    private void EnsureRevision(int revision)
    {
        if (revision != Revision)
        {
            throw new ConcurrencyConflictException(ApprovedByName ?? QueriedByName ?? RecordedByName, ApprovedAt ?? QueriedAt ?? ReceivedAt);
        }
    }
}
