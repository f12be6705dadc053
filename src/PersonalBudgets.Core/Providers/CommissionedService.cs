using System.ComponentModel.DataAnnotations;
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

/// <summary>
/// An individual service fund or a council-commissioned service: a provider delivering an approved plan's element of that
/// deployment, at so many units a week at the provider's rate in force on the start date. One active one per element.
/// </summary>
public sealed class CommissionedService
{
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

    public decimal WeeklyCost => Budgets.Money.Round(UnitsPerWeek * Rate);

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
    public ScheduleTerms Terms() =>
        new(StartDate, PaymentFrequency.FourWeekly, [new RateChange(StartDate, WeeklyCost, 0m)], [], [], EndDate);

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
