using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Providers;

public enum CommissionedServiceStatus
{
    [Display(Name = "Active")] Active,
    [Display(Name = "Ended")] Ended,
}

/// <summary>Days the provider does not deliver the service (for example a hospital stay): From to To inclusive; To null means until further notice.</summary>
public sealed record ServiceSuspension(DateOnly From, DateOnly? To, string Reason, DateTimeOffset RecordedAt, string RecordedByName)
{
    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);
}

/// <summary>A change of the units a week and the rate from a date (the provider's new rate, more hours after a review), and why.</summary>
public sealed record ServiceChange(DateOnly From, decimal UnitsPerWeek, decimal Rate, string? Reason, DateTimeOffset RecordedAt, string RecordedByName)
{
    public decimal WeeklyCost => Budgets.Money.Round(UnitsPerWeek * Rate);
}

/// <summary>
/// An individual service fund or a council-commissioned service: a provider delivering an approved plan's element of that
/// deployment, at so many units a week at the provider's rate in force on the start date. One active one per element.
/// <see cref="UnitsPerWeek"/> and <see cref="Rate"/> are the values from the start; changes from a date and suspensions
/// are kept with the service (<see cref="Changes"/>, <see cref="Suspensions"/>, like a direct payment's) and shape its
/// schedule (<see cref="Terms"/>) and what its invoices are matched against (ADR 0040).
/// </summary>
public sealed class CommissionedService
{
    public const int ReasonMaxLength = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid ElementId { get; private set; }
    public Deployment Deployment { get; private set; }
    public string Description { get; private set; } = "";
    public string Service { get; private set; } = "";
    public RateUnit Unit { get; private set; }
    public decimal UnitsPerWeek { get; private set; }
    public decimal Rate { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public CommissionedServiceStatus Status { get; private set; }

    /// <summary>Why it ended, when something other than a person's choice of date ended it (a revised plan without its element).</summary>
    public string? EndReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public int Revision { get; private set; }

    /// <summary>The suspensions, earliest first, as JSON (like a direct payment's).</summary>
    public string SuspensionsJson { get; private set; } = "[]";

    /// <summary>The changes of units and rate from a date, earliest first, as JSON.</summary>
    public string ChangesJson { get; private set; } = "[]";

    /// <summary>The weekly cost from the start date (before any change).</summary>
    public decimal WeeklyCost => Budgets.Money.Round(UnitsPerWeek * Rate);

    public IReadOnlyList<ServiceSuspension> Suspensions => JsonSerializer.Deserialize<List<ServiceSuspension>>(SuspensionsJson, Json)!;

    public IReadOnlyList<ServiceChange> Changes => JsonSerializer.Deserialize<List<ServiceChange>>(ChangesJson, Json)!;

    /// <summary>The suspension until further notice, if there is one.</summary>
    public ServiceSuspension? OpenSuspension => Suspensions.FirstOrDefault(s => s.To is null);

    /// <summary>The units a week and rate in force on a day: the start's, or the latest change from on or before it.</summary>
    public (decimal UnitsPerWeek, decimal Rate) ValuesOn(DateOnly day)
    {
        var change = Changes.LastOrDefault(c => c.From <= day);
        return change is null ? (UnitsPerWeek, Rate) : (change.UnitsPerWeek, change.Rate);
    }

    public decimal WeeklyCostOn(DateOnly day)
    {
        var (units, rate) = ValuesOn(day);
        return Budgets.Money.Round(units * rate);
    }

    public bool IsSuspendedOn(DateOnly day) => Suspensions.Any(s => s.Covers(day));

    private CommissionedService()
    {
    }

    /// <summary>An individual service fund is paid to the provider by schedule; a council-commissioned service on invoice (ADR 0037).</summary>
    public bool IsPaidBySchedule => Deployment == Deployment.IndividualServiceFund;

    /// <summary>The fund's reference in payment runs and the payment file (its payments add the period's start date).</summary>
    public string Reference => $"ISF-{Id.ToString("N")[..8].ToUpperInvariant()}";

    /// <summary>
    /// What an individual service fund pays: its weekly cost from its start date, every four weeks in advance on the council's
    /// payment cycle like a direct payment (so the first and last periods are pro rata), to its end date. No contribution
    /// is taken off: the person's contribution is collected by the council, not from the provider.
    /// </summary>
    /// <remarks>
    /// Changes of units or rate split the schedule at their dates and suspensions pay nothing for their days (ADR 0040).
    /// A period already paid is not paid again: the next run corrects the difference, as for a direct payment (ADR 0034).
    /// </remarks>
    public ScheduleTerms Terms()
    {
        var rates = new List<RateChange> { new(StartDate, WeeklyCost, 0m) };
        foreach (var change in Changes)
        {
            // A change from the start date replaces the start's values.
            rates.RemoveAll(r => r.From == change.From);
            rates.Add(new RateChange(change.From, change.WeeklyCost, 0m));
        }

        return new ScheduleTerms(StartDate, PaymentFrequency.FourWeekly, rates.OrderBy(r => r.From).ToList(), [],
            Suspensions.Select(s => new Suspension(s.From, s.To)).ToList(), EndDate);
    }

    public bool IsInForceOn(DateOnly day) => StartDate <= day && (EndDate is null || day <= EndDate);

    /// <summary>
    /// Commissions the provider for the approved plan's element. The rate is the provider's for the service on the start
    /// date; the element must be an individual service fund or a council-commissioned service.
    /// </summary>
    public static CommissionedService Create(SupportPlan plan, Guid? elementId, Provider provider, string? service, decimal? unitsPerWeek,
        DateOnly? startDate, DateOnly? endDate, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(provider);
        var errors = new List<FieldError>();
        if (plan.Status != PlanStatus.Approved)
        {
            throw new DomainException("plan-not-approved", "Services are commissioned from an approved plan: this plan version is not the approved one", "PlanId");
        }

        var element = elementId is { } eid ? plan.Elements.FirstOrDefault(e => e.Id == eid) : null;
        if (element is null)
        {
            errors.Add(new FieldError("ElementId", "Select an element of the plan"));
        }
        else if (element.Deployment is not (Deployment.IndividualServiceFund or Deployment.CouncilCommissioned))
        {
            errors.Add(new FieldError("ElementId", "Select an element paid for by an individual service fund or a council-commissioned service"));
        }

        var name = Texts.Required(service, "Service", "Enter the provider's service, as named in their rates", ProviderRate.ServiceMaxLength, errors);
        if (unitsPerWeek is null)
        {
            errors.Add(new FieldError("UnitsPerWeek", "Enter how many units a week"));
        }
        else if (unitsPerWeek <= 0 || unitsPerWeek > 168m || decimal.Round(unitsPerWeek.Value, 2) != unitsPerWeek)
        {
            errors.Add(new FieldError("UnitsPerWeek", "Units a week must be more than 0 and 168 or fewer, with at most 2 decimal places"));
        }

        if (startDate is null)
        {
            errors.Add(new FieldError("StartDate", "Enter the date the service starts"));
        }
        else if (endDate is { } end && end < startDate)
        {
            errors.Add(new FieldError("EndDate", "The end date must be the same as or after the start date"));
        }
        else if (element is not null && (startDate < element.StartDate || (element.EndDate is { } elementEnd && startDate > elementEnd)))
        {
            errors.Add(new FieldError("StartDate", $"The start date must be within the element's dates (from {UkFormat.Date(element.StartDate)}{(element.EndDate is { } ee ? $" to {UkFormat.Date(ee)}" : "")})"));
        }

        ProviderRate? rate = null;
        if (errors.Count == 0)
        {
            rate = provider.RateOn(name!, startDate!.Value);
            if (rate is null)
            {
                errors.Add(new FieldError("Service", $"{provider.Name} has no rate for this service on {UkFormat.Date(startDate.Value)}: add the rate to the provider first"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new CommissionedService
        {
            Id = Guid.NewGuid(),
            PersonId = plan.PersonId,
            ProviderId = provider.Id,
            PlanId = plan.Id,
            ElementId = element!.Id,
            Deployment = element.Deployment,
            Description = element.Description,
            Service = rate!.Service,
            Unit = rate.Unit,
            UnitsPerWeek = unitsPerWeek!.Value,
            Rate = rate.Rate,
            StartDate = startDate!.Value,
            EndDate = endDate,
            Status = CommissionedServiceStatus.Active,
            CreatedAt = now,
            CreatedByName = actor.DisplayName,
            Revision = 1,
        };
    }

    public const int EndReasonMaxLength = 300;

    public void End(DateOnly? endDate, string? reason = null)
    {
        if (Status == CommissionedServiceStatus.Ended)
        {
            throw new DomainException("service-ended", "This commissioned service has already ended", "EndDate");
        }

        if (endDate is not { } end || end < StartDate)
        {
            throw new ValidationFailedException([new FieldError("EndDate", $"Enter an end date on or after the start date ({UkFormat.Date(StartDate)})")]);
        }

        EndDate = end;
        EndReason = reason is { Length: > EndReasonMaxLength } ? reason[..EndReasonMaxLength] : reason;
        Status = CommissionedServiceStatus.Ended;
        Revision++;
    }

    /// <summary>
    /// Suspends the service from a date, to a date or until further notice, with a reason (for example a hospital stay: the
    /// provider does not deliver it). Only an active service; not before its start or after its end; no overlap.
    /// </summary>
    public ServiceSuspension Suspend(DateOnly? from, DateOnly? to, string? reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureActive("suspended");
        var errors = new List<FieldError>();
        var why = Texts.Required(reason, "Reason", "Give the reason for the suspension", ReasonMaxLength, errors);
        if (from is not { } first)
        {
            errors.Add(new FieldError("SuspendFrom", "Enter the first day of the suspension"));
        }
        else if (first < StartDate)
        {
            errors.Add(new FieldError("SuspendFrom", $"The suspension cannot start before the service starts ({UkFormat.Date(StartDate)})"));
        }
        else if (EndDate is { } end && first > end)
        {
            errors.Add(new FieldError("SuspendFrom", $"The suspension cannot start after the service ends ({UkFormat.Date(end)})"));
        }

        if (to is { } last && from is { } f && last < f)
        {
            errors.Add(new FieldError("SuspendTo", "The last day of the suspension cannot be before its first day"));
        }

        var existing = Suspensions.ToList();
        if (from is { } start && (to is null || to >= start)
            && existing.Any(s => new Suspension(s.From, s.To).Overlaps(start, to)))
        {
            errors.Add(new FieldError("SuspendFrom", "The service is already suspended for some of these days"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var added = new ServiceSuspension(from!.Value, to, why!, now, actor.DisplayName);
        existing.Add(added);
        SuspensionsJson = JsonSerializer.Serialize(existing.OrderBy(s => s.From).ToList(), Json);
        Revision++;
        return added;
    }

    /// <summary>Ends the suspension until further notice: the service is delivered (and a fund paid) again from <paramref name="resumeOn"/>.</summary>
    public ServiceSuspension Resume(DateOnly? resumeOn)
    {
        EnsureActive("resumed");
        var list = Suspensions.ToList();
        var open = list.FindIndex(s => s.To is null);
        if (open < 0)
        {
            throw new DomainException("service-not-suspended", "The service is not suspended until further notice", "ResumeOn");
        }

        if (resumeOn is not { } day || day <= list[open].From)
        {
            throw new ValidationFailedException([new FieldError("ResumeOn", $"Enter the day the service starts again, after the suspension began ({UkFormat.Date(list[open].From)})")]);
        }

        list[open] = list[open] with { To = day.AddDays(-1) };
        SuspensionsJson = JsonSerializer.Serialize(list, Json);
        Revision++;
        return list[open];
    }

    /// <summary>
    /// Changes the units a week or the rate from a date: a date on or after the start, after the last change and not after
    /// the end. Units not given stay as they are; the rate not given is the provider's rate for the service on that date.
    /// A change to the values already in force is refused.
    /// </summary>
    public ServiceChange ChangeFrom(DateOnly? from, decimal? unitsPerWeek, decimal? rate, string? reason, Provider provider, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureActive("changed");
        var errors = new List<FieldError>();
        var why = Texts.Optional(reason, "Reason", ReasonMaxLength, errors);
        var changes = Changes.ToList();
        if (from is not { } day)
        {
            errors.Add(new FieldError("ChangeFrom", "Enter the date the change starts"));
        }
        else if (day < StartDate)
        {
            errors.Add(new FieldError("ChangeFrom", $"The change must start on or after the service starts ({UkFormat.Date(StartDate)})"));
        }
        else if (changes.Count > 0 && day <= changes[^1].From)
        {
            errors.Add(new FieldError("ChangeFrom", $"The change must start after the last change ({UkFormat.Date(changes[^1].From)})"));
        }
        else if (EndDate is { } end && day > end)
        {
            errors.Add(new FieldError("ChangeFrom", $"The change cannot start after the service ends ({UkFormat.Date(end)})"));
        }

        if (unitsPerWeek is { } u && (u <= 0 || u > 168m || decimal.Round(u, 2) != u))
        {
            errors.Add(new FieldError("UnitsPerWeek", "Units a week must be more than 0 and 168 or fewer, with at most 2 decimal places"));
        }

        if (rate is { } r && (r <= 0 || r > 100_000m || decimal.Round(r, 2) != r))
        {
            errors.Add(new FieldError("Rate", "Enter the rate in pounds and pence, more than £0"));
        }

        decimal? newRate = rate;
        if (errors.Count == 0 && rate is null)
        {
            newRate = provider.Id == ProviderId ? provider.RateOn(Service, from!.Value)?.Rate : null;
            if (newRate is null)
            {
                errors.Add(new FieldError("Rate", $"{provider.Name} has no rate for {Service} on {UkFormat.Date(from!.Value)}: enter the rate, or add it to the provider first"));
            }
        }

        if (errors.Count == 0)
        {
            var (unitsNow, rateNow) = ValuesOn(from!.Value);
            if ((unitsPerWeek ?? unitsNow) == unitsNow && newRate == rateNow)
            {
                errors.Add(new FieldError(unitsPerWeek is null ? "Rate" : "UnitsPerWeek",
                    $"These are the units and rate already in force on {UkFormat.Date(from.Value)} ({unitsNow} a week at {UkFormat.Money(rateNow)}): change the units or the rate"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var added = new ServiceChange(from!.Value, unitsPerWeek ?? ValuesOn(from.Value).UnitsPerWeek, newRate!.Value, why, now, actor.DisplayName);
        changes.Add(added);
        ChangesJson = JsonSerializer.Serialize(changes, Json);
        Revision++;
        return added;
    }

    private void EnsureActive(string what)
    {
        if (Status != CommissionedServiceStatus.Active)
        {
            throw new DomainException("service-ended", $"This commissioned service has ended: it cannot be {what}");
        }
    }

    /// <summary>
    /// Carries the active service over to the matching element of a revised plan as it is approved: the same service,
    /// provider, rate and dates, now funded by the new version's element (ADR 0038).
    /// </summary>
    public void CarryOverTo(SupportPlan plan, PlanElement element)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(element);
        if (Status != CommissionedServiceStatus.Active || element.Deployment != Deployment || plan.PersonId != PersonId)
        {
            throw new InvalidOperationException("Only an active service carries over, to an element of the same deployment in the person's plan.");
        }

        PlanId = plan.Id;
        ElementId = element.Id;
        Description = element.Description;
        Revision++;
    }
}

/// <summary>What a revised plan's approval does to one active commissioned service: carried to an element, or ended.</summary>
public sealed record CommissionedServiceCarryOver(CommissionedService Service, PlanElement? To, DateOnly? EndOn);

/// <summary>
/// The rule for commissioned services when a revised plan is approved (ADR 0038). Each active service of the person that
/// belongs to an earlier version is carried over to the new version's element it matches, rather than ended and
/// recreated: the element with the same id (revisions copy elements with their ids) and the same deployment, else one
/// with the same deployment and description. When no element matches (it was removed, or its deployment changed) the
/// service ends the day before the approval date, or on its start date if it had not started.
/// </summary>
public static class CommissioningPolicy
{
    public static IReadOnlyList<CommissionedServiceCarryOver> OnRevisedPlanApproved(IEnumerable<CommissionedService> active, SupportPlan approved, DateOnly approvedOn)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(approved);
        var taken = new HashSet<Guid>();
        var decisions = new List<CommissionedServiceCarryOver>();
        var services = active.Where(s => s.Status == CommissionedServiceStatus.Active && s.PersonId == approved.PersonId && s.PlanId != approved.Id)
            .OrderBy(s => s.StartDate).ThenBy(s => s.Id).ToList();
        foreach (var service in services)
        {
            var element = approved.Elements.FirstOrDefault(e => e.Id == service.ElementId && e.Deployment == service.Deployment && !taken.Contains(e.Id))
                ?? approved.Elements.FirstOrDefault(e => e.Deployment == service.Deployment && !taken.Contains(e.Id)
                    && string.Equals(e.Description.Trim(), service.Description.Trim(), StringComparison.OrdinalIgnoreCase));
            if (element is not null)
            {
                taken.Add(element.Id);
                decisions.Add(new CommissionedServiceCarryOver(service, element, null));
            }
            else
            {
                var end = approvedOn.AddDays(-1);
                decisions.Add(new CommissionedServiceCarryOver(service, null, end < service.StartDate ? service.StartDate : end));
            }
        }

        return decisions;
    }
}
