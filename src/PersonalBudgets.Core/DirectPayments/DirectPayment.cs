using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.DirectPayments;

public enum DirectPaymentStatus
{
    [Display(Name = "Being set up")] SettingUp,
    [Display(Name = "Agreement signed: being paid")] Active,
    [Display(Name = "Suspended")] Suspended,
    [Display(Name = "Ended")] Ended,
}

/// <summary>Who receives the direct payment (Care Act s31 and s32).</summary>
public enum RecipientKind
{
    [Display(Name = "The person")] Person,
    [Display(Name = "A nominee chosen by the person")] Nominee,
    [Display(Name = "An authorised person (the person lacks capacity)")] AuthorisedPerson,
}

/// <summary>How the money is held.</summary>
public enum AccountKind
{
    [Display(Name = "A managed account")] ManagedAccount,
    [Display(Name = "A prepaid card account")] PrepaidCard,
    [Display(Name = "The person's own bank account")] OwnBankAccount,
}

/// <summary>What the set-up records, as entered (a page or the API). Every field is checked by <see cref="DirectPayment.Record"/>.</summary>
public sealed record DirectPaymentSetUp(
    RecipientKind? Recipient,
    string? RecipientName,
    string? RecipientRelationship,
    string? RecipientAddress,
    bool? AuthorisedPersonSuitable,
    string? SuitabilityReason,
    bool? PersonHasCapacity,
    bool? ConsentGiven,
    string? CapacityAndConsentNotes,
    bool? PaysCloseRelativeInHousehold,
    string? CloseRelativeReason,
    AccountKind? Account,
    string? AccountName,
    string? SortCode,
    string? AccountNumber,
    bool? EmploysPersonalAssistants,
    bool? UsesPayrollService,
    bool? HasEmployersLiabilityInsurance,
    PaymentFrequency? Frequency,
    DateOnly? StartDate,
    decimal? StartUpAmount,
    string? StartUpDescription);

/// <summary>A suspension with its reason and the date notice was given.</summary>
public sealed record SuspensionRecord(DateOnly From, DateOnly? To, string Reason, DateOnly NoticeGivenOn, DateTimeOffset RecordedAt, string RecordedByName);

/// <summary>A change of the weekly amounts from a date, and why (for example a revised plan's approval).</summary>
public sealed record RateChangeRecord(DateOnly From, decimal GrossWeekly, decimal ContributionWeekly, string Why, DateTimeOffset RecordedAt);

/// <summary>
/// A direct payment agreement (Care Act s31–33; Care and Support (Direct Payments) Regulations 2014) for one personal
/// budget. It is set up by a named owner by a due date from the approval of a plan with direct-payment elements; it is
/// paid only once the person (or their nominee or authorised person) has signed the agreement and the date is recorded.
/// The schedule (<see cref="Terms"/>) says what is due per period; payment runs pay it (<see cref="PaymentRun"/>).
/// </summary>
public sealed class DirectPayment : AggregateRoot
{
    public const int TextMaxLength = 2000;
    public const int NameMaxLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Guid Id { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public Guid BudgetId { get; private set; }
    public DirectPaymentStatus Status { get; private set; }

    public Guid? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }

    public RecipientKind? Recipient { get; private set; }
    public string? RecipientName { get; private set; }
    public string? RecipientRelationship { get; private set; }
    public string? RecipientAddress { get; private set; }
    public bool? AuthorisedPersonSuitable { get; private set; }
    public string? SuitabilityReason { get; private set; }
    public bool? PersonHasCapacity { get; private set; }
    public bool? ConsentGiven { get; private set; }
    public string? CapacityAndConsentNotes { get; private set; }
    public bool? PaysCloseRelativeInHousehold { get; private set; }
    public string? CloseRelativeReason { get; private set; }
    public AccountKind? Account { get; private set; }
    public string? AccountName { get; private set; }
    public string? SortCode { get; private set; }
    public string? AccountNumber { get; private set; }
    public bool? EmploysPersonalAssistants { get; private set; }
    public bool? UsesPayrollService { get; private set; }
    public bool? HasEmployersLiabilityInsurance { get; private set; }

    public PaymentFrequency Frequency { get; private set; }
    public DateOnly? StartDate { get; private set; }
    public decimal GrossWeekly { get; private set; }
    public decimal ContributionWeekly { get; private set; }
    public decimal NetWeekly { get; private set; }
    public decimal? StartUpAmount { get; private set; }
    public string? StartUpDescription { get; private set; }

    public DateOnly? SignedOn { get; private set; }
    public string? SignatureRecordedByName { get; private set; }

