using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Monitoring;

public enum AccountKind
{
    [Display(Name = "Managed account")] ManagedAccount,
    [Display(Name = "Prepaid card account")] PrepaidCard,
}

public enum PayInSource
{
    [Display(Name = "Council payment")] Council,
    [Display(Name = "The person's contribution")] PersonContribution,
    [Display(Name = "Other money paid in")] Other,
}

/// <summary>
/// The account a direct payment is paid into and monitored through (issue 15 item 4, ADR 0035): a managed account or a
/// prepaid card account, with the weekly net payment expected into it, the contribution the person pays in and the
/// contingency reserve (in weeks of payments) the person always keeps. It belongs to the person's direct payment
/// agreement (ADR 0038); accounts recorded before that have none.
/// </summary>
public sealed class DirectPaymentAccount
{
    public const int ReferenceMaxLength = 60;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>The direct payment agreement the account holds the money of; null only for accounts recorded before accounts belonged to one.</summary>
    public Guid? DirectPaymentAgreementId { get; private set; }

    public AccountKind Kind { get; private set; }
    public string AccountReference { get; private set; } = "";
    public decimal WeeklyNetPayment { get; private set; }
    public decimal WeeklyContribution { get; private set; }
    public int ContingencyWeeks { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public int Revision { get; private set; }

    private DirectPaymentAccount()
    {
    }

    public static DirectPaymentAccount Open(Guid personId, AccountKind? kind, string? reference, decimal? weeklyNet, decimal? weeklyContribution,
        int? contingencyWeeks, DateOnly? openedOn, Actor actor, DateTimeOffset now) =>
        Open(personId, null, kind, reference, weeklyNet, weeklyContribution, contingencyWeeks, openedOn, actor, now);

    /// <summary>Records the account of the person's direct payment agreement.</summary>
    public static DirectPaymentAccount Open(Guid personId, Guid? agreementId, AccountKind? kind, string? reference, decimal? weeklyNet, decimal? weeklyContribution,
        int? contingencyWeeks, DateOnly? openedOn, Actor actor, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add(new FieldError(nameof(Kind), "Select how the direct payment is held: a managed account or a prepaid card account"));
        }

        var r = Texts.Required(reference, nameof(AccountReference), "Enter the account reference", ReferenceMaxLength, errors);
        if (weeklyNet is not { } net || net <= 0 || net > 100_000m || decimal.Round(net, 2) != net)
        {
            errors.Add(new FieldError(nameof(WeeklyNetPayment), "Enter the weekly net payment in pounds and pence, more than £0"));
        }

        if (weeklyContribution is { } c && (c < 0 || c > 100_000m || decimal.Round(c, 2) != c))
        {
            errors.Add(new FieldError(nameof(WeeklyContribution), "Enter the weekly contribution in pounds and pence, £0 or more"));
        }

        if (contingencyWeeks is not { } weeks || weeks < 0 || weeks > 52)
        {
            errors.Add(new FieldError(nameof(ContingencyWeeks), "Enter the contingency reserve as a number of weeks from 0 to 52"));
        }

        if (openedOn is null)
        {
            errors.Add(new FieldError(nameof(OpenedOn), "Enter the date the account opened"));
        }
        else if (openedOn < PlausibleDates.EarliestRecord || openedOn > UkTime.DateOf(now))
        {
            errors.Add(new FieldError(nameof(OpenedOn), "The date the account opened must be today or in the past"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new DirectPaymentAccount
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            DirectPaymentAgreementId = agreementId,
            Kind = kind!.Value,
            AccountReference = r!,
            WeeklyNetPayment = weeklyNet!.Value,
            WeeklyContribution = weeklyContribution ?? 0m,
            ContingencyWeeks = contingencyWeeks!.Value,
            OpenedOn = openedOn!.Value,
            CreatedAt = now,
            CreatedByName = actor.DisplayName,
            Revision = 1,
        };
    }
}

/// <summary>Money paid into the account: a council payment (a payment run, once merged) or the person's contribution.</summary>
public sealed class AccountPayIn
{
    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal Amount { get; private set; }
    public PayInSource Source { get; private set; }
    public string? Reference { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedByName { get; private set; } = "";

    private AccountPayIn()
    {
    }

    public static AccountPayIn Record(Guid accountId, DateOnly? date, decimal? amount, PayInSource? source, string? reference, DateOnly today, Actor actor, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (date is null || date < PlausibleDates.EarliestRecord || date > today)
        {
            errors.Add(new FieldError(nameof(Date), "Enter the date the money was paid in, today or in the past"));
        }

        if (amount is not { } a || a <= 0 || a > 1_000_000m || decimal.Round(a, 2) != a)
        {
            errors.Add(new FieldError(nameof(Amount), "Enter the amount paid in, in pounds and pence, more than £0"));
        }

        if (source is null || !Enum.IsDefined(source.Value))
        {
            errors.Add(new FieldError(nameof(Source), "Select where the money came from: the council, the person's contribution or other"));
        }

        var r = Texts.Optional(reference, nameof(Reference), 100, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new AccountPayIn { Id = Guid.NewGuid(), AccountId = accountId, Date = date!.Value, Amount = amount!.Value, Source = source!.Value, Reference = r, RecordedAt = now, RecordedByName = actor.DisplayName };
    }
}
