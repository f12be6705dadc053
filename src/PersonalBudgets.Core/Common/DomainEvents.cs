using System.ComponentModel.DataAnnotations.Schema;

namespace PersonalBudgets.Core.Common;

/// <summary>Something that happened to a record that other parts of the domain react to (the pathway, for one).</summary>
public abstract record DomainEvent(Guid PersonId);

/// <summary>
/// A record that raises domain events (eShop's <c>Entity.AddDomainEvent</c>). The events are not stored: whoever saves
/// the record takes them and applies them in the same unit of work, before the save.
/// </summary>
public abstract class AggregateRoot
{
    private List<DomainEvent>? domainEvents;

    [NotMapped]
    public IReadOnlyList<DomainEvent> DomainEvents => domainEvents ?? [];

    public void AddDomainEvent(DomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        (domainEvents ??= []).Add(domainEvent);
    }

    /// <summary>Takes the events raised so far, so each is applied once.</summary>
    public IReadOnlyList<DomainEvent> TakeDomainEvents()
    {
        var taken = DomainEvents.ToList();
        domainEvents?.Clear();
        return taken;
    }
}
