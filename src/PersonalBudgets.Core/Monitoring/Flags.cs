using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Monitoring;

public enum FlagStatus
{
    [Display(Name = "Open")] Open,
    [Display(Name = "Resolved")] Resolved,
}

/// <summary>
/// Something about an account for a finance officer to look into, owned with a due date. One open flag of each kind per
/// account (a unique index holds it). Resolving it records what the audit of the account found.
/// </summary>
public sealed class MonitoringFlag
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid PersonId { get; private set; }
    public FlagKind Kind { get; private set; }
    public string Detail { get; private set; } = "";
    public DateOnly RaisedOn { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly DueDate { get; private set; }
    public FlagStatus Status { get; private set; }
    public string? Finding { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedByName { get; private set; }
    public int Revision { get; private set; }

    private MonitoringFlag()
    {
    }

    public bool IsOverdue(DateOnly today) => Status == FlagStatus.Open && DueDate < today;

    public static MonitoringFlag Raise(DirectPaymentAccount account, FlagFinding finding, StaffOwner? owner, DateOnly today, int dueInDays) => new()
    {
        Id = Guid.NewGuid(), AccountId = account.Id, PersonId = account.PersonId, Kind = finding.Kind,
        Detail = finding.Detail.Length > TextMaxLength ? finding.Detail[..TextMaxLength] : finding.Detail,
        RaisedOn = today, OwnerId = owner?.Id, OwnerName = owner?.Name, DueDate = today.AddDays(dueInDays), Status = FlagStatus.Open, Revision = 1,
    };

    public void Resolve(string? finding, int revision, Actor actor, DateTimeOffset now)
    {
        if (revision != Revision)
        {
            throw new ConcurrencyConflictException(ResolvedByName ?? OwnerName ?? "someone", ResolvedAt ?? now);
        }

        if (Status != FlagStatus.Open)
        {
            throw new ConflictException("flag-resolved", "This flag is already resolved");
        }

        var errors = new List<FieldError>();
        var what = Texts.Required(finding, nameof(Finding), "Enter what the audit of the account found and what was done", TextMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Finding = what;
        Status = FlagStatus.Resolved;
        ResolvedAt = now;
        ResolvedByName = actor.DisplayName;
        Revision++;
    }
}

/// <summary>Who owns a flag.</summary>
public sealed record StaffOwner(Guid Id, string Name);

public enum ReclaimStatus
{
    [Display(Name = "Notice given")] NoticeGiven,
    [Display(Name = "Taken")] Taken,
    [Display(Name = "Cancelled")] Cancelled,
}

public enum ReclaimMethod
{
    [Display(Name = "Taken off a later payment")] OffLaterPayment,
    [Display(Name = "Invoiced to the person")] Invoiced,
}

/// <summary>
/// The reclaim arithmetic: the person keeps a contingency reserve of so many weeks of net payment; only the balance above
/// it can be reclaimed, and nothing before the notice period ends.
/// </summary>
public static class ReclaimPolicy
{
    public static decimal ContingencyReserve(decimal weeklyNet, int contingencyWeeks) => Money.Round(weeklyNet * contingencyWeeks);

    /// <summary>The most that may be reclaimed from this balance.</summary>
    public static decimal Reclaimable(decimal balance, decimal weeklyNet, int contingencyWeeks) =>
        Math.Max(0m, Money.Round(balance - ContingencyReserve(weeklyNet, contingencyWeeks)));

    public static DateOnly EarliestTakeDate(DateOnly noticeDate, int noticeWeeks) => noticeDate.AddDays(7 * noticeWeeks);
}

/// <summary>
/// A reclaim of unspent surplus (issue 15 item 4): recorded with the written notice to the person (a printable letter),
/// never more than the balance above the contingency reserve, and not taken before the notice period ends.
/// </summary>
public sealed class Reclaim
{
    public const int ReasonMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? FlagId { get; private set; }
    public decimal Amount { get; private set; }
    public decimal BalanceAtNotice { get; private set; }
    public decimal ContingencyReserve { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly NoticeDate { get; private set; }
    public DateOnly EarliestTakeDate { get; private set; }
    public ReclaimMethod Method { get; private set; }
    public ReclaimStatus Status { get; private set; }
    public DateOnly? TakenOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public string? TakenByName { get; private set; }
    public int Revision { get; private set; }

    private Reclaim()
    {
    }

    public static Reclaim GiveNotice(DirectPaymentAccount account, Guid? flagId, decimal balance, decimal? amount, ReclaimMethod? method, string? reason,
        DateOnly today, int noticeWeeks, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var errors = new List<FieldError>();
        var most = ReclaimPolicy.Reclaimable(balance, account.WeeklyNetPayment, account.ContingencyWeeks);
        var reserve = ReclaimPolicy.ContingencyReserve(account.WeeklyNetPayment, account.ContingencyWeeks);
        if (amount is not { } a || a <= 0 || decimal.Round(a, 2) != a)
        {
            errors.Add(new FieldError(nameof(Amount), "Enter the amount to reclaim in pounds and pence, more than £0"));
        }
        else if (a > most)
        {
            errors.Add(new FieldError(nameof(Amount), most == 0m
                ? $"Nothing can be reclaimed: the balance of {UkFormat.Money(balance)} is within the contingency reserve of {UkFormat.Money(reserve)} the person keeps"
                : $"The most that can be reclaimed is {UkFormat.Money(most)}: the balance of {UkFormat.Money(balance)} less the contingency reserve of {UkFormat.Money(reserve)} the person keeps"));
        }

        if (method is null || !Enum.IsDefined(method.Value))
        {
            errors.Add(new FieldError(nameof(Method), "Select how the money will be reclaimed"));
        }

        var why = Texts.Required(reason, nameof(Reason), "Enter why the surplus is reclaimed, as the notice to the person will say", ReasonMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new Reclaim
        {
            Id = Guid.NewGuid(), AccountId = account.Id, PersonId = account.PersonId, FlagId = flagId, Amount = amount!.Value, BalanceAtNotice = balance,
            ContingencyReserve = reserve, Reason = why!, NoticeDate = today, EarliestTakeDate = ReclaimPolicy.EarliestTakeDate(today, noticeWeeks),
            Method = method!.Value, Status = ReclaimStatus.NoticeGiven, CreatedAt = now, CreatedByName = actor.DisplayName, Revision = 1,
        };
    }

    /// <summary>Records the reclaim taken. Refused before the notice period ends.</summary>
    public void Take(DateOnly today, int revision, Actor actor, DateTimeOffset now)
    {
        if (revision != Revision)
        {
            throw new ConcurrencyConflictException(TakenByName ?? CreatedByName, now);
        }

        if (Status != ReclaimStatus.NoticeGiven)
        {
            throw new ConflictException("reclaim-not-open", $"This reclaim is already {Status.Label().ToLowerInvariant()}");
        }

        if (today < EarliestTakeDate)
        {
            throw new DomainException("reclaim-notice-running",
                $"The notice period runs until {UkFormat.Date(EarliestTakeDate.AddDays(-1))}: the reclaim can be taken from {UkFormat.Date(EarliestTakeDate)}");
        }

        Status = ReclaimStatus.Taken;
        TakenOn = today;
        TakenByName = actor.DisplayName;
        Revision++;
    }
}
