using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Providers;

public enum ProviderType
{
    [Display(Name = "Home care")] HomeCare,
    [Display(Name = "Day opportunities")] DayOpportunities,
    [Display(Name = "Supported living")] SupportedLiving,
    [Display(Name = "Personal assistant agency")] PersonalAssistantAgency,
    [Display(Name = "Other")] Other,
}

/// <summary>What one unit of a provider's rate is.</summary>
public enum RateUnit
{
    [Display(Name = "Hour")] Hour,
    [Display(Name = "Session")] Session,
    [Display(Name = "Week")] Week,
}

/// <summary>A provider's price for a service from a date. A change is a new rate from a later date; old rates are kept.</summary>
public sealed class ProviderRate
{
    public const int ServiceMaxLength = 200;

    public Guid Id { get; private set; }
    public string Service { get; private set; } = "";
    public RateUnit Unit { get; private set; }
    public decimal Rate { get; private set; }
    public DateOnly From { get; private set; }

    private ProviderRate()
    {
    }

    internal static ProviderRate Create(string service, RateUnit unit, decimal rate, DateOnly from) =>
        new() { Id = Guid.NewGuid(), Service = service, Unit = unit, Rate = rate, From = from };
}

/// <summary>
/// A provider in the council's register (issue 15, ADR 0035): who they are, their CQC location, how to contact them,
/// their bank details (which only finance staff see) and their rates.
/// </summary>
public sealed partial class Provider
{
    public const int NameMaxLength = 200;
    public const int ContactMaxLength = 200;

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? CqcLocationId { get; private set; }
    public ProviderType Type { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactEmail { get; private set; }
    public string? ContactPhone { get; private set; }

    /// <summary>Six digits, no separators. Finance staff only (never in logs or audit text).</summary>
    public string? SortCode { get; private set; }

    /// <summary>Eight digits. Finance staff only (never in logs or audit text).</summary>
    public string? AccountNumber { get; private set; }

    public string? AccountName { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private readonly List<ProviderRate> rates = [];

    public IReadOnlyList<ProviderRate> Rates => rates;

    public bool HasBankDetails => SortCode is not null && AccountNumber is not null;

    private Provider()
    {
    }

    public static Provider Create(ProviderDetails details, Actor actor, DateTimeOffset now)
    {
        var p = new Provider { Id = Guid.NewGuid(), CreatedAt = now, CreatedByName = actor.DisplayName };
        p.Apply(details, actor, now);
        p.Revision = 1;
        return p;
    }

    public void Update(ProviderDetails details, int revision, Actor actor, DateTimeOffset now)
    {
        EnsureRevision(revision, actor, now);
        Apply(details, actor, now);
        Revision++;
    }

    private void Apply(ProviderDetails d, Actor actor, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var name = Texts.Required(d.Name, nameof(Name), "Enter the provider's name", NameMaxLength, errors);
        var cqc = string.IsNullOrWhiteSpace(d.CqcLocationId) ? null : d.CqcLocationId.Trim();
        if (cqc is not null && !CqcPattern().IsMatch(cqc))
        {
            errors.Add(new FieldError(nameof(CqcLocationId), "Enter the CQC location ID as 1- followed by digits, like 1-123456789"));
        }

        if (d.Type is null || !Enum.IsDefined(d.Type.Value))
        {
            errors.Add(new FieldError(nameof(Type), "Select the type of provider"));
        }

        var contact = Texts.Optional(d.ContactName, nameof(ContactName), ContactMaxLength, errors);
        var email = Texts.Optional(d.ContactEmail, nameof(ContactEmail), ContactMaxLength, errors);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(nameof(ContactEmail), "Enter an email address in the correct format, like name@example.com"));
        }

        var phone = Texts.Optional(d.ContactPhone, nameof(ContactPhone), 40, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        Name = name!;
        CqcLocationId = cqc;
        Type = d.Type!.Value;
        ContactName = contact;
        ContactEmail = email;
        ContactPhone = phone;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }

    /// <summary>Records the provider's bank account (validated); the caller audits that it changed, never the values.</summary>
    public void SetBankDetails(string? sortCode, string? accountNumber, string? accountName, int revision, Actor actor, DateTimeOffset now)
    {
        EnsureRevision(revision, actor, now);
        var errors = new List<FieldError>();
        var sc = BankDetails.NormaliseSortCode(sortCode);
        if (sc is null)
        {
            errors.Add(new FieldError(nameof(SortCode), "Enter a sort code of 6 digits, like 309430"));
        }

        var an = BankDetails.NormaliseAccountNumber(accountNumber);
        if (an is null)
        {
            errors.Add(new FieldError(nameof(AccountNumber), "Enter an account number of 8 digits, like 00733445"));
        }

        var holder = Texts.Required(accountName, nameof(AccountName), "Enter the name on the account", NameMaxLength, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        SortCode = sc;
        AccountNumber = an;
        AccountName = holder;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
        Revision++;
    }

    /// <summary>Adds a rate from a date. A rate for the same service from the same date is refused: add a later one.</summary>
    public ProviderRate AddRate(string? service, RateUnit? unit, decimal? rate, DateOnly? from, int revision, Actor actor, DateTimeOffset now)
    {
        EnsureRevision(revision, actor, now);
        var errors = new List<FieldError>();
        var name = Texts.Required(service, "Service", "Enter the service the rate is for", ProviderRate.ServiceMaxLength, errors);
        if (unit is null || !Enum.IsDefined(unit.Value))
        {
            errors.Add(new FieldError("Unit", "Select what a unit is: an hour, a session or a week"));
        }

        if (rate is null)
        {
            errors.Add(new FieldError("Rate", "Enter the rate, in pounds and pence"));
        }
        else if (rate <= 0 || rate > 100_000m || decimal.Round(rate.Value, 2) != rate)
        {
            errors.Add(new FieldError("Rate", "Enter the rate in pounds and pence, more than £0 and up to £100,000"));
        }

        if (from is null)
        {
            errors.Add(new FieldError("From", "Enter the date the rate applies from"));
        }
        else if (from < PlausibleDates.EarliestRecord)
        {
            errors.Add(new FieldError("From", $"The date must be on or after {UkFormat.Date(PlausibleDates.EarliestRecord)}"));
        }

        if (errors.Count == 0 && rates.Any(r => string.Equals(r.Service, name, StringComparison.OrdinalIgnoreCase) && r.From == from))
        {
            errors.Add(new FieldError("From", "This service already has a rate from that date: add a rate from a later date"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var added = ProviderRate.Create(name!, unit!.Value, rate!.Value, from!.Value);
        rates.Add(added);
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
        Revision++;
        return added;
    }

    /// <summary>The rate for the service in force on the day: the one with the latest start on or before it.</summary>
    public ProviderRate? RateOn(string service, DateOnly day) => rates
        .Where(r => string.Equals(r.Service, service.Trim(), StringComparison.OrdinalIgnoreCase) && r.From <= day)
        .OrderByDescending(r => r.From).FirstOrDefault();

    private void EnsureRevision(int revision, Actor actor, DateTimeOffset now)
    {
        if (revision != Revision)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }

        _ = actor;
        _ = now;
    }

    [GeneratedRegex(@"^1-[0-9]{1,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex CqcPattern();
}

/// <summary>What is typed about a provider.</summary>
public sealed record ProviderDetails(string? Name, string? CqcLocationId, ProviderType? Type, string? ContactName, string? ContactEmail, string? ContactPhone);

/// <summary>Sort code and account number rules, and how they are shown to staff who are not finance.</summary>
public static class BankDetails
{
    /// <summary>Six digits, allowing spaces or hyphens between pairs; null if it is not one.</summary>
    public static string? NormaliseSortCode(string? value)
    {
        var digits = Strip(value);
        return digits is { Length: 6 } && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>Eight digits, allowing spaces; null if it is not one.</summary>
    public static string? NormaliseAccountNumber(string? value)
    {
        var digits = Strip(value);
        return digits is { Length: 8 } && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static string FormatSortCode(string sortCode) => $"{sortCode[..2]}-{sortCode[2..4]}-{sortCode[4..]}";

    /// <summary>What staff who are not finance see: that there is an account, not its number.</summary>
    public static string Masked(string? accountNumber) => accountNumber is { Length: >= 4 } ? $"Account ending ****{accountNumber[^2..]}" : "Not recorded";

    private static string? Strip(string? value) =>
        value is null ? null : string.Concat(value.Where(c => c is not (' ' or '-')));
}