    public DateOnly? EndDate { get; private set; }
    public string? EndReason { get; private set; }
    public DateOnly? EndNoticeGivenOn { get; private set; }

    public string SuspensionsJson { get; private set; } = "[]";
    public string RateChangesJson { get; private set; } = "[]";

    public string UpdatedByName { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Revision { get; private set; }

    private DirectPayment()
    {
    }

    public IReadOnlyList<SuspensionRecord> Suspensions => JsonSerializer.Deserialize<List<SuspensionRecord>>(SuspensionsJson, Json)!;

    public IReadOnlyList<RateChangeRecord> RateChanges => JsonSerializer.Deserialize<List<RateChangeRecord>>(RateChangesJson, Json)!;

    public bool IsSigned => SignedOn is not null;

    /// <summary>Starts the set-up of a budget's direct payment, from the budget's direct-payment weekly and contribution.</summary>
    public static DirectPayment Start(Guid personId, Guid budgetId, DateOnly budgetStart, decimal grossWeekly, decimal contributionWeekly,
        Guid? ownerId, string? ownerName, DateOnly dueDate, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (grossWeekly <= 0)
        {
            throw new DomainException("dp-no-direct-payment", "The budget has no direct-payment part");
        }

        var id = Guid.NewGuid();
        var contribution = Math.Min(Math.Max(0m, contributionWeekly), grossWeekly);
        return new DirectPayment
        {
            Id = id,
            Reference = "DP-" + id.ToString("N")[..8].ToUpperInvariant(),
            PersonId = personId,
            BudgetId = budgetId,
            Status = DirectPaymentStatus.SettingUp,
            OwnerId = ownerId,
            OwnerName = ownerName,
            DueDate = dueDate,
            StartedAt = now,
            Frequency = PaymentFrequency.FourWeekly,
            StartDate = budgetStart,
            GrossWeekly = grossWeekly,
            ContributionWeekly = contribution,
            NetWeekly = grossWeekly - contribution,
            UpdatedByName = actor.DisplayName,
            UpdatedAt = now,
            Revision = 1,
        };
    }

    /// <summary>Records (or changes) the set-up while the agreement is not yet signed. Every problem is named by its field.</summary>
    public void Record(DirectPaymentSetUp input, int revision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        CheckRevision(revision);
        if (Status != DirectPaymentStatus.SettingUp)
        {
            throw new DomainException("dp-already-signed", "The agreement is signed: change the payments by suspending, ending or changing the amount from a date");
        }

        var errors = new List<FieldError>();
        var recipientName = Texts.Optional(input.RecipientName, nameof(input.RecipientName), NameMaxLength, errors);
        var relationship = Texts.Optional(input.RecipientRelationship, nameof(input.RecipientRelationship), NameMaxLength, errors);
        var address = Texts.Optional(input.RecipientAddress, nameof(input.RecipientAddress), TextMaxLength, errors);
        var suitability = Texts.Optional(input.SuitabilityReason, nameof(input.SuitabilityReason), TextMaxLength, errors);
        var notes = Texts.Optional(input.CapacityAndConsentNotes, nameof(input.CapacityAndConsentNotes), TextMaxLength, errors);
        var closeReason = Texts.Optional(input.CloseRelativeReason, nameof(input.CloseRelativeReason), TextMaxLength, errors);
        var accountName = Texts.Optional(input.AccountName, nameof(input.AccountName), NameMaxLength, errors);
        var startUpDescription = Texts.Optional(input.StartUpDescription, nameof(input.StartUpDescription), NameMaxLength, errors);
        var sortCode = NormaliseDigits(input.SortCode);
        var accountNumber = NormaliseDigits(input.AccountNumber);
        if (sortCode is not null && sortCode.Length != 6)
        {
            errors.Add(new FieldError(nameof(input.SortCode), "Enter a sort code of 6 digits, like 30-94-57"));
        }

        if (accountNumber is not null && accountNumber.Length is < 6 or > 8)
        {
            errors.Add(new FieldError(nameof(input.AccountNumber), "Enter an account number of 6 to 8 digits"));
        }

        if (input.Recipient is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add(new FieldError(nameof(input.Recipient), "Choose who receives the direct payment"));
        }

        if (input.Account is { } account && !Enum.IsDefined(account))
        {
            errors.Add(new FieldError(nameof(input.Account), "Choose how the money is held"));
        }

        if (input.Frequency is { } frequency && !Enum.IsDefined(frequency))
        {
            errors.Add(new FieldError(nameof(input.Frequency), "Choose how often it is paid"));
        }

        if (input.StartUpAmount is { } startUp && (startUp <= 0 || startUp > 100_000m || decimal.Round(startUp, 2) != startUp))
        {
            errors.Add(new FieldError(nameof(input.StartUpAmount), "Enter a start-up payment between £0.01 and £100,000, in pounds and pence"));
        }

        if (input.StartDate is { } start && StartDate is { } budgetStart && start < budgetStart)
        {
            errors.Add(new FieldError(nameof(input.StartDate), "The start date cannot be before the personal budget starts"));
        }

        // A spouse, civil partner or close relative living in the same household is paid only when the council decides it is necessary (reg 3).
        if (input.PaysCloseRelativeInHousehold == true && closeReason is null)
        {
            errors.Add(new FieldError(nameof(input.CloseRelativeReason), "Say why paying a close relative who lives in the same household is necessary: without a reason it is not allowed"));
        }

        if (input.Recipient == RecipientKind.AuthorisedPerson)
        {
            if (input.PersonHasCapacity == true)
            {
                errors.Add(new FieldError(nameof(input.PersonHasCapacity), "An authorised person receives a direct payment only for a person who lacks capacity to request it: choose a nominee instead"));
            }

            if (input.AuthorisedPersonSuitable == false)
            {
                errors.Add(new FieldError(nameof(input.AuthorisedPersonSuitable), "The council has not judged the authorised person suitable: they cannot receive the direct payment"));
            }
        }

        if (input.Recipient is RecipientKind.Person or RecipientKind.Nominee && input.PersonHasCapacity == false)
        {
            errors.Add(new FieldError(nameof(input.PersonHasCapacity), "A person who lacks capacity cannot receive or nominate: the payment goes to an authorised person"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Recipient = input.Recipient;
        RecipientName = recipientName;
        RecipientRelationship = relationship;
        RecipientAddress = address;
        AuthorisedPersonSuitable = input.Recipient == RecipientKind.AuthorisedPerson ? input.AuthorisedPersonSuitable : null;
        SuitabilityReason = input.Recipient == RecipientKind.AuthorisedPerson ? suitability : null;
        PersonHasCapacity = input.PersonHasCapacity;
        ConsentGiven = input.ConsentGiven;
        CapacityAndConsentNotes = notes;
        PaysCloseRelativeInHousehold = input.PaysCloseRelativeInHousehold;
        CloseRelativeReason = input.PaysCloseRelativeInHousehold == true ? closeReason : null;
        Account = input.Account;
        AccountName = accountName;
        SortCode = sortCode;
        AccountNumber = accountNumber;
        EmploysPersonalAssistants = input.EmploysPersonalAssistants;
        UsesPayrollService = input.EmploysPersonalAssistants == true ? input.UsesPayrollService : null;
        HasEmployersLiabilityInsurance = input.EmploysPersonalAssistants == true ? input.HasEmployersLiabilityInsurance : null;
        Frequency = input.Frequency ?? PaymentFrequency.FourWeekly;
        StartDate = input.StartDate ?? StartDate;
        StartUpAmount = input.StartUpAmount;
        StartUpDescription = input.StartUpAmount is null ? null : startUpDescription ?? "Start-up payment";
        Touch(actor, now);
    }

    /// <summary>What is still missing before the agreement can be signed, by field.</summary>
    public IReadOnlyList<FieldError> MissingForSignature()
    {
        var missing = new List<FieldError>();
        void Need(bool ok, string field, string message)
        {
            if (!ok)
            {
                missing.Add(new FieldError(field, message));
            }
        }

        Need(Recipient is not null, nameof(Recipient), "Choose who receives the direct payment");
        Need(Recipient == RecipientKind.Person || RecipientName is not null, nameof(RecipientName), "Enter the name of the nominee or authorised person");
        Need(Recipient != RecipientKind.AuthorisedPerson || (AuthorisedPersonSuitable == true && SuitabilityReason is not null), nameof(SuitabilityReason),
            "Record the council's decision that the authorised person is suitable, with the reason");
        Need(PersonHasCapacity is not null, nameof(PersonHasCapacity), "Record whether the person has capacity to request a direct payment");
        Need(ConsentGiven == true, nameof(ConsentGiven), "Record the consent of the person (or the authorised person) to receive a direct payment");
        Need(PaysCloseRelativeInHousehold is not null, nameof(PaysCloseRelativeInHousehold), "Record whether a close relative living in the same household will be paid");
        Need(Account is not null, nameof(Account), "Choose how the money is held");
        Need(SortCode is not null && AccountNumber is not null, nameof(SortCode), "Enter the account's sort code and account number");
        Need(EmploysPersonalAssistants is not null, nameof(EmploysPersonalAssistants), "Record whether the person employs personal assistants");
        Need(EmploysPersonalAssistants != true || HasEmployersLiabilityInsurance == true, nameof(HasEmployersLiabilityInsurance),
            "An employer of personal assistants needs employer's liability insurance before the first payment");
        Need(StartDate is not null, nameof(StartDate), "Enter the start date");
        return missing;
    }

    /// <summary>Records the date the agreement was signed. Nothing is paid before this is recorded.</summary>
    public void RecordSignature(DateOnly? signedOn, int revision, DateOnly today, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        CheckRevision(revision);
        if (Status != DirectPaymentStatus.SettingUp)
        {
            throw new ConflictException("dp-already-signed", $"The agreement's signature was already recorded ({(SignedOn is { } s ? UkFormat.Date(s) : "")})");
        }

        if (signedOn is not { } date)
        {
            throw new ValidationFailedException([new FieldError("SignedOn", "Enter the date the agreement was signed")]);
        }

        if (date > today)
        {
            throw new ValidationFailedException([new FieldError("SignedOn", "The date the agreement was signed must be today or in the past")]);
        }

        if (date < UkTime.DateOf(StartedAt))
        {
            throw new ValidationFailedException([new FieldError("SignedOn", "The agreement cannot have been signed before its set-up started")]);
        }

        var missing = MissingForSignature();
        if (missing.Count > 0)
        {
            throw new ValidationFailedException(missing);
        }

        SignedOn = date;
        SignatureRecordedByName = actor.DisplayName;
        Status = DirectPaymentStatus.Active;
        Touch(actor, now);
    }

    /// <summary>The schedule as it stands (rates from the start, changes, suspensions, the start-up payment and the end).</summary>
    public ScheduleTerms Terms(DateOnly? cycleAnchor = null)
    {
        var start = StartDate ?? throw new DomainException("dp-no-start", "The direct payment has no start date", "StartDate");
        var rates = new List<RateChange> { new(start, GrossWeekly, ContributionWeekly) };
        foreach (var change in RateChanges.Where(c => c.From > start))
        {
            rates.RemoveAll(r => r.From == change.From);
            rates.Add(new RateChange(change.From, change.GrossWeekly, change.ContributionWeekly));
        }

        // The first rate covers the start; a change dated on or before the start replaces it.
        foreach (var change in RateChanges.Where(c => c.From <= start).OrderBy(c => c.From))
        {
            rates[0] = new RateChange(start, change.GrossWeekly, change.ContributionWeekly);
        }

        var oneOffs = StartUpAmount is { } amount ? new List<OneOffPayment> { new(start, amount, StartUpDescription ?? "Start-up payment") } : [];
        return new ScheduleTerms(start, Frequency, rates.OrderBy(r => r.From).ToList(), oneOffs,
            Suspensions.Select(s => new Suspension(s.From, s.To)).ToList(), EndDate is { } end && end < start ? start : EndDate, cycleAnchor);
    }

    /// <summary>May a run on <paramref name="runDate"/> pay this agreement? Only once signed, and never for a run dated before the signature.</summary>
    public bool PayableOn(DateOnly runDate) => SignedOn is { } signed && signed <= runDate && Status != DirectPaymentStatus.SettingUp && !(EndDate < StartDate);

    /// <summary>Suspends the payments from a date (for example a hospital stay), to a date or until further notice, with a reason and notice.</summary>
    public void Suspend(DateOnly? from, DateOnly? to, string? reason, DateOnly? noticeGivenOn, int revision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        CheckRevision(revision);
        if (Status is not (DirectPaymentStatus.Active or DirectPaymentStatus.Suspended))
        {
            throw new DomainException("dp-not-active", "Only a signed direct payment that has not ended can be suspended");
        }

        var errors = new List<FieldError>();
        var why = Texts.Required(reason, "Reason", "Give the reason for the suspension", TextMaxLength, errors);
        if (from is null)
        {
            errors.Add(new FieldError("SuspendFrom", "Enter the first day of the suspension"));
        }
        else if (StartDate is { } start && from < start)
        {
            errors.Add(new FieldError("SuspendFrom", "The suspension cannot start before the direct payment"));
        }

        if (to is { } last && from is { } first && last < first)
        {
            errors.Add(new FieldError("SuspendTo", "The last day of the suspension cannot be before its first day"));
        }

        if (noticeGivenOn is null)
        {
            errors.Add(new FieldError("NoticeGivenOn", "Enter the date notice was given to the person"));
        }

        var existing = Suspensions.ToList();
        if (from is { } f && existing.Any(s => new Suspension(s.From, s.To).Overlaps(f, to)))
        {
            errors.Add(new FieldError("SuspendFrom", "The direct payment is already suspended for some of these days"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        existing.Add(new SuspensionRecord(from!.Value, to, why!, noticeGivenOn!.Value, now, actor.DisplayName));
        SuspensionsJson = JsonSerializer.Serialize(existing.OrderBy(s => s.From).ToList(), Json);
        Status = to is null ? DirectPaymentStatus.Suspended : Status;
        Touch(actor, now);
    }

    /// <summary>Ends an open suspension: payments resume from <paramref name="resumeOn"/>.</summary>
    public void Resume(DateOnly? resumeOn, int revision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        CheckRevision(revision);
        var list = Suspensions.ToList();
        var open = list.FindIndex(s => s.To is null);
        if (Status != DirectPaymentStatus.Suspended || open < 0)
        {
            throw new DomainException("dp-not-suspended", "The direct payment is not suspended until further notice");
        }

        if (resumeOn is not { } day || day <= list[open].From)
        {
            throw new ValidationFailedException([new FieldError("ResumeOn", "Enter the day payments start again, after the suspension began")]);
        }

        list[open] = list[open] with { To = day.AddDays(-1) };
        SuspensionsJson = JsonSerializer.Serialize(list, Json);
        Status = DirectPaymentStatus.Active;
        Touch(actor, now);
    }

    /// <summary>Ends the direct payment: the last day paid, the reason and the date notice was given (the council must then meet the needs another way).</summary>
    public void End(DateOnly? lastDay, string? reason, DateOnly? noticeGivenOn, int revision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        CheckRevision(revision);
        if (Status == DirectPaymentStatus.Ended)
        {
            throw new ConflictException("dp-ended", "The direct payment has already ended");
        }

        var errors = new List<FieldError>();
        var why = Texts.Required(reason, "Reason", "Give the reason for ending the direct payment", TextMaxLength, errors);
        if (lastDay is null)
        {
            errors.Add(new FieldError("EndDate", "Enter the last day the direct payment covers"));
        }
        else if (StartDate is { } start && lastDay < start.AddDays(-1))
        {
            errors.Add(new FieldError("EndDate", "The last day cannot be before the direct payment starts"));
        }

        if (noticeGivenOn is null)
        {
            errors.Add(new FieldError("NoticeGivenOn", "Enter the date notice was given to the person"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        EndDate = lastDay;
        EndReason = why;
        EndNoticeGivenOn = noticeGivenOn;
        Status = DirectPaymentStatus.Ended;
        Touch(actor, now);
    }

    /// <summary>The weekly amounts change from a date (a revised plan's approval, or a new contribution): the schedule splits there.</summary>
    public bool ChangeAmounts(Guid newBudgetId, DateOnly from, decimal grossWeekly, decimal contributionWeekly, string why, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status == DirectPaymentStatus.Ended)
        {
            return false;
        }

        var contribution = Math.Min(Math.Max(0m, contributionWeekly), grossWeekly);
        BudgetId = newBudgetId;
        if (Status == DirectPaymentStatus.SettingUp)
        {
            // Not yet signed: the set-up simply takes the new amounts.
            GrossWeekly = grossWeekly;
            ContributionWeekly = contribution;
            NetWeekly = grossWeekly - contribution;
            Touch(actor, now);
            return true;
        }

        var changes = RateChanges.Where(c => c.From != from).Append(new RateChangeRecord(from, grossWeekly, contribution, why, now)).OrderBy(c => c.From).ToList();
        RateChangesJson = JsonSerializer.Serialize(changes, Json);
        Touch(actor, now);
        return true;
    }

    /// <summary>The net weekly amount on a day (after changes; zero while suspended or after the end).</summary>
    public decimal NetWeeklyOn(DateOnly day)
    {
        if (StartDate is null || day < StartDate || (EndDate is { } end && day > end) || Suspensions.Any(s => day >= s.From && (s.To is null || day <= s.To)))
        {
            return 0m;
        }

        return PaymentSchedule.RateOn(Terms(), day);
    }

    private void CheckRevision(int revision)
    {
        if (revision != Revision)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        UpdatedByName = actor.DisplayName;
        UpdatedAt = now;
        Revision++;
    }

    private static string? NormaliseDigits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new string(value.Where(c => c is not (' ' or '-')).ToArray());
        return digits.All(char.IsAsciiDigit) ? digits : "x";
    }
}
